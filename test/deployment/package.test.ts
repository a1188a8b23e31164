import * as fs from 'node:fs';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, assert, describe, expect, test } from 'vitest';
import type { CompiledRecord } from '../../language/compiler/index.js';
import { binding, readPackage, recordsFromPackage, shapeEntries, type PackageRecord } from '../../language/deployment/index.js';
import { copyExample, examples, labSecretParameter, tempDir } from '../compiler/helpers.js';
import { deploymentOf } from './helpers.js';
import { itemAt } from '../helpers/items.js';

const goldenDir = path.join(__dirname, 'golden');
const update = process.env.UPDATE_BASELINES === '1';
const cleanup: string[] = [];
afterEach(() => {
    for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** An independent reader: fflate for the zip, fast-xml-parser for the XML, nothing of the package writer. */
function readBack(zip: Uint8Array) {
    const files = unzipSync(zip);
    const parser = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '',
        htmlEntities: true,
        isArray: name => ['entity', 'field', 'record'].includes(name)
    });
    const text = (name: string) => {
        const file = files[name];
        assert.isDefined(file, `${name} is in the package`);
        return strFromU8(file);
    };
    return {
        names: Object.keys(files),
        text,
        contentTypes: parser.parse(text('[Content_Types].xml')),
        schema: parser.parse(text('data_schema.xml')).entities.entity as Array<{
            name: string;
            primaryidfield: string;
            primarynamefield: string;
            fields: { field: Array<Record<string, string>> };
        }>,
        data: parser.parse(text('data.xml')).entities.entity as Array<{
            name: string;
            records: { record: Array<{ id: string; field: Array<Record<string, string>> }> };
        }>
    };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the Configuration Migration data package', () => {
    test.each(examples)('%s: golden parts and checklist', async example => {
        const { deployment } = await deploymentOf(example, { packageName: `${example}.zip` });
        const parts = readBack(deployment.zip);
        const actual: Record<string, string> = {
            '[Content_Types].xml': parts.text('[Content_Types].xml'),
            'data_schema.xml': parts.text('data_schema.xml'),
            'data.xml': parts.text('data.xml'),
            'checklist.md': deployment.checklistMarkdown,
            'checklist.json': deployment.checklistJson
        };
        const folder = path.join(goldenDir, example);
        if (update) {
            fs.mkdirSync(folder, { recursive: true });
            for (const [name, text] of Object.entries(actual)) fs.writeFileSync(path.join(folder, name), text);
        }
        for (const [name, text] of Object.entries(actual)) expect(text, name).toBe(fs.readFileSync(path.join(folder, name), 'utf8'));
    });

    test.each(examples)('%s: three parts, everything declared, values encoded per type, ids = primary keys, lookups inside', async example => {
        const { deployment } = await deploymentOf(example);
        const { names, contentTypes, schema, data } = readBack(deployment.zip);
        expect(names).toEqual(['[Content_Types].xml', 'data_schema.xml', 'data.xml']);
        expect(contentTypes.Types.xmlns).toBe('http://schemas.openxmlformats.org/package/2006/content-types');
        expect(contentTypes.Types.Default.Extension).toBe('xml');
        expect(data.length).toBeGreaterThan(0);
        const declared = new Map(schema.map(entity => [entity.name, entity]));
        const ids = new Map(data.map(entity => [entity.name, new Set(entity.records.record.map(record => record.id))]));
        let lookups = 0;
        for (const entity of data) {
            const schemaEntity = declared.get(entity.name);
            expect(schemaEntity, `${entity.name} declared`).toBeDefined();
            const fields = new Map(schemaEntity!.fields.field.map(field => [field.name, field]));
            expect(fields.get(schemaEntity!.primaryidfield)).toMatchObject({ type: 'guid', primaryKey: 'true' });
            expect(fields.has(schemaEntity!.primarynamefield), `${entity.name} primary name declared`).toBe(true);
            for (const record of entity.records.record) {
                expect(record.id).toMatch(GUID);
                expect(record.field.find(field => field.name === schemaEntity!.primaryidfield)?.value, 'record id = primary key').toBe(record.id);
                for (const field of record.field) {
                    const declaredField = fields.get(field.name);
                    expect(declaredField, `${entity.name}.${field.name} declared`).toBeDefined();
                    switch (declaredField!.type) {
                        case 'guid':
                            expect(field.value).toMatch(GUID);
                            break;
                        case 'bool':
                            expect(['True', 'False']).toContain(field.value);
                            break;
                        case 'number':
                        case 'optionsetvalue':
                            expect(field.value).toMatch(/^-?\d+$/);
                            break;
                        case 'string':
                            expect(typeof field.value).toBe('string');
                            expect(field.value?.length).toBeGreaterThan(0);
                            break;
                        case 'entityreference':
                            lookups++;
                            expect(field.lookupentity).toBe(declaredField!.lookupType);
                            expect(
                                ids.get(field.lookupentity ?? '')?.has(field.value ?? ''),
                                `${entity.name}.${field.name} resolves inside the package`
                            ).toBe(true);
                            expect(field.lookupentityname).toBeTruthy();
                            break;
                        default:
                            throw new Error(`undeclared type ${declaredField!.type}`);
                    }
                }
            }
        }
        if (example !== 'seed') expect(lookups).toBeGreaterThan(0);
    });

    test('identical bytes across runs and whatever the order and names of the source files', async () => {
        const first = (await deploymentOf('quickstart-lab')).deployment.zip;
        const again = (await deploymentOf('quickstart-lab')).deployment.zip;
        expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
        const dir = tempDir('iom-package-');
        cleanup.push(dir);
        copyExample('quickstart-lab', dir);
        // Reverse the files' order by renaming them (the loader sorts by path).
        const files = fs
            .readdirSync(dir)
            .filter(file => file.endsWith('.iom'))
            .sort();
        files.forEach((file, index) => fs.renameSync(path.join(dir, file), path.join(dir, `${String.fromCharCode(122 - index)}-${file}`)));
        const reordered = (await deploymentOf(dir)).deployment.zip;
        expect(Buffer.from(reordered).equals(Buffer.from(first))).toBe(true);
    });

    test.each(examples)('%s: round trip, package -> records -> the same field values as the JSON artifacts', async example => {
        const { records, deployment } = await deploymentOf(example);
        const { records: readRecords, unknownTables } = recordsFromPackage(readPackage(deployment.zip));
        expect(unknownTables).toEqual([]);
        const artifacts = new Map<string, Record<string, unknown>>();
        const index = (item: Record<string, unknown>) => {
            artifacts.set(item.id as string, item);
            for (const value of Object.values(item)) {
                if (Array.isArray(value)) for (const child of value) if (child && typeof child === 'object' && 'id' in child) index(child);
            }
        };
        for (const record of records) index(record as unknown as Record<string, unknown>);
        const shapes = new Map(shapeEntries().map(entry => [entry.path, entry.shape]));
        let compared = 0;
        const check = (row: PackageRecord) => {
            const artifact = artifacts.get(row.id);
            expect(artifact, `${row.shape} ${row.id} is an artifact record`).toBeDefined();
            const shape = shapes.get(row.shape)!;
            for (const [field, fieldBinding] of Object.entries(shape.fields)) {
                if (fieldBinding.bind !== 'column' && fieldBinding.bind !== 'lookup') continue;
                const original = artifact![field];
                if (fieldBinding.type === 'choice' && !(field in row.fields)) continue; // choice values are not published: checklist
                if (fieldBinding.bind === 'lookup') {
                    const reference = original as { id: string; name: string; builtin: boolean } | null;
                    if (reference && !reference.builtin && field in row.fields)
                        expect(row.fields[field]).toEqual({ id: reference.id, name: reference.name });
                    continue;
                }
                if (original === null || original === undefined) {
                    expect(row.fields[field]).toBeUndefined();
                    continue;
                }
                const plain = typeof original === 'object' ? (original as { value: unknown }).value : original;
                expect(row.fields[field], `${row.shape}.${field}`).toEqual(
                    typeof plain === 'number' && fieldBinding.type !== 'wholeNumber' ? String(plain) : plain
                );
                compared++;
            }
            for (const children of Object.values(row.children)) children.forEach(check);
        };
        readRecords.forEach(check);
        expect(compared).toBeGreaterThan(5);
        // Every package-bound record of the output comes back.
        const expected = records
            .filter(
                record =>
                    (binding.kinds as Record<string, { route: string } | undefined>)[record.kind]?.route === 'package' &&
                    !(record.kind === 'actionType' && (record as CompiledRecord & { builtin: boolean }).builtin)
            )
            .map(record => record.id)
            .sort();
        expect(
            readRecords
                .filter(row => !row.shape.includes('.'))
                .map(row => row.id)
                .sort()
        ).toEqual(expected);
    });

    test('a provider parameter that references a secret is left out of the package and set from its store by the checklist', async () => {
        const dir = tempDir('iom-secret-package-');
        cleanup.push(dir);
        copyExample('quickstart-lab', dir, labSecretParameter);
        const { deployment } = await deploymentOf(dir);
        expect(deployment.checklistMarkdown).toContain(
            'from Key Vault `contoso-vault` secret `fulfillment-email` (secrets are never written into the package)'
        );
        expect(strFromU8(unzipSync(deployment.zip)['data.xml']!)).not.toContain('seattle.store@contoso.com');
    });

    test('a custom email template is a checklist step (its table is not public); catalog action types and templates are never created', async () => {
        const { deployment } = await deploymentOf('order-emails');
        const text = deployment.checklistMarkdown;
        expect(text).toContain('Create the email template `Backorder notice` of the Dynamics 365 Communication provider in the target');
        expect(text).toContain('Set its placeholders: `P1 = Order Number`, `P2 = Ship to Country/Region`.');
        expect(text).toContain('Set its subject to `Your order {{P1}} is on backorder`.');
        expect(text).toContain('email template `Order Confirmation`');
        const data = strFromU8(unzipSync(deployment.zip)['data.xml']!);
        expect(data).not.toContain('Backorder notice');
        expect(data).not.toMatch(/msdyn_iomactiontype"/);
    });

    test('the checklist lists every step in the documented order and keeps what the package cannot carry', async () => {
        const { deployment } = await deploymentOf('quickstart-lab');
        expect(deployment.checklist.phases.map(phase => phase.name)).toEqual([
            'before-import',
            'connections',
            'import',
            'complete',
            'activate',
            'environment-copy'
        ]);
        const activate = itemAt(deployment.checklist.phases, 4).steps.map(step => `${step.action}:${step.record?.kind}`);
        const lastProvider = activate.map(step => step.endsWith(':provider')).lastIndexOf(true);
        const firstPolicy = activate.findIndex(step => step.endsWith(':policy'));
        const firstJourney = activate.findIndex(step => step.endsWith(':journey'));
        expect(lastProvider).toBeLessThan(firstPolicy);
        expect(firstPolicy).toBeLessThan(firstJourney);
        expect(activate.at(-1)).toBe('publish:journey');
        const text = deployment.checklistMarkdown;
        expect(text).toContain('Quantity Is greater than or equal to 5');
        expect(text).toContain('LogicType = 192350001 (Provider action)');
        expect(text).toContain('Build the journey in the designer');
        // Every assumed name is listed with its reason.
        const assumed = deployment.checklist.names.filter(name => name.provenance === 'assumed');
        expect(assumed.length).toBe(deployment.checklist.summary.names.assumed);
        for (const name of assumed) expect(text).toContain(`\`${name.name}\``);
        // Every table and column the package writes is listed as documented or assumed.
        const listed = new Set(deployment.checklist.names.map(name => `${name.owner ?? ''}|${name.name}`));
        for (const table of deployment.bound.tables) {
            expect(listed.has(`|${table.name}`), table.name).toBe(true);
            for (const column of table.columns) expect(listed.has(`${table.name}|${column.name}`), `${table.name}.${column.name}`).toBe(true);
        }
    });
});
