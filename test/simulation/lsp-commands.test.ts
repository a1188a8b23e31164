import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterEach, describe, expect, test } from 'vitest';
import { createIomServices } from '../../language/iom-module.js';
import { IomServerCommands } from '../../language/lsp/iom-command-handler.js';
import type { TestInfo, TestRunResult, TraceView } from '../../language/simulation/service.js';
import { copyExample, tempDir } from '../compiler/helpers.js';

/** The language server's test and simulation commands, on a real copy of the lab, as the VS Code client calls them. */
const cleanup: string[] = [];
afterEach(() => {
    for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function server(rewrite?: (text: string) => string) {
    const dir = tempDir('iom-lsp-sim-');
    cleanup.push(dir);
    copyExample('quickstart-lab', dir, rewrite);
    const services = createIomServices(NodeFileSystem);
    await services.shared.workspace.WorkspaceManager.initializeWorkspace([{ name: 'lab', uri: URI.file(dir).toString() }]);
    const run = <T>(command: string, args: unknown) => services.shared.lsp.ExecuteCommandHandler!.executeCommand(command, [args]) as Promise<T>;
    return { dir, run };
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
        expect(results[0].passed).toBe(true);
        expect(results[0].expectations.length).toBeGreaterThan(5);
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
        expect(view.overlays[0].visited.length + view.overlays[0].skipped.length).toBe(6);
    });
});
