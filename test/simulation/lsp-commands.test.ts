import * as path from 'node:path';
import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { IomServerCommands } from '../../language/lsp/iom-command-handler.js';
import type { TestInfo, TestRunResult, TraceView } from '../../language/simulation/service.js';
import { exampleServers } from '../helpers/example-servers.js';
import { itemAt } from '../helpers/items.js';

/** The language server's test and simulation commands, on a real copy of the lab, as the VS Code client calls them. */
const lab = exampleServers('iom-lsp-sim-');

async function server(rewrite?: (text: string) => string) {
    const { dir, execute } = await lab('quickstart-lab', rewrite);
    return { dir, run: <T>(command: string, args: unknown) => execute<T>(command, args) };
}

describe('server commands for tests and the simulator', () => {
    test('listTests gives every test block with its range; runTests runs them with expectation ranges', async () => {
        const { dir, run } = await server();
        const tests = await run<TestInfo[]>(IomServerCommands.listTests, {});
        expect(tests.map(t => t.name)).toContain('Seattle order goes to Seattle');
        const seattle = tests.find(t => t.name === 'Seattle order goes to Seattle')!;
        expect(seattle.uri).toBe(URI.file(path.join(dir, 'tests.iom')).toString());
        expect(seattle.range.start.line).toBe(3);
        const results = await run<TestRunResult[]>(IomServerCommands.runTests, { ids: [seattle.id] });
        expect(results).toHaveLength(1);
        expect(results[0]?.passed).toBe(true);
        expect(results[0]?.expectations.length).toBeGreaterThan(5);
    });

    test('a failing expectation carries its range, expected and actual, and trace lines', async () => {
        const { run } = await server(text =>
            text.replace('"Fulfillment Source" = "Seattle store"\n    }\n}', '"Fulfillment Source" = "Chicago store"\n    }\n}')
        );
        const results = await run<TestRunResult[]>(IomServerCommands.runTests, {});
        const seattle = results.find(r => r.name === 'Seattle order goes to Seattle')!;
        expect(seattle.passed).toBe(false);
        const failed = seattle.expectations.find(e => !e.passed)!;
        expect(failed).toMatchObject({ expected: 'branch "Seattle" of "Fulfillment split" taken', actual: 'taken: none' });
        expect(failed.range.start.line).toBe(10);
        expect(failed.trace.join('\n')).toContain('read "Seattle store" → false');
    });

    test('simulate returns the trace with a source location per line, and the graph overlays', async () => {
        const { dir, run } = await server();
        const view = await run<TraceView>(IomServerCommands.simulate, {
            uri: URI.file(path.join(dir, 'journeys.iom')).toString(),
            journey: 'IOM Lab order journey',
            order: URI.file(path.join(dir, 'orders', 'chicago.order.json')).toString()
        });
        expect(view.errors).toEqual([]);
        const row = view.lines.find(line => line.text.startsWith('Fulfillment Source Equals "Chicago store"'))!;
        expect(row.location).toMatchObject({ uri: URI.file(path.join(dir, 'policies.iom')).toString(), line: 62 });
        expect(view.overlays[0]).toMatchObject({ journey: 'IOM Lab order journey' });
        expect(itemAt(view.overlays, 0).visited.length + itemAt(view.overlays, 0).skipped.length).toBe(6);
    });
});
