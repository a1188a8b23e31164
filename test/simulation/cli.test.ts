import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { EntityCatalog, sampleOrderSchemaText } from '../../language/simulation/index.js';
import { copyExample, examples, repoRoot, tempDirs } from '../compiler/helpers.js';
import { iom as iomIn, spawnIom } from '../helpers/cli.js';

/**
 * `iom simulate`, `iom test` and `iom order-schema`, through the CLI's main in-process (one smoke test through the
 * bundled bin), on temporary copies of the examples. This is also how `npm test` runs every example's test blocks.
 */
const temp = tempDirs('iom-sim-');

function copy(example: string, rewrite?: (file: string, text: string) => string): string {
    const dir = temp();
    copyExample(example, dir);
    if (rewrite) {
        for (const file of fs.readdirSync(dir).filter(name => name.endsWith('.iom'))) {
            const full = path.join(dir, file);
            fs.writeFileSync(full, rewrite(file, fs.readFileSync(full, 'utf8')));
        }
    }
    return dir;
}

const iom = (args: string[]) => iomIn(args, repoRoot);

describe('iom test on the examples', () => {
    test.each(examples)(
        '%s: every test block passes',
        async example => {
            const dir = copy(example);
            const { code, stdout, stderr } = await iom(['test', dir]);
            expect(stderr).toBe('');
            expect(stdout.trim().split('\n').at(-1)).toMatch(/^[1-9]\d* passed, 0 failed$/);
            expect(code).toBe(0);
        },
        180_000
    );

    test("the lab's tests have teeth: the Seattle filter changed to Chicago fails with a clear message", async () => {
        const dir = copy('quickstart-lab', (file, text) =>
            file !== 'policies.iom'
                ? text
                : text.replace('"Fulfillment Source" = "Seattle store"\n    }\n}', '"Fulfillment Source" = "Chicago store"\n    }\n}')
        );
        expect(fs.readFileSync(path.join(dir, 'policies.iom'), 'utf8')).toContain(
            'rule "Seattle store" {\n        "Fulfillment Source" = "Chicago store"'
        );
        const { code, stdout } = await iom(['test', dir]);
        expect(code).toBe(1);
        expect(stdout).toContain('FAIL Seattle order goes to Seattle');
        expect(stdout).toContain('expect branch "Fulfillment split" . Seattle taken');
        expect(stdout).toContain('expected: branch "Seattle" of "Fulfillment split" taken');
        expect(stdout).toContain('actual:   taken: none');
        expect(stdout).toContain('Fulfillment Source Equals "Chicago store": read "Seattle store" → false');
        expect(stdout.trim().split('\n').at(-1)).toMatch(/^\d+ passed, [1-9]\d* failed$/);
    }, 180_000);

    test('flipping an operator in the lab (assignment >= becomes <=) fails a test', async () => {
        const dir = copy('quickstart-lab', (file, text) => (file !== 'policies.iom' ? text : text.replace('Quantity >= 100', 'Quantity <= 100')));
        const { code, stdout } = await iom(['test', dir]);
        expect(code).toBe(1);
        expect(stdout).toContain('FAIL Seattle order goes to Seattle');
    }, 180_000);

    test('a Splitter-Merge branch filter swapped to the other source fails a test', async () => {
        const dir = copy('splitter-merge', (file, text) =>
            file !== 'policies.iom' ? text : text.replace('"Order Source" = "BigCommerce"', '"Order Source" = "Orderful"')
        );
        const { code, stdout } = await iom(['test', dir]);
        expect(code).toBe(1);
        expect(stdout).toContain('FAIL BigCommerce orders take the first branch');
    }, 180_000);

    test('--filter, --format json and junit; usage errors exit 2', async () => {
        const dir = copy('quickstart-lab');
        const filtered = await iom(['test', dir, '--filter', 'chicago']);
        expect(filtered.stdout).toContain('PASS Chicago order goes to Chicago');
        expect(filtered.stdout.trim().split('\n').at(-1)).toBe('1 passed, 0 failed');
        const json = JSON.parse((await iom(['test', dir, '--format', 'json'])).stdout) as {
            tests: Array<{ name: string; passed: boolean }>;
            summary: string;
        };
        expect(json.tests.length).toBe(6);
        expect(json.summary).toBe('6 passed, 0 failed');
        const junit = (await iom(['test', dir, '--format', 'junit'])).stdout;
        expect(junit).toContain('<testsuite name=');
        expect(junit).toContain('tests="6" failures="0"');
        expect(junit.trim().split('\n').at(-1)).toBe('<!-- 6 passed, 0 failed -->');
        expect((await iom(['test', dir, '--format', 'xml'])).code).toBe(2);
    }, 180_000);

    test('a failing test in junit carries the expectation', async () => {
        const dir = copy('seed', (file, text) =>
            file === 'tests.iom' ? text.replace('expect step "Send to DOM" ran', 'expect step "Send to DOM" skipped') : text
        );
        const { code, stdout } = await iom(['test', dir, '--format', 'junit']);
        expect(code).toBe(1);
        expect(stdout).toContain(
            '<failure message="expect step &quot;Send to DOM&quot; skipped: expected step &quot;Send to DOM&quot; skipped, actual ran: succeeded"'
        );
    }, 180_000);

    test('a workspace with errors is refused (exit 1)', async () => {
        const dir = copy('seed', (file, text) =>
            file === 'tests.iom' ? text.replace('expect step "Send to DOM" ran', 'expect step "Send to DMO" ran') : text
        );
        const { code, stderr } = await iom(['test', dir]);
        expect(code).toBe(1);
        expect(stderr).toMatch(/tests\.iom:9:17 - error IOM1001: Cannot find step 'Send to DMO'/);
    }, 180_000);
});

