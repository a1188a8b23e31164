import fc from 'fast-check';
import { EmptyFileSystem, ValueConverter } from 'langium';
import { describe, expect, test } from 'vitest';
import { isConnection, type Model } from '../../language/generated/ast.js';
import { createIomServices } from '../../language/iom-module.js';
import { convertString } from '../../language/parser/iom-value-converter.js';

/** A quoted string as the STRING terminal matches it: any character but a quote, a backslash or a line break, or an escape. */
const quoted = fc
    .array(
        fc.oneof(
            fc.constantFrom('a', 'Z', ' ', 'é', '\\\\', '\\"', '\\n', '\\t', '\\0', '\\x', '\\b', '\\v', '\\f', '\\r'),
            fc.string({ maxLength: 3 }).filter(s => !/["\\\r\n]/.test(s))
        ),
        { maxLength: 40 }
    )
    .map(parts => `"${parts.join('')}"`);

describe('quoted strings are converted as Langium converts them, without building them a character at a time', () => {
    test('the same value as Langium’s conversion for any quoted string', () => {
        fc.assert(
            fc.property(quoted, text => {
                expect(convertString(text)).toBe(ValueConverter.convertString(text));
            }),
            { numRuns: 2000, seed: 7 }
        );
    });

    test('an escape-free name is its text without the quotes; escapes are replaced', () => {
        expect(convertString('"Contoso Order Provider"')).toBe('Contoso Order Provider');
        expect(convertString('""')).toBe('');
        expect(convertString('"a\\"b\\\\c\\nd\\qe"')).toBe('a"b\\c\ndqe');
    });

    test('a parsed declaration carries the converted name and description', () => {
        const { Iom } = createIomServices(EmptyFileSystem);
        const result = Iom.parser.LangiumParser.parse<Model>(
            'connection "Dataverse \\"main\\"" {\n    connector dataverse\n    description "Line one\\nline two"\n}\n'
        );
        expect(result.parserErrors).toEqual([]);
        const connection = result.value.elements.find(isConnection);
        expect(connection?.name).toBe('Dataverse "main"');
        expect(connection?.description).toBe('Line one\nline two');
    });
});
