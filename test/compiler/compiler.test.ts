import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { compileWorkspace, entryAt, stableId } from '../../language/compiler/index.js';
import { loadWorkspace } from '../../host/load-workspace.js';
import { EmitBlockedError, OutputFolderError, writeArtifacts, type WriterFs } from '../../host/write.js';
import { artifactValidator, copyExample, examples, examplesDir, readTree, tempDir } from './helpers.js';

const baselinesDir = path.join(__dirname, 'baselines');
const update = process.env.UPDATE_BASELINES === '1';
const cleanup: string[] = [];
afterEach(() => {
    for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
    const dir = tempDir();
    cleanup.push(dir);
    return dir;
}

/** Compiles a workspace of one file, which must have no error; `read` parses one of its artifacts. */
async function compileSource(file: string, text: string) {
    const dir = temp();
    fs.writeFileSync(path.join(dir, file), text);
    const result = compileWorkspace(await loadWorkspace(dir));
    expect(result.errors).toEqual([]);
    return { result, read: (artifact: string) => JSON.parse(result.artifacts.get(artifact)!) };
}

describe('golden baselines', () => {
    test.each(examples)('%s compiles to its committed artifacts', async example => {
        const workspace = await loadWorkspace(path.join(examplesDir, example));
        const result = compileWorkspace(workspace);
        expect(result.errors).toEqual([]);
        expect(result.ok).toBe(true);
        const baseline = path.join(baselinesDir, example);
        if (update) {
            fs.rmSync(baseline, { recursive: true, force: true });
            writeArtifacts(result, baseline);
        }
        expect(Object.fromEntries(result.artifacts)).toEqual(Object.fromEntries(readTree(baseline)));
    });
});

describe('schemas', () => {
    const validate = artifactValidator();
    test.each(examples)('every artifact of %s validates against its JSON Schema', async example => {
        const result = compileWorkspace(await loadWorkspace(path.join(examplesDir, example)));
        expect(result.artifacts.size).toBeGreaterThan(1);
        const problems = [...result.artifacts].map(([file, text]) => validate(file, text)).filter(Boolean);
        expect(problems).toEqual([]);
    });

    test('the schemas reject a document that breaks them', async () => {
        const result = compileWorkspace(await loadWorkspace(path.join(examplesDir, 'quickstart-lab')));
        const policy = JSON.parse(result.artifacts.get('policies/order-line-validation-policy.json')!);
        policy.rules[0].condition.operator = 'Or';
        expect(validate('policies/x.json', JSON.stringify(policy))).toMatch(/const/);
        const manifest = JSON.parse(result.artifacts.get('manifest.json')!);
        manifest.artifacts[0].sha256 = 'not a hash';
        expect(validate('manifest.json', JSON.stringify(manifest))).toMatch(/pattern/);
    });
});

describe('content', () => {
    test('state definitions, transitions (one row per source state) and custom columns are lowered', async () => {
        const { result, read } = await compileSource(
            'entities.iom',
            `extend entity Order {
    field "Loyalty tier" : choice { column contoso_loyaltytier values "Gold", "Silver" }
    state "Awaiting stock" { reason "Waiting for stock" timeline position 3 }
}
entity Return { table contoso_return field Reason : text state Received { timeline position 1 } state Inspected }
event "Return inspected" { entity Return }
transition on "Return inspected" { from Received to Inspected }
transition on "On Hand Check Failed" { from New, "In Progress" to "Awaiting stock" reason "Waiting for stock" }
transition on "On Hand Check Failed" { from "On Hold" to "Awaiting stock" }
policy Gold { type filter criticality information entity Order published rule R { "Loyalty tier" = "Gold" } }`
        );
        const state = read('state-definitions/awaiting-stock.json');
        expect(state).toMatchObject({
            kind: 'stateDefinition',
            name: 'Awaiting stock',
            readonly: false,
            timelinePosition: 3,
            table: null,
            entity: { kind: 'entity', name: 'Order', table: 'salesorder', builtin: true },
            reasons: [{ name: 'Waiting for stock', id: stableId('stateReason', 'Order', 'Awaiting stock', 'Waiting for stock') }]
        });
        expect(state.id).toBe(stableId('stateDefinition', 'Order', 'Awaiting stock'));
        expect(read('state-definitions/received.json').entity).toMatchObject({ name: 'Return', builtin: false, table: 'contoso_return' });
        const transitions = read('state-transitions/on-hand-check-failed.json');
        expect(
            transitions.transitions.map(
                (row: {
                    sourceState: { name: string; builtin: boolean };
                    targetState: { id: string };
                    targetStateReason: { name: string } | null;
                }) => [row.sourceState.name, row.sourceState.builtin, row.targetState.id === state.id, row.targetStateReason?.name ?? null]
            )
        ).toEqual([
            ['New', true, true, 'Waiting for stock'],
            ['In Progress', true, true, 'Waiting for stock'],
            ['On Hold', true, true, null]
        ]);
        const extension = read('entity-extensions/order.json');
        expect(extension.customColumns).toMatchObject([
            { name: 'Loyalty tier', type: 'choice', column: 'contoso_loyaltytier', values: ['Gold', 'Silver'] }
        ]);
        expect(read('policies/gold.json').rules[0].condition.conditions[0]).toMatchObject({
            field: { name: 'Loyalty tier', column: 'contoso_loyaltytier', type: 'choice', builtin: false },
            value: { type: 'choice', value: 'Gold' }
        });
        const manifest = read('manifest.json');
        const phase = manifest.deploymentPlan.phases.find((p: { name: string }) => p.name === 'action-types');
        expect(phase.steps.map((step: { kind: string }) => step.kind)).toEqual([
            'businessEvent',
            'stateDefinition',
            'stateDefinition',
            'stateDefinition',
            'stateTransition',
            'stateTransition'
        ]);
        expect(
            manifest.requires
                .filter((r: { kind: string }) => r.kind === 'stateDefinition')
                .map((r: { name: string }) => r.name)
                .sort()
        ).toEqual(['In Progress', 'New', 'On Hold']);
        const validate = artifactValidator();
        expect([...result.artifacts].map(([file, text]) => validate(file, text)).filter(Boolean)).toEqual([]);
    });

    test('Send email and FRO steps use the catalog action types (never created), and custom email templates are lowered', async () => {
        const { result, read } = await compileSource(
            'email.iom',
            `connection C { connector "Microsoft Dataverse" url "https://make.powerautomate.com/environments/Default-1a2b/connections?apiName=shared_commondataserviceforapps&connectionName=c0ffee" }
provider Comm from "Dynamics 365 Communication" { bind "Communications Dataverse (current environment) Connection" to C parameter "from" = "orders@d365iom.com" activated }
provider FRO from "Fulfillment and Returns Optimization" { bind "Dataverse connection for IOM" to C activated }
email template "Backorder notice" {
    entity Order
    placeholder P1 = "Order Number"
    placeholder P2 = "Ship to Country/Region"
    subject "Order {{P1}} is on backorder"
    body "We ship {{P1}} to {{P2}} soon; {{P1}} again."
}
journey J {
    orchestration type "Order orchestration"
    step Optimize : "Send to Fulfillment and Returns Optimization" { input events "New Order" provider FRO action "Send to fulfillment optimization" }
    step Confirm : "Send email" { input events "Fulfillment optimization request succeeded" provider Comm action "Send Email for Sales Order" email template "Order confirmation" }
    step Notice : "Send email" { input events "Fulfillment optimization request failed" provider Comm action "Send Email for Sales Order" email template "Backorder notice" }
}`
        );
        // No action type is created for the tiles: the steps reference IOM's own.
        expect([...result.artifacts.keys()].filter(file => file.startsWith('action-types/'))).toEqual([]);
        const steps = read('journeys/j.json').nodes as Array<{
            name: string;
            actionType: { name: string; builtin: boolean };
            actionTypeSource: string;
            emailTemplate: { name: string; builtin: boolean } | null;
        }>;
        expect(
            steps.map(step => [
                step.name,
                step.actionType.name,
                step.actionType.builtin,
                step.actionTypeSource,
                step.emailTemplate?.name ?? null,
                step.emailTemplate?.builtin ?? null
            ])
        ).toEqual([
            ['Optimize', 'Fulfillment optimization', true, 'tile', null, null],
            ['Confirm', 'Send email', true, 'tile', 'Order Confirmation', true],
            ['Notice', 'Send email', true, 'tile', 'Backorder notice', false]
        ]);
        const manifest = read('manifest.json');
        expect(
            manifest.requires
                .filter((r: { kind: string }) => r.kind === 'actionType' || r.kind === 'emailTemplate')
                .map((r: { name: string }) => r.name)
        ).toEqual(['Fulfillment optimization', 'Send email', 'Order Confirmation']);
        const phases = manifest.deploymentPlan.phases as Array<{ name: string; steps: Array<{ kind: string; name: string; action: string }> }>;
        expect(phases.flatMap(phase => phase.steps).filter(step => step.kind === 'actionType')).toEqual([]);
        expect(
            phases
                .find(phase => phase.name === 'providers')!
                .steps.filter(step => step.kind === 'emailTemplate')
                .map(step => [step.action, step.name])
        ).toEqual([['upsert', 'Backorder notice']]);
        const template = read('email-templates/backorder-notice.json');
        expect(template).toMatchObject({
            kind: 'emailTemplate',
            name: 'Backorder notice',
            table: null,
            id: stableId('emailTemplate', 'Backorder notice'),
            entity: { name: 'Order', table: 'salesorder', builtin: true },
            subject: 'Order {{P1}} is on backorder',
            body: 'We ship {{P1}} to {{P2}} soon; {{P1}} again.',
            tokens: ['P1', 'P2'],
            placeholders: [
                { name: 'P1', field: { name: 'Order Number', column: 'ordernumber', type: 'text', builtin: true } },
                { name: 'P2', field: { name: 'Ship to Country/Region', column: 'shipto_country', type: 'text', builtin: true } }
            ]
        });
        const validate = artifactValidator();
        expect([...result.artifacts].map(([file, text]) => validate(file, text)).filter(Boolean)).toEqual([]);
    });

    test('journeys resolve the action type from the tile when the step has none, and list their entry events', async () => {
        const result = compileWorkspace(await loadWorkspace(path.join(examplesDir, 'splitter-merge')));
        const journey = JSON.parse(result.artifacts.get('journeys/test-order-flow-sample.json')!);
        const steps = journey.nodes.filter((node: { type: string }) => node.type === 'step');
        expect(steps.map((s: { actionType: { name: string }; actionTypeSource: string }) => [s.actionType.name, s.actionTypeSource])).toEqual([
            ['Order Validation', 'tile'],
            ['Order Validation', 'tile']
        ]);
        expect(journey.entryEvents.map((e: { name: string }) => e.name)).toEqual(['New Order']);
        const splitter = journey.nodes.find((node: { type: string }) => node.type === 'splitter');
        expect(splitter).toMatchObject({ element: 'Splitter-Merge', merge: true });
        expect(splitter.branches.map((b: { name: string }) => b.name)).toEqual(['Order Source 1', 'Order Source 2']);
        expect(journey.edges.filter((e: { branch: string | null }) => e.branch !== null)).toHaveLength(2);
    });

    test('policies carry a normalised condition tree with IOM operator labels and typed values', async () => {
        const result = compileWorkspace(await loadWorkspace(path.join(examplesDir, 'quickstart-lab')));
        const policy = JSON.parse(result.artifacts.get('policies/simple-fulfillment-assignment-policy.json')!);
        expect(policy).toMatchObject({ table: 'msdyn_iompolicy', policyType: 'Execution policy', criticality: 'Information', status: 'Published' });
        expect(policy.rules[0]).toMatchObject({
            table: 'msdyn_iomrule',
            name: 'Assignment rule- Seattle',
            addAction: true,
            condition: {
                type: 'group',
                operator: 'And',
                conditions: [{ type: 'row', operator: 'Is greater than or equal to', value: { type: 'number', value: 100 } }]
            },
            actions: [
                {
                    operator: 'Set Value',
                    field: { name: 'Fulfillment Source', column: 'msdyn_fulfillmentsource' },
                    value: { type: 'lookup', value: 'Seattle store' }
                }
            ]
        });
        const other = JSON.parse(result.artifacts.get('policies/order-header-validation-policy.json')!);
        expect(other.rules[0].condition.conditions[0]).toMatchObject({ operator: 'Equals', value: { type: 'text', value: 'US' } });
    });

    test('ids are UUID v5 of kind and names, and built-in items are references, not records', async () => {
        const result = compileWorkspace(await loadWorkspace(path.join(examplesDir, 'seed')));
        const manifest = result.manifest!;
        expect(manifest.artifacts.find(a => a.kind === 'journey')!.id).toBe(stableId('journey', 'Order orchestration with DOM'));
        expect(manifest.artifacts.some(a => a.kind === 'providerDefinition')).toBe(false);
        expect(manifest.requires).toContainEqual({
            kind: 'providerDefinition',
            name: 'Dynamics 365 Distributed Order Management',
            id: stableId('providerDefinition', 'Dynamics 365 Distributed Order Management'),
            builtin: true
        });
        const provider = JSON.parse(result.artifacts.get('providers/dom.json')!);
        expect(provider.definition).toMatchObject({ builtin: true, name: 'Dynamics 365 Distributed Order Management' });
        expect(provider.connectionReferences[0].connectionUrl).toMatch(/^https:\/\/make\.powerautomate\.com\//);
    });

    test('the deployment plan runs the documented phases in order, journeys last', async () => {
        const result = compileWorkspace(await loadWorkspace(path.join(examplesDir, 'quickstart-lab')));
        const phases = result.manifest!.deploymentPlan.phases;
        expect(phases.map(p => p.name)).toEqual(['unpublish-replaced', 'connections', 'providers', 'action-types', 'policies', 'journeys']);
        expect(phases[0]?.steps[0]).toMatchObject({ action: 'unpublish', kind: 'journey' });
        expect(phases[5]?.steps.at(-1)).toMatchObject({ action: 'publish', kind: 'journey', artifact: 'journeys/iom-lab-order-journey.json' });
        const artifacts = new Set(result.artifacts.keys());
        for (const step of phases.flatMap(p => p.steps)) expect(artifacts.has(step.artifact)).toBe(true);
    });

    test('no credential-like text and no absolute path appears in the output', async () => {
        for (const example of examples) {
            const result = compileWorkspace(await loadWorkspace(path.join(examplesDir, example)));
            for (const text of result.artifacts.values()) {
                expect(text).not.toContain(examplesDir);
                expect(text).not.toMatch(/"(password|apiKey|token)"/i);
                // A secret is only ever a reference to its store (`"secret": { "name", "store", "vault" }`), never a value.
                expect(text).not.toMatch(/"secret": (?!\{)/i);
                expect(text).not.toContain('\r');
            }
        }
    });

    test('the record under a position is found for the Show Compiled Definition command', async () => {
        const workspace = await loadWorkspace(path.join(examplesDir, 'quickstart-lab'));
        const result = compileWorkspace(workspace);
        const document = workspace.documents.find(d => d.uri.path.endsWith('journeys.iom'))!;
        const offset = document.textDocument.getText().indexOf('Send to Chicago');
        expect(entryAt(result, document, offset)?.path).toBe('journeys/iom-lab-order-journey.json');
    });
});

describe('determinism', () => {
    test.each(examples)('%s: shuffled documents and CRLF sources give the same bytes', async example => {
        const reference = compileWorkspace(await loadWorkspace(path.join(examplesDir, example)));
        const lf = temp();
        copyExample(example, lf);
        const crlf = temp();
        copyExample(example, crlf, text => text.replace(/\r?\n/g, '\r\n'));
        const fromLf = await loadWorkspace(lf);
        const fromCrlf = await loadWorkspace(crlf);
        const shuffled = { ...fromLf, documents: [...fromLf.documents].reverse() };
        const rotated = { ...fromCrlf, documents: [...fromCrlf.documents.slice(1), ...fromCrlf.documents.slice(0, 1)] };
        for (const other of [compileWorkspace(fromLf), compileWorkspace(shuffled), compileWorkspace(rotated)]) {
            expect([...other.artifacts]).toEqual([...reference.artifacts]);
        }
    });
});

describe('emit safety', () => {
    async function brokenWorkspace(): Promise<string> {
        const dir = temp();
        copyExample('seed', dir);
        fs.appendFileSync(path.join(dir, 'journeys.iom'), '\njourney Broken {\n    step "X" : "No such tile" { }\n}\n');
        return dir;
    }

    test('an error diagnostic blocks the emit and nothing is written', async () => {
        const dir = await brokenWorkspace();
        const result = compileWorkspace(await loadWorkspace(dir));
        expect(result.ok).toBe(false);
        const lines = fs.readFileSync(path.join(dir, 'journeys.iom'), 'utf8').split('\n');
        expect(result.errors).toContainEqual(
            expect.objectContaining({ file: 'journeys.iom', line: lines.findIndex(l => l.includes('No such tile')) + 1 })
        );
        expect(result.artifacts.size).toBe(0);
        expect(() => writeArtifacts(result, path.join(dir, 'out'))).toThrow(EmitBlockedError);
        expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    });

    test('a failing write leaves the previous output untouched and no temporary folder behind', async () => {
        const dir = temp();
        copyExample('quickstart-lab', dir);
        const out = path.join(dir, 'out');
        const first = compileWorkspace(await loadWorkspace(dir));
        writeArtifacts(first, out);
        const before = readTree(out);

        fs.appendFileSync(
            path.join(dir, 'connections.iom'),
            '\nconnection Extra { connector "Microsoft Dataverse" url "https://example.invalid/c" }\n'
        );
        const second = compileWorkspace(await loadWorkspace(dir));
        expect(second.artifacts.size).toBe(first.artifacts.size + 1);
        let writes = 0;
        const failing: WriterFs = {
            ...fs,
            writeFileSync: ((...args: Parameters<typeof fs.writeFileSync>) => {
                if (++writes === 5) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
                return fs.writeFileSync(...args);
            }) as typeof fs.writeFileSync
        };
        expect(() => writeArtifacts(second, out, { fs: failing })).toThrow(/ENOSPC/);
        expect(readTree(out)).toEqual(before);
        expect(fs.readdirSync(dir).filter(name => name.startsWith('.out.'))).toEqual([]);

        const failingSwap: WriterFs = {
            ...fs,
            renameSync: ((from: fs.PathLike, to: fs.PathLike) => {
                if (String(to) === out && String(from).includes('.iom-tmp-')) throw new Error('EBUSY: resource busy');
                return fs.renameSync(from, to);
            }) as typeof fs.renameSync
        };
        expect(() => writeArtifacts(second, out, { fs: failingSwap })).toThrow(/EBUSY/);
        expect(readTree(out)).toEqual(before);

        writeArtifacts(second, out);
        expect(readTree(out)).toEqual(new Map(second.artifacts));
    });

    test('an interrupted swap is recovered on the next build', async () => {
        const dir = temp();
        copyExample('seed', dir);
        const result = compileWorkspace(await loadWorkspace(dir));
        const out = path.join(dir, 'out');
        writeArtifacts(result, out);
        fs.renameSync(out, path.join(dir, '.out.iom-old'));
        writeArtifacts(result, out);
        expect(readTree(out)).toEqual(new Map(result.artifacts));
        expect(fs.existsSync(path.join(dir, '.out.iom-old'))).toBe(false);
    });

    test('a folder that is not an earlier output is never replaced', async () => {
        const dir = temp();
        copyExample('seed', dir);
        const result = compileWorkspace(await loadWorkspace(dir));
        fs.mkdirSync(path.join(dir, 'docs'));
        fs.writeFileSync(path.join(dir, 'docs', 'notes.txt'), 'keep me');
        expect(() => writeArtifacts(result, path.join(dir, 'docs'))).toThrow(OutputFolderError);
        expect(fs.readFileSync(path.join(dir, 'docs', 'notes.txt'), 'utf8')).toBe('keep me');
        expect(() => writeArtifacts(result, dir)).toThrow(OutputFolderError);
    });

    test('an artifact path cannot leave the output folder', () => {
        const dir = temp();
        const result = {
            ok: true,
            artifacts: new Map([
                ['manifest.json', '{}'],
                ['../escape.json', '{}']
            ])
        };
        expect(() => writeArtifacts(result, path.join(dir, 'out'))).toThrow(OutputFolderError);
        expect(fs.existsSync(path.join(dir, 'escape.json'))).toBe(false);
        expect(fs.readdirSync(dir)).toEqual([]);
    });
});
