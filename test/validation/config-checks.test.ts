import { URI } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import { interpretConfig } from '../../language/workspace/iom-config-check.js';
import { createValidationRunner } from '../helpers/validation-cases.js';
import { itemAt } from '../helpers/items.js';

/**
 * Issue 10 items 13 and 15: iomconfig.json is checked against its generated JSON Schema (ajv) with a position-aware
 * parser (jsonc-parser): every problem at its place, with a code; an option of the wrong type never reaches a check.
 */
const problemsOf = (text: string) =>
    interpretConfig(URI.file('/ws/iomconfig.json'), text).problems.map(
        p => `${p.range.start.line + 1}:${p.range.start.character + 1}-${p.range.end.line + 1}:${p.range.end.character + 1} ${p.code} ${p.message}`
    );

describe('iomconfig.json problems, each at its place', () => {
    test('syntax errors have their real position (not 1:1), whatever Node reports', () => {
        expect(problemsOf('{\n  "rules": {\n    "IOM2007": "off",\n  }\n}\n')).toEqual([
            '4:3-4:4 IOM8001 Invalid JSON: a property name in double quotes expected.'
        ]);
        expect(problemsOf('{\n  "rules": { "IOM2007": "off" }\n  "build": {}\n}')).toEqual(["3:3-3:10 IOM8001 Invalid JSON: ',' expected."]);
        expect(problemsOf('{ // note\n}')).toEqual(['1:3-1:10 IOM8001 Invalid JSON: comments are not allowed in iomconfig.json.']);
        expect(problemsOf('[]')).toEqual(['1:1-1:2 IOM8001 iomconfig.json must hold a JSON object.']);
    });

    test('{"build": "out"} and unknown keys are reported with a code at the value or key', () => {
        expect(problemsOf('{\n  "build": "out"\n}')).toEqual([`2:12-2:17 IOM8005 'build' must be an object, e.g. { "out": "out" }.`]);
        expect(problemsOf('{\n  "build": { "out": 3 }\n}')).toEqual([`2:21-2:22 IOM8005 'build.out' must be a string.`]);
        expect(problemsOf('{\n  "rules": {},\n  "biuld": { "out": "dist" }\n}')).toEqual([
            "3:3-3:10 IOM8004 'biuld' is not a setting of iomconfig.json (known here: $schema, rules, build). Did you mean 'build'?"
        ]);
        expect(problemsOf('{ "build": { "out": "o", "clean": true } }')).toEqual([
            "1:26-1:33 IOM8004 'build.clean' is not a setting of iomconfig.json (known here: out)."
        ]);
    });

    test('rule problems sit on the rule, the level or the option, not on the first equal text in the file', () => {
        const text =
            '{\n  "build": { "out": "IOM2007" },\n  "rules": {\n    "IOM2007": "loud",\n    "IOM2002": { "options": { "hosts": 7 } }\n  }\n}';
        expect(problemsOf(text)).toEqual([
            "4:16-4:22 IOM8003 Rule 'IOM2007': 'loud' is not a level (off, info, warning, error).",
            "5:40-5:41 IOM8003 Rule 'IOM2002': option 'hosts' must be an array of strings; its default is used instead."
        ]);
    });

    test('a byte order mark is ignored', () => {
        expect(problemsOf('\uFEFF{ "rules": { "IOM2007": "off" } }')).toEqual([]);
    });
});

describe('a rule option of the wrong type', () => {
    let runner: Awaited<ReturnType<typeof createValidationRunner>>;
    beforeAll(async () => {
        runner = await createValidationRunner();
    });

    test('"hosts": 7 does not crash the check: it runs with the default hosts', async () => {
        const text = 'connection C {\n    connector "Microsoft Dataverse"\n    url "https://example.com/c"\n}\n';
        for (const config of [
            '{ "rules": { "IOM2002": { "options": { "hosts": 7 } } } }',
            '{ "rules": { "IOM2002": { "options": { "hosts": [1, 2] } } } }'
        ]) {
            const document = itemAt(await runner.load([{ name: 'main.iom', text }], config), 0);
            const codes = (document.diagnostics ?? []).map(d => `${d.code} ${d.message}`);
            await runner.dispose([document]);
            expect(codes.some(code => code.startsWith('IOM2002') && code.includes('make.powerautomate.com'))).toBe(true);
            expect(codes.join('\n')).not.toMatch(/not a function|internal/i);
        }
    });
});
