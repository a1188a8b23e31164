import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import type { JourneyGraphResponse } from '../../language/graph/server-graph.js';
import { IomServerCommands } from '../../language/lsp/iom-command-handler.js';
import { exampleServers } from '../helpers/example-servers.js';

const servers = exampleServers('iom-graph-lsp-');

async function server(example: string) {
    const { dir, execute, ...services } = await servers(example);
    const uri = URI.file(path.join(dir, 'journeys.iom'));
    const run = (args: Record<string, unknown>) => execute<JourneyGraphResponse>(IomServerCommands.journeyGraph, { uri: uri.toString(), ...args });
    return { dir, uri, run, ...services };
}

describe('iom.server.journeyGraph', () => {
    test('returns the laid-out graph of the journey at a position, with the folder to resolve its file names', async () => {
        const { dir, run } = await server('quickstart-lab');
        const response = await run({ position: { line: 30, character: 10 } });
        expect(response.journeys).toEqual(['IOM Lab order journey']);
        expect(response.rootUri).toBe(URI.file(dir).toString());
        expect(response.file).toBe('journeys.iom');
        expect(response.syntaxErrors).toBe(0);
        expect(response.graph?.title).toBe('IOM Lab order journey');
        expect(response.graph?.nodes.map(node => node.label)).toContain('Send to Chicago');
        expect(response.graph?.nodes.every(node => Number.isFinite(node.x) && Number.isFinite(node.y))).toBe(true);
    });

    test('follows an edit, and flags syntax errors so the view keeps its last good graph', async () => {
        const { uri, run, shared } = await server('quickstart-lab');
        const document = shared.workspace.LangiumDocuments.getDocument(uri)!;
        const text = document.textDocument.getText();
        // As the file watcher reports a saved change.
        const edit = async (next: string) => {
            fs.writeFileSync(uri.fsPath, next);
            await shared.workspace.DocumentBuilder.update([uri], []);
        };
        await edit(text.replace('"Send to Chicago"', '"Send to the Chicago store"'));
        const renamed = await run({});
        expect(renamed.graph?.nodes.map(node => node.label)).toContain('Send to the Chicago store');
        await edit(text.replace('branch Chicago {', 'branch Chicago {{'));
        const broken = await run({});
        expect(broken.syntaxErrors).toBeGreaterThan(0);
        expect(broken.syntaxError).toMatch(/^journeys\.iom:\d+:\d+ /);
    });

    test('applies a simulation overlay, and draws the event flow view', async () => {
        const { run } = await server('quickstart-lab');
        const plain = await run({});
        const id = (label: string) => plain.graph!.nodes.find(node => node.label === label)!.id;
        const traced = await run({
            overlay: { journey: 'IOM Lab order journey', visited: [id('Order header validation')], skipped: [id('Send to Chicago')] }
        });
        expect(traced.graph?.overlay).toEqual({ visited: 1, skipped: 1 });
        const events = await run({ view: 'events' });
        expect(events.graph?.view).toBe('events');
        expect(events.graph?.nodes.filter(node => node.kind === 'event').map(node => node.label)).toContain('New Order');
        const missing = await run({ journey: 'Nope' });
        expect(missing.graph).toBeNull();
        expect(missing.message).toBe('No journey named "Nope".');
    });
});
