import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { layoutGraph, renderDot, renderMermaid, renderSvg } from '../../language/graph/index.js';
import { copyExample, replacing, tempDir } from '../compiler/helpers.js';
import { graphWorkspaces, workspaceGraphs } from './helpers.js';
import { itemAt } from '../helpers/items.js';

const baselinesDir = path.join(__dirname, 'baselines');
const update = process.env.UPDATE_BASELINES === '1';

/** Compares with the committed file (rewritten with UPDATE_BASELINES=1). */
function expectBaseline(file: string, actual: string): void {
    const full = path.join(baselinesDir, file);
    if (update) {
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, actual);
    }
    expect(actual).toBe(fs.readFileSync(full, 'utf8'));
}

describe('golden graphs', () => {
    test.each(Object.entries(graphWorkspaces))('%s: graph model, SVG, Mermaid and DOT match their baselines', async (name, folder) => {
        const { graphs } = await workspaceGraphs(folder);
        expect(graphs.length).toBeGreaterThan(0);
        const laidOut = await Promise.all(graphs.map(layoutGraph));
        expectBaseline(`${name}.graph.json`, JSON.stringify(laidOut, null, 2) + '\n');
        expectBaseline(`${name}.svg`, renderSvg(laidOut));
        expectBaseline(`${name}.mmd`, renderMermaid(graphs));
        expectBaseline(`${name}.dot`, renderDot(graphs, name));
        // docs/graph.md shows the quick-start lab's picture.
        if (name === 'quickstart-lab') {
            const image = path.join(__dirname, '..', '..', 'docs', 'images', 'quickstart-lab-journey.svg');
            if (update) fs.writeFileSync(image, renderSvg(laidOut));
            expect(fs.readFileSync(image, 'utf8')).toBe(renderSvg(laidOut));
        }
    });

    test('the event flow view of the quick-start lab matches its baseline', async () => {
        const { graphs } = await workspaceGraphs(graphWorkspaces['quickstart-lab'], { view: 'events' });
        const laidOut = await Promise.all(graphs.map(layoutGraph));
        expectBaseline('quickstart-lab.events.svg', renderSvg(laidOut));
        expectBaseline('quickstart-lab.events.mmd', renderMermaid(graphs));
    });
});

describe("the quick-start lab, as IOM's designer shows it", () => {
    test('validation steps in a row, then the Fulfillment split into Seattle and Chicago, side by side, no merge', async () => {
        const { graphs, journeys } = await workspaceGraphs(graphWorkspaces['quickstart-lab']);
        const graph = itemAt(graphs, 0);
        const record = itemAt(journeys, 0);
        // Every record node is in the graph under its own id (the simulator's trace uses these ids).
        for (const node of record.nodes) expect(graph.nodes.find(n => n.id === node.id)?.label).toBe(node.name);
        const byLabel = (label: string) => graph.nodes.find(node => node.label === label)!;
        expect(graph.nodes.map(node => [node.kind, node.label])).toEqual([
            ['entry', 'New Order'],
            ['step', 'Order header validation'],
            ['step', 'Order line validation'],
            ['step', 'Simple fulfillment determination'],
            ['splitter', 'Fulfillment split'],
            ['step', 'Send to Seattle'],
            ['step', 'Send to Chicago']
        ]);
        const split = byLabel('Fulfillment split');
        expect(split.tile).toBe('Splitter');
        const branches = graph.edges.filter(edge => edge.from === split.id);
        expect(branches.map(edge => [edge.kind, edge.label, graph.nodes.find(n => n.id === edge.to)!.label])).toEqual([
            ['branch', 'Seattle', 'Send to Seattle'],
            ['branch', 'Chicago', 'Send to Chicago']
        ]);
        const chicago = byLabel('Send to Chicago');
        expect(chicago).toMatchObject({
            tile: 'Send to Fulfillment',
            actionType: 'Send to Fulfillment',
            filterPolicies: ['Fulfillment filter policy - Chicago'],
            executionPolicies: [],
            providerAction: { provider: 'IOM Lab Fulfillment', action: 'IOM Lab Send to Fulfillment (RequestBin)' },
            inputEvents: ['Creation of Fulfillment Order has Succeeded'],
            outputEvents: []
        });
        // The source range is the whole step declaration.
        expect(chicago.source).toEqual({ file: 'journeys.iom', line: 37, column: 13, endLine: 42, endColumn: 14 });
        // The Chicago branch edge reveals the branch declaration.
        expect(branches[1]?.source).toMatchObject({ file: 'journeys.iom', line: 36, column: 9 });

        const laid = await layoutGraph(graph);
        const at = (label: string) => laid.nodes.find(node => node.label === label)!;
        // Top to bottom, the entry event first; the two stores side by side, Seattle on the left, below the split.
        const chain = ['New Order', 'Order header validation', 'Order line validation', 'Simple fulfillment determination', 'Fulfillment split'];
        for (let i = 1; i < chain.length; i++)
            expect(at(itemAt(chain, i)).y).toBeGreaterThan(at(itemAt(chain, i - 1)).y + at(itemAt(chain, i - 1)).height);
        expect(at('Send to Seattle').y).toBe(at('Send to Chicago').y);
        expect(at('Send to Seattle').y).toBeGreaterThan(at('Fulfillment split').y);
        expect(at('Send to Seattle').x + at('Send to Seattle').width).toBeLessThan(at('Send to Chicago').x);
        expect(laid.nodes.some(node => node.kind === 'merge')).toBe(false);
        // Every edge is routed, and branch labels are placed.
        for (const edge of laid.edges) expect(edge.points.length).toBeGreaterThanOrEqual(2);
        for (const edge of laid.edges.filter(e => e.kind === 'branch')) expect(edge.labelBox).not.toBeNull();
    });
});

