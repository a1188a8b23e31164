import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { allDiagnostics } from '../../language/validation/diagnostic-builder.js';
import { configSchemaText } from '../../language/validation/config-schema.js';
import { listValidationCases } from '../helpers/validation-cases.js';
import { parseMarkers } from '../helpers/validation-markers.js';

const root = path.resolve(__dirname, '..', '..');
const documentation = fs.readFileSync(path.join(root, 'docs', 'diagnostics.md'), 'utf8');
const cases = listValidationCases();
const configCases = fs.readdirSync(path.join(__dirname, '..', 'resources', 'validation', '_config'));
const deploymentCases = fs.readdirSync(path.join(__dirname, '..', 'resources', 'deployment'));

/** Codes a case expects: from its $TEST$ markers, or (config cases) from its expected-problems file. */
function expectedCodes(testCase: (typeof cases)[number]): string[] {
    return testCase.files.flatMap(file => parseMarkers(file.source).expectations.map(expectation => expectation.code));
}

describe('the diagnostic catalog', () => {
    test('codes and rule names are unique, codes follow IOM + 4 digits, names are kebab-case', () => {
        expect(new Set(allDiagnostics.map(d => d.code)).size).toBe(allDiagnostics.length);
        expect(new Set(allDiagnostics.map(d => d.name)).size).toBe(allDiagnostics.length);
        for (const d of allDiagnostics) {
            expect(d.code).toMatch(/^IOM\d{4}$/);
            expect(d.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
        }
    });

    test('code ranges match categories', () => {
        const prefix: Record<string, string> = {
            syntax: '0',
            reference: '1',
            name: '1',
            connection: '2',
            provider: '3',
            'action type': '4',
            policy: '5',
            journey: '6',
            deployment: '7',
            configuration: '8',
            style: '9'
        };
        for (const d of allDiagnostics) expect(d.code[3], d.code).toBe(prefix[d.category]);
    });

    test.each(allDiagnostics.map(d => [d.code, d] as const))('%s is documented in docs/diagnostics.md', (code, definition) => {
        const section = documentation.split(/^### /m).find(part => part.startsWith(`${code}\n`) || part.startsWith(`${code} `));
        expect(section, `no "### ${code}" heading`).toBeDefined();
        expect(section).toContain(definition.name);
        expect(section, 'a failing snippet').toMatch(/```iom|```json/);
    });

    test.each(allDiagnostics.map(d => [d.code] as const))('%s has a failing and a passing test case', code => {
        if (code.startsWith('IOM7')) {
            // Deployment diagnostics need an environment schema: their cases are test/resources/deployment/<case>/
            // (a workspace, environment.xml and expected.json), run by test/deployment/environment.test.ts.
            expect(deploymentCases.some(name => name.startsWith(code) && name.includes('fails'))).toBe(true);
            expect(deploymentCases.some(name => name.startsWith('passes'))).toBe(true);
            return;
        }
        if (code.startsWith('IOM8')) {
            expect(configCases.filter(name => name.startsWith(code)).some(name => name.includes('fails'))).toBe(true);
            expect(configCases.some(name => name.startsWith('passes'))).toBe(true);
            return;
        }
        const mine = cases.filter(testCase => testCase.code === code);
        expect(
            mine.some(testCase => expectedCodes(testCase).includes(code)),
            'a case expecting it'
        ).toBe(true);
        expect(
            mine.some(testCase => !expectedCodes(testCase).includes(code)),
            'a case without it'
        ).toBe(true);
    });

    test('schemas/iomconfig.schema.json is generated from the catalog (run npm run schema:generate)', () => {
        expect(fs.readFileSync(path.join(root, 'schemas', 'iomconfig.schema.json'), 'utf8')).toBe(configSchemaText());
    });

    test('the schema accepts levels and options by code or name, and rejects unknown rules and levels', () => {
        const validate = new Ajv2020({ strict: false }).compile(JSON.parse(configSchemaText()));
        expect(validate({ rules: { IOM2007: 'off', 'missing-publisher-prefix': { level: 'error', options: { prefix: 'contoso' } } } })).toBe(true);
        expect(validate({ rules: { 'no-such-rule': 'off' } })).toBe(false);
        expect(validate({ rules: { IOM2007: 'loud' } })).toBe(false);
        expect(validate({ rules: { IOM2007: { options: { prefix: 'x' } } } })).toBe(false);
    });
});
