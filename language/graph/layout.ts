/**
 * Layered layout of a graph model with elkjs (ELK's "layered" algorithm, top to bottom, like IOM's designer canvas).
 * The layout is computed once, by the language server or the CLI: the webview only draws the positioned graph.
 * Deterministic: node sizes come from character counts (no font measurement), ELK runs with a fixed random seed and
 * in model order, and coordinates are rounded to tenths.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type ElkConstructor from 'elkjs/lib/elk-api.js';
import type { GraphModel } from './model.js';
import { layoutBlocks } from './block-layout.js';
import { type LaidOutGraph, labelWidth, nodeSize, type PositionedEdge, type PositionedNode, SIZES } from './geometry.js';
import { lazy } from '../model/lazy.js';

export type { LaidOutGraph, PositionedEdge, PositionedNode } from './geometry.js';

// -- layout ---------------------------------------------------------------------------------------------------------

const LAYOUT_OPTIONS: Record<string, string> = {
    'elk.algorithm': 'layered',
    'elk.direction': 'DOWN',
    'elk.randomSeed': '1',
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
    'elk.spacing.nodeNode': '36',
    'elk.layered.spacing.nodeNodeBetweenLayers': '44',
    'elk.spacing.edgeNode': '20',
    'elk.spacing.edgeEdge': '14',
    'elk.layered.spacing.edgeNodeBetweenLayers': '16',
    'elk.edgeLabels.placement': 'CENTER',
    'elk.padding': `[top=${SIZES.margin},left=${SIZES.margin},bottom=${SIZES.margin},right=${SIZES.margin}]`
};

/** Graphs of more nodes than this are "large" (a layout ELK cannot finish within a keystroke's debounce). */
export const LARGE_GRAPH = 150;

const LARGE_GRAPH_OPTIONS: Record<string, string> = {
    'elk.layered.thoroughness': '1',
    'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
    'elk.layered.nodePlacement.strategy': 'SIMPLE'
};

/** ELK is loaded on first use (it takes a while to initialise): the language server starts without it. */
const loadElk = lazy(async (): Promise<InstanceType<typeof ElkConstructor>> => {
    const module = await import('elkjs/lib/elk.bundled.js');
    const ELK = (module.default ?? module) as typeof ElkConstructor;
    return new ELK();
});

const round = (value: number | undefined) => Math.round((value ?? 0) * 10) / 10;

/** Lays a graph model out. The result is a new object; the model is not changed. */
export async function layoutGraph(model: GraphModel): Promise<LaidOutGraph> {
    // Large graphs (hundreds of steps): ELK takes too long for a live view (bench/graph.ts), so a block-structured
    // journey gets the linear-time layout of block-layout.ts, which keeps the same look. Other large graphs (the event
    // flow view) trade some of ELK's crossing-minimisation effort for speed; the model order fixes most of the order.
    const large = model.nodes.length > LARGE_GRAPH;
    if (large) {
        const blocks = layoutBlocks(model);
        if (blocks) return blocks;
    }
    return layoutWithElk(model);
}

/** Lays a graph model out with ELK, whatever its size (the benchmark compares it with the block layout). */
export async function layoutWithElk(model: GraphModel): Promise<LaidOutGraph> {
    const large = model.nodes.length > LARGE_GRAPH;
    const elk = await loadElk();
    const graph: ElkNode = {
        id: 'root',
        layoutOptions: large ? { ...LAYOUT_OPTIONS, ...LARGE_GRAPH_OPTIONS } : LAYOUT_OPTIONS,
        children: model.nodes.map(node => ({ id: node.id, ...nodeSize(node) })),
        edges: model.edges.map((edge): ElkExtendedEdge => ({
            id: edge.id,
            sources: [edge.from],
            targets: [edge.to],
            // Large graphs: ELK's label placement costs more than the rest of the layout; the labels go on the
            // edges' first segment instead (below).
            labels:
                edge.label && !large ? [{ id: `${edge.id}:label`, text: edge.label, width: labelWidth(edge.label), height: SIZES.labelHeight }] : []
        }))
    };
    const result = await elk.layout(graph);
    const positions = new Map((result.children ?? []).map(child => [child.id, child]));
    const routes = new Map((result.edges ?? []).map(edge => [edge.id, edge as ElkExtendedEdge]));
    const nodes = model.nodes.map((node): PositionedNode => {
        const placed = positions.get(node.id)!;
        return { ...node, x: round(placed.x), y: round(placed.y), width: round(placed.width), height: round(placed.height) };
    });
    const edges = model.edges.map((edge): PositionedEdge => {
        const route = routes.get(edge.id);
        const section = route?.sections?.[0];
        const points = section
            ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(p => ({ x: round(p.x), y: round(p.y) }))
            : [];
        const label = route?.labels?.[0];
        let labelBox: PositionedEdge['labelBox'] =
            label && edge.label ? { x: round(label.x), y: round(label.y), width: round(label.width), height: round(label.height) } : null;
        // The label sits on the edge's second segment when it has one, else on its only one.
        const [a, b] = points.length >= 3 ? [points[1], points[2]] : [points[0], points[1]];
        if (!labelBox && edge.label && a && b) {
            const width = labelWidth(edge.label);
            labelBox = { x: round((a.x + b.x) / 2 - width / 2), y: round((a.y + b.y) / 2 - SIZES.labelHeight / 2), width, height: SIZES.labelHeight };
        }
        return { ...edge, points, labelBox };
    });
    return { ...model, nodes, edges, width: round(result.width), height: round(result.height) };
}
