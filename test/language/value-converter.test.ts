import fc from 'fast-check';
import * as path from 'node:path';
import { type CstNode, CstUtils, DefaultValueConverter, EmptyFileSystem, type GrammarAST, ValueConverter, type ValueType } from 'langium';
import { describe, expect, test } from 'vitest';
import { isConnection, type Model } from '../../language/generated/ast.js';
import { createIomServices } from '../../language/iom-module.js';
import { convertString, IomValueConverter } from '../../language/parser/iom-value-converter.js';
import { readExamples } from '../fuzz/cases.js';

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

/**
 * Langium's way of choosing a conversion on every call (`DefaultValueConverter.convert` and, for the rules the
 * language does not convert itself, its `runConverter`), around the language's own conversions.
 */
class ChosenPerCall extends IomValueConverter {
    override convert(input: string, cstNode: CstNode): ValueType {
        return DefaultValueConverter.prototype.convert.call(this, input, cstNode);
    }
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (['ID', 'STRING', 'TEXT_BLOCK', 'LogicType', 'DataOperator', 'Cardinality', 'MappingTable'].includes(rule.name)) {
            return super.runConverter(rule, input, cstNode);
        }
        return DefaultValueConverter.prototype['runConverter'].call(this, rule, input, cstNode);
    }
}

describe('the conversion of each grammar element is chosen once', () => {
    test('the same value as choosing it on every call, for every CST node of the examples', () => {
        const { Iom } = createIomServices(EmptyFileSystem);
        const [cached, perCall] = [new IomValueConverter(), new ChosenPerCall()];
        const outcome = (convert: () => ValueType) => {
            try {
                return { value: convert() };
            } catch (error) {
                return { error: String(error) };
            }
        };
        let converted = 0;
        for (const file of [...readExamples(path.resolve(__dirname, '..', '..')).values()].flat()) {
            const root = Iom.parser.LangiumParser.parse(file.text).value.$cstNode!;
            for (const node of CstUtils.streamCst(root)) {
                const expected = outcome(() => perCall.convert(node.text, node));
                expect(outcome(() => cached.convert(node.text, node))).toEqual(expected);
                if ('value' in expected && expected.value !== node.text) converted++;
            }
        }
        // Names lose their quotes, numbers become numbers, phrases are joined: conversions did happen.
        expect(converted).toBeGreaterThan(100);
    });

    test('numbers are converted by the NUMBER terminal', () => {
        const { Iom } = createIomServices(EmptyFileSystem);
        const number = Iom.Grammar.rules.find(rule => rule.name === 'NUMBER')!;
        expect(new IomValueConverter()['runConverter'](number, '-12.5', undefined as unknown as CstNode)).toBe(-12.5);
    });
});
