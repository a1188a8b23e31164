import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { compileWorkspace } from '../../language/compiler/index.js';
import { buildDeployment, planMarkdown, planText } from '../../language/deployment/index.js';
import { planAgainst } from '../../host/deployment.js';
import { writeArtifacts } from '../../host/write.js';
import { loadWorkspace } from '../../host/load-workspace.js';
import { tempDir } from '../compiler/helpers.js';

const fixtures = path.join(__dirname, '..', 'resources', 'plan');
const goldenDir = path.join(__dirname, 'golden', 'plan');
const update = process.env.UPDATE_BASELINES === '1';
const cleanup: string[] = [];
afterEach(() => {
    for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function compiled(folder: string) {
    const result = compileWorkspace(await loadWorkspace(folder));
    expect(result.errors).toEqual([]);
    return result;
}

/** The fixture `base` built into a temporary out/ folder and packaged beside it. */
async function baselines() {
    const dir = tempDir('iom-plan-');
    cleanup.push(dir);
    const result = await compiled(path.join(fixtures, 'base'));
    writeArtifacts(result, path.join(dir, 'out'));
    const deployment = buildDeployment(
        result.entries.map(entry => entry.record),
        { packageName: 'base.zip' }
    );
    fs.writeFileSync(path.join(dir, 'base.zip'), deployment.zip);
    return { out: path.join(dir, 'out'), zip: path.join(dir, 'base.zip') };
}

async function plan(fixture: string, baseline: string, shown: string) {
    const result = await compiled(path.join(fixtures, fixture));
    return planAgainst(
        result.entries.map(entry => entry.record),
        baseline,
        shown
    );
}

describe('iom plan against a previous build', () => {
    test.each(['create', 'modify', 'delete', 'no-change'])('%s: markdown golden', async fixture => {
        const { out } = await baselines();
        const markdown = planMarkdown(await plan(fixture, out, 'out'));
        const golden = path.join(goldenDir, `${fixture}.md`);
        if (update) {
            fs.mkdirSync(goldenDir, { recursive: true });
            fs.writeFileSync(golden, markdown);
        }
        expect(markdown).toBe(fs.readFileSync(golden, 'utf8'));
    });

    test('create, delete and no change, record by record', async () => {
        const { out } = await baselines();
        const summary = async (fixture: string) =>
            (await plan(fixture, out, 'out')).entries.map(entry => `${entry.action} ${entry.kind} ${entry.name}`);
        expect(await summary('create')).toEqual(['Create policy Fulfillment check', 'NoChange policy Header check', 'NoChange policy Line check']);
        expect(await summary('delete')).toEqual(['Delete policy Header check', 'NoChange policy Line check']);
        expect(await summary('no-change')).toEqual(['NoChange policy Header check', 'NoChange policy Line check']);
    });

    test('modify: property changes and nested rule changes, in text', async () => {
        const { out } = await baselines();
        const result = await plan('modify', out, 'out');
        expect(result.counts).toEqual({ create: 0, modify: 1, delete: 0, noChange: 1 });
        expect(planText(result).split('\n').slice(0, 8)).toEqual([
            'Plan against out (a build output folder): 0 to create, 1 to modify, 0 to delete, 1 unchanged.',
            '',
            '~ Modify policy "Line check" (policies.iom:3)',
            '    ~ criticality: Information -> Critical information',
            '    ~ description: Lines need a minimum quantity. -> Lines need at least ten units.',
            '    ~ rules["Min quantity"].condition.conditions[0].value.value: 5 -> 10',
            '    + rules["Whole units"]',
            '    - rules["Max quantity"]'
        ]);
    });
});

describe('iom plan against a data package', () => {
    test('compares the rows the package carries and says what it cannot compare', async () => {
        const { zip } = await baselines();
        const same = await plan('no-change', zip, 'base.zip');
        expect(same.counts).toEqual({ create: 0, modify: 0, delete: 0, noChange: 2 });
        const modified = await plan('modify', zip, 'base.zip');
        const text = planText(modified);
        expect(text).toContain('Compared as data package rows');
        expect(text).toContain(
            '~ Modify policy "Line check" (policies.iom:3)\n    ~ description: Lines need a minimum quantity. -> Lines need at least ten units.\n    + rules["Whole units"]\n    - rules["Max quantity"]\n'
        );
        // The rule condition is not in the package (its RuleDefinition format is not published).
        expect(text).not.toContain('.condition.');
        const deleted = await plan('delete', zip, 'base.zip');
        expect(deleted.entries.filter(entry => entry.action === 'Delete').map(entry => entry.name)).toEqual(['Header check']);
    });
});