describe('merge points', () => {
    test('a Splitter-Merge at the end of the journey gets a merge point joining its branches', async () => {
        const { graphs } = await workspaceGraphs(graphWorkspaces['splitter-merge']);
        const merge = itemAt(graphs, 0).nodes.find(node => node.kind === 'merge')!;
        expect(merge.label).toBe('Validation split');
        const into = itemAt(graphs, 0)
            .edges.filter(edge => edge.to === merge.id)
            .map(edge => itemAt(graphs, 0).nodes.find(n => n.id === edge.from)!.label);
        expect(into).toEqual(['Test validation 1', 'Test validation 2']);
    });

    test('nested -Merge elements rejoin before the next step; an empty No path goes straight to the merge point', async () => {
        const { graphs } = await workspaceGraphs(graphWorkspaces.nested);
        const graph = itemAt(graphs, 0);
        const label = (id: string) => graph.nodes.find(node => node.id === id)!.label;
        const merges = graph.nodes.filter(node => node.kind === 'merge');
        expect(merges).toHaveLength(1);
        const into = graph.edges.filter(edge => edge.to === itemAt(merges, 0).id).map(edge => [label(edge.from), edge.label]);
        expect(into).toEqual([
            ['Goods to fulfillment', null],
            ['Goods lines valid?', 'No'],
            ['Validate service lines', null],
            ['Header failed', null]
        ]);
        expect(graph.edges.filter(edge => edge.from === merges[0]?.id).map(edge => label(edge.to))).toEqual(['Invoice']);
        // The non-merge Splitter at the end has no merge point.
        expect(graph.edges.filter(edge => label(edge.from) === 'Notify').map(edge => edge.label)).toEqual(['Customer']);
    });
});