describe('iom simulate', () => {
    test("text, markdown and json traces of the lab's Seattle order", async () => {
        const dir = copy('quickstart-lab');
        const order = path.join(dir, 'orders', 'seattle.order.json');
        const text = await iom(['simulate', dir, '--order', order]);
        expect(text.code).toBe(0);
        expect(text.stdout).toContain('Journey "IOM Lab order journey": entered');
        expect(text.stdout).toMatch(/Fulfillment Source Equals "Seattle store": read "Seattle store" → true {2}\[.*policies\.iom:52:5\]/);
        const markdown = await iom(['simulate', dir, '--order', order, '--format', 'markdown']);
        expect(markdown.stdout).toContain('# Simulation of "New Order"');
        const json = JSON.parse((await iom(['simulate', dir, '--order', order, '--format', 'json'])).stdout) as {
            overlays: Array<{ journey: string; visited: string[]; skipped: string[] }>;
        };
        expect(json.overlays[0]?.journey).toBe('IOM Lab order journey');
        expect(json.overlays[0]?.visited.length).toBe(5);
        expect(json.overlays[0]?.skipped.length).toBe(1);
        // The overlay format feeds the journey graph (docs/graph.md).
        const overlay = await iom(['simulate', dir, '--order', order, '--format', 'overlay']);
        fs.writeFileSync(path.join(dir, 'trace.json'), overlay.stdout);
        const graph = await iom(['graph', dir, '--overlay', path.join(dir, 'trace.json'), '--format', 'mermaid']);
        expect(graph.stdout).toContain('simulation: 5 visited, 1 skipped');
    }, 120_000);

    test('mocks: failure, given events; an unknown provider action is a usage error', async () => {
        const dir = copy('quickstart-lab');
        const order = path.join(dir, 'orders', 'seattle.order.json');
        const failure = await iom(['simulate', dir, '--order', order, '--mock', 'IOM Lab Fulfillment/IOM Lab Send to Fulfillment (Outlook)=failure']);
        expect(failure.stdout).toContain('Provider action "IOM Lab Fulfillment/IOM Lab Send to Fulfillment (Outlook)": failure (mocked)');
        const unknown = await iom(['simulate', dir, '--order', order, '--mock', 'Nope/Nothing=failure']);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain('no provider action "Nope/Nothing"');
        expect((await iom(['simulate', dir, '--order', order, '--event', 'No such event'])).code).toBe(2);
    }, 180_000);

    test('a sample order with a wrong type or an unknown field is a located, coded error (exit 1)', async () => {
        const dir = copy('quickstart-lab');
        const bad = path.join(dir, 'bad.order.json');
        fs.writeFileSync(bad, '{\n  "Order": { "Ship to Country/Region": 1 },\n  "Order product": [ { "Qty": 5 } ]\n}\n');
        const { code, stderr, stdout } = await iom(['simulate', dir, '--order', bad]);
        expect(code).toBe(1);
        expect(stdout).toBe('');
        expect(stderr).toContain("bad.order.json:2:40 - error IOM6503: Order 'Ship to Country/Region' is a text, not 1.");
        expect(stderr).toContain("bad.order.json:3:24 - error IOM6502: 'Qty' is not a field of Order product.");
    }, 180_000);
});

