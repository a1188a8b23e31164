import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { EnvironmentSchemaError, parseEnvironmentSchema, readPackage } from '../../language/deployment/index.js';
import { deploymentOf } from './helpers.js';
import { itemAt } from '../helpers/items.js';

/** Each folder: a workspace, the environment schema it is packaged against, and the diagnostics expected. */
const deploymentCases = path.join(__dirname, '..', 'resources', 'deployment');
const cases = fs.readdirSync(deploymentCases).sort();

async function run(name: string) {
    const folder = path.join(deploymentCases, name);
    const environment = parseEnvironmentSchema(fs.readFileSync(path.join(folder, 'environment.xml'), 'utf8'));
    return deploymentOf(folder, { environment });
}

describe('binding to the environment schema', () => {
    test.each(cases)('%s', async name => {
        const { deployment } = await run(name);
        const expected = JSON.parse(fs.readFileSync(path.join(deploymentCases, name, 'expected.json'), 'utf8'));
        expect(deployment.diagnostics.map(d => ({ code: d.code, file: d.source.file, line: d.source.line }))).toEqual(expected);
        expect(deployment.ok).toBe(expected.length === 0);
    });

    test('the three coded diagnostics name the column, the types and the choices', async () => {
        const { deployment } = await run('combined-fails-three-problems');
        expect(deployment.diagnostics.map(d => d.message)).toEqual([
            "Column 'msdyn_name' (Policy Name) of table 'msdyn_iompolicy' is 'number' in the environment schema, but the package writes a string value ('string').",
            "'Critical information' is not a choice of column 'msdyn_policycriticality' (Policy Criticality) of table 'msdyn_iompolicy' in the environment schema (it has 'Information', 'Critical').",
            "Column 'msdyn_addaction' (Add Action) of table 'msdyn_iomrule' is not in the environment schema: the package cannot write it for IOM Rule 'Min quantity'."
        ]);
    });

    test('a complete schema confirms the assumed names and supplies the choice values', async () => {
        const without = (await deploymentOf(path.join(deploymentCases, 'passes-complete-schema'))).deployment;
        const { deployment } = await run('passes-complete-schema');
        expect(without.checklist.summary.names.assumed).toBeGreaterThan(0);
        expect(deployment.checklist.summary.names).toEqual({ documented: 2, assumed: 0, confirmed: without.checklist.summary.names.assumed + 4 });
        // The four choice columns (type, criticality, the policy's and the rule's associated entity) are written now.
        const policy = readPackage(deployment.zip).entities.find(entity => entity.name === 'msdyn_iompolicy')!;
        expect(itemAt(policy.records, 0).fields.filter(field => field.name !== 'msdyn_iompolicyid')).toEqual([
            { name: 'msdyn_name', value: 'Line check' },
            { name: 'msdyn_policytype', value: '100000001' },
            { name: 'msdyn_policycriticality', value: '100000001' },
            { name: 'msdyn_associatedentity', value: '100000001' }
        ]);
        expect(policy.fields.get('msdyn_policytype')?.type).toBe('optionsetvalue');
        expect(without.checklistMarkdown).toContain('Set **Policy Type** to `Execution policy`');
        expect(deployment.checklistMarkdown).not.toContain('Set **Policy Type**');
        expect(deployment.checklistMarkdown).toContain('2 documented, 10 confirmed by the environment schema, **0 assumed**');
    });

    test('a file that is not a schema is refused with a reason', () => {
        expect(() => parseEnvironmentSchema('<entities><entity')).toThrow(EnvironmentSchemaError);
        expect(() => parseEnvironmentSchema('<root/>')).toThrow(/no <entities> root/);
        expect(() => parseEnvironmentSchema('<entities><entity name="a"><fields><field name="x"/></fields></entity></entities>')).toThrow(
            /without name or type/
        );
    });
});
