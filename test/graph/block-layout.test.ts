import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { journeySource } from '../../bench/graph-journey.js';
import { type GraphModel, LARGE_GRAPH, type LaidOutGraph, layoutBlocks, layoutGraph, renderSvg } from '../../language/graph/index.js';
import { tempDir } from '../compiler/helpers.js';
import { graphWorkspaces, workspaceGraphs } from './helpers.js';
import { itemAt } from '../helpers/items.js';

/**
 * The layout of very large journeys (language/graph/block-layout.ts): the benchmark's 500-step journey gets it,
 * and the picture keeps the properties of ELK's layered layout: top to bottom, no overlaps, orthogonal edges from
 * the bottom of a node to the top of the next, a control element's paths side by side in model order, branch labels.
 */

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The properties every layout of a journey must have, ELK's or the block layout. */
function expectLayeredPicture(laid: LaidOutGraph): void {
    const byId = new Map(laid.nodes.map(node => [node.id, node]));
    for (let i = 0; i < laid.nodes.length; i++) {
        const a = itemAt(laid.nodes, i);
        expect(a.x).toBeGreaterThanOrEqual(0);
        expect(a.y).toBeGreaterThanOrEqual(0);
        expect(a.x + a.width).toBeLessThanOrEqual(laid.width);
        expect(a.y + a.height).toBeLessThanOrEqual(laid.height);
        for (let j = i + 1; j < laid.nodes.length; j++) {
            if (overlaps(a, itemAt(laid.nodes, j))) throw new Error(`${a.label} overlaps ${itemAt(laid.nodes, j).label}`);
        }
    }
    for (const edge of laid.edges) {
        const from = byId.get(edge.from)!;
        const to = byId.get(edge.to)!;
        // Top to bottom: every edge goes down.
        expect(to.y, `${from.label} → ${to.label}`).toBeGreaterThan(from.y + from.height);
        const first = itemAt(edge.points, 0);
        const last = itemAt(edge.points, -1);
        expect(first.y).toBe(Math.round((from.y + from.height) * 10) / 10);
        expect(last.y).toBe(to.y);
        expect(first.x).toBeGreaterThanOrEqual(from.x);
        expect(first.x).toBeLessThanOrEqual(from.x + from.width);
        expect(last.x).toBeGreaterThanOrEqual(to.x);
        expect(last.x).toBeLessThanOrEqual(to.x + to.width);
        // Orthogonal routes.
        for (let i = 1; i < edge.points.length; i++) {
            const [p, q] = [itemAt(edge.points, i - 1), itemAt(edge.points, i)];
            expect(p.x === q.x || p.y === q.y, `${edge.id} segment ${i}`).toBe(true);
        }
        if (edge.label) {
            expect(edge.labelBox).not.toBeNull();
            for (const node of laid.nodes) if (overlaps(edge.labelBox!, node)) throw new Error(`label ${edge.label} overlaps ${node.label}`);
        }
    }
}

describe('block layout of very large journeys', () => {
    let dir: string;
    let model: GraphModel;

    beforeAll(async () => {
        dir = tempDir('iom-graph-large-');
        fs.writeFileSync(path.join(dir, 'journey.iom'), journeySource(500));
        model = itemAt((await workspaceGraphs(dir)).graphs, 0);
    }, 120_000);
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('the 500-step journey of the benchmark is laid out by the block layout, deterministically', async () => {
        expect(model.nodes.filter(node => node.kind === 'step')).toHaveLength(500);
        expect(model.nodes.length).toBeGreaterThan(LARGE_GRAPH);
        const blocks = layoutBlocks(model);
        expect(blocks).not.toBeNull();
        const laid = await layoutGraph(model);
        expect(laid).toEqual(blocks);
        expect(JSON.stringify(await layoutGraph(structuredClone(model)))).toBe(JSON.stringify(laid));
        expect(renderSvg([laid])).toBe(renderSvg([layoutBlocks(model)!]));
    });

    test('it is a layered, top-to-bottom picture: no overlaps, orthogonal edges, labels clear of the nodes', () => {
        expectLayeredPicture(layoutBlocks(model)!);
    });

    test("a control element's paths are side by side under it, in model order, and rejoin below them", () => {
        const laid = layoutBlocks(model)!;
        const byId = new Map(laid.nodes.map(node => [node.id, node]));
        let forks = 0;
        for (const control of laid.nodes.filter(node => node.kind === 'splitter' || node.kind === 'condition')) {
            const branches = laid.edges
                .filter(edge => edge.from === control.id && edge.kind === 'branch')
                .map(edge => byId.get(edge.to)!)
                .filter(node => node.kind !== 'merge'); // (an empty path goes straight to the merge point)
            if (branches.length < 2) continue;
            forks++;
            const centers = branches.map(node => node.x + node.width / 2);
            expect([...centers].sort((a, b) => a - b)).toEqual(centers);
            // The control element is centred over its paths.
            const middle = (itemAt(centers, 0) + itemAt(centers, -1)) / 2;
            expect(Math.abs(control.x + control.width / 2 - middle)).toBeLessThanOrEqual(
                itemAt(branches, 0).width / 2 + itemAt(branches, -1).width / 2
            );
        }
        expect(forks).toBeGreaterThan(50);
        // Each merge point is below every element leading to it.
        for (const merge of laid.nodes.filter(node => node.kind === 'merge')) {
            for (const edge of laid.edges.filter(e => e.to === merge.id)) expect(byId.get(edge.from)!.y).toBeLessThan(merge.y);
        }
    });

    test('the journeys of the examples and the nested fixture are block-structured too, and give the same kind of picture', async () => {
        for (const folder of Object.values(graphWorkspaces)) {
            for (const graph of (await workspaceGraphs(folder)).graphs) {
                const laid = layoutBlocks(graph);
                expect(laid, graph.title).not.toBeNull();
                expectLayeredPicture(laid!);
            }
        }
    });

    test('below the size threshold ELK lays the graph out (the golden pictures); the event flow view is never block-laid', async () => {
        const { graphs } = await workspaceGraphs(graphWorkspaces['quickstart-lab']);
        expect(graphs[0]?.nodes.length).toBeLessThan(LARGE_GRAPH);
        expect(await layoutGraph(itemAt(graphs, 0))).not.toEqual(layoutBlocks(itemAt(graphs, 0)));
        const events = itemAt((await workspaceGraphs(graphWorkspaces['quickstart-lab'], { view: 'events' })).graphs, 0);
        expect(layoutBlocks(events)).toBeNull();
    });

    test('a graph that is not block-structured (a path jumping into another) is left to ELK', () => {
        const graph = structuredClone(model);
        const steps = graph.nodes.filter(node => node.kind === 'step');
        // An edge from the last step into the middle of the journey: a cycle-free jump across paths.
        graph.edges.push({ id: 'jump', from: itemAt(steps, 10).id, to: itemAt(steps, 400).id, kind: 'flow', label: null, source: null, state: null });
        expect(layoutBlocks(graph)).toBeNull();
    });
});