describe('iom test and iom simulate as processes (bin/iom.cjs): smoke test', () => {
    test('the lab: its tests pass (exit 0), a simulation prints its trace', () => {
        const dir = copy('quickstart-lab');
        const tested = spawnIom(['test', dir], repoRoot);
        expect(tested.code, tested.stderr).toBe(0);
        expect(tested.stdout.trim().split('\n').at(-1)).toBe('6 passed, 0 failed');
        const simulated = spawnIom(['simulate', dir, '--order', path.join(dir, 'orders', 'seattle.order.json')], repoRoot);
        expect(simulated.code, simulated.stderr).toBe(0);
        expect(simulated.stdout).toContain('Journey "IOM Lab order journey": entered');
    }, 120_000);
});

describe('the sample order schema', () => {
    test('schemas/sample-order.schema.json is generated from the catalog (run npm run schema:generate)', async () => {
        expect(fs.readFileSync(path.join(repoRoot, 'schemas', 'sample-order.schema.json'), 'utf8')).toBe(
            sampleOrderSchemaText(EntityCatalog.builtin())
        );
    });

    test("it accepts the examples' sample orders and rejects a wrong type or an unknown field", async () => {
        const ajv = new Ajv({ allErrors: true, strict: false });
        addFormats(ajv);
        const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'sample-order.schema.json'), 'utf8')));
        for (const example of examples) {
            const folder = path.join(repoRoot, 'examples', example, 'orders');
            for (const file of fs.readdirSync(folder)) {
                expect(validate(JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'))), `${example}/${file}`).toBe(true);
            }
        }
        expect(validate({ Order: { 'Total Amount': '12' } })).toBe(false);
        expect(validate({ Order: {}, 'Order product': [{ Qty: 1 }] })).toBe(false);
        expect(validate({ Order: {}, 'Order line': [] })).toBe(false);
    });

    test("iom order-schema includes the workspace's custom entities", async () => {
        const dir = temp();
        fs.writeFileSync(
            path.join(dir, 'custom.iom'),
            'entity Shipment {\n    table contoso_shipment\n    field Carrier : text\n}\nevent "Shipment created" { entity Shipment }\n'
        );
        const { code, stdout } = await iom(['order-schema', dir]);
        expect(code).toBe(0);
        const schema = JSON.parse(stdout) as {
            properties: Record<string, unknown>;
            definitions: Record<string, { properties: Record<string, unknown> }>;
        };
        expect(schema.properties).toHaveProperty('Shipment');
        expect(schema.definitions.Shipment?.properties).toHaveProperty('Carrier');
    }, 180_000);
});