describe('diagnostics on nodes', () => {
    test('each diagnostic goes to the innermost step that holds it; the graph is still drawn', async () => {
        const dir = tempDir();
        try {
            copyExample(
                'quickstart-lab',
                dir,
                replacing('filter policies "Fulfillment filter policy - Chicago"', 'filter policies "No such policy"')
            );
            const { graphs } = await workspaceGraphs(dir);
            const chicago = itemAt(graphs, 0).nodes.find(node => node.label === 'Send to Chicago')!;
            expect(chicago.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'IOM1001', file: 'journeys.iom', line: 40 })]);
            expect(graphs[0]?.nodes.filter(node => node.diagnostics.length).map(node => node.label)).toEqual(['Send to Chicago']);
            const svg = renderSvg([await layoutGraph(itemAt(graphs, 0))]);
            expect(svg).toMatch(/class="node kind-step diag-error"[^>]*aria-label="Step Send to Chicago/);
            expect(svg).toContain('<g class="marker error"');
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe('simulation overlay', () => {
    test('visited nodes and the edges between them are highlighted, skipped ones dimmed', async () => {
        const { journeys } = await workspaceGraphs(graphWorkspaces['quickstart-lab']);
        const ids = (...names: string[]) => names.map(name => itemAt(journeys, 0).nodes.find(node => node.name === name)!.id);
        const overlay = {
            journey: 'IOM Lab order journey',
            visited: ids(
                'Order header validation',
                'Order line validation',
                'Simple fulfillment determination',
                'Fulfillment split',
                'Send to Seattle'
            ),
            skipped: ids('Send to Chicago')
        };
        const { graphs } = await workspaceGraphs(graphWorkspaces['quickstart-lab'], { overlays: [overlay] });
        const graph = itemAt(graphs, 0);
        const state = (label: string) => graph.nodes.find(node => node.label === label)!.state;
        expect(state('New Order')).toBe('visited');
        expect(state('Send to Seattle')).toBe('visited');
        expect(state('Send to Chicago')).toBe('skipped');
        expect(graph.overlay).toEqual({ visited: 5, skipped: 1 });
        expect(graph.edges.filter(edge => edge.label).map(edge => [edge.label, edge.state])).toEqual([
            ['Seattle', 'visited'],
            ['Chicago', 'skipped']
        ]);
        const svg = renderSvg([await layoutGraph(graph)]);
        expect(svg).toMatch(/class="node kind-step state-skipped"[^>]*aria-label="Step Send to Chicago/);
    });

    test('an overlay naming an unknown journey is refused', async () => {
        await expect(workspaceGraphs(graphWorkspaces.seed, { overlays: [{ journey: 'Nope', visited: [], skipped: [] }] })).rejects.toThrow(
            'the overlay names the journey "Nope", which does not exist'
        );
    });
});

describe('determinism', () => {
    test('the same workspace gives the same bytes, whatever the order the files are read in', async () => {
        const first = await workspaceGraphs(graphWorkspaces['quickstart-lab']);
        const dir = tempDir();
        try {
            // The same sources under other file names (so the documents load in another order).
            for (const file of fs.readdirSync(graphWorkspaces['quickstart-lab']).filter(f => f.endsWith('.iom'))) {
                fs.copyFileSync(path.join(graphWorkspaces['quickstart-lab'], file), path.join(dir, file));
            }
            fs.renameSync(path.join(dir, 'journeys.iom'), path.join(dir, 'a-journeys.iom'));
            const second = await workspaceGraphs(dir);
            const strip = (svg: string) => svg.replace(/a-journeys\.iom/g, 'journeys.iom');
            const a = renderSvg(await Promise.all(first.graphs.map(layoutGraph)));
            const b = renderSvg(await Promise.all(second.graphs.map(layoutGraph)));
            expect(strip(b)).toBe(a);
            expect(renderMermaid(second.graphs)).toBe(renderMermaid(first.graphs));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe('overlay files', () => {
    test('one overlay, a list, or the JSON of iom simulate (its "overlays") are read; bad ones are refused clearly', async () => {
        const { parseOverlayText } = await import('../../language/graph/index.js');
        const one = { journey: 'J', visited: ['a'], skipped: ['b'] };
        expect(parseOverlayText(JSON.stringify(one))).toEqual([one]);
        expect(parseOverlayText(JSON.stringify([one, { journey: 'K' }]))).toEqual([one, { journey: 'K', visited: [], skipped: [] }]);
        expect(parseOverlayText(JSON.stringify({ ok: true, overlays: [one] }))).toEqual([one]);
        expect(() => parseOverlayText('{\n  "journey": 1\n}')).toThrow('the overlay: "journey" must be the journey\'s name');
        expect(() => parseOverlayText('{\n  "journey": "J",\n  oops\n}')).toThrow(/^3:3: not valid JSON \(/);
    });
});
