/**
 * A linear-time layout for very large journeys (hundreds of steps), where ELK's layered algorithm takes longer than
 * the graph view can wait (bench/graph.ts: a 500-step journey). A journey is block-structured: a run of elements,
 * and at each Condition or Splitter its paths side by side until they rejoin at the element that post-dominates it
 * (its merge point, or the element after it). The layout follows that structure: each element is centred on its
 * path's axis, a control element's paths are laid side by side below it (in model order, left to right), the paths
 * rejoin below the widest of them, and edges are routed orthogonally (down, across, down) with branch labels on the
 * segment that enters the path: the same look as ELK's top-to-bottom layered layout with orthogonal edges.
 *
 * Returns null when the graph is not block-structured (the event flow view, several first elements, a path that
 * jumps into another): the caller then uses ELK. Deterministic: arithmetic on the model order and node sizes only.
 */
import { type LaidOutGraph, labelWidth, nodeSize, type Point, type PositionedEdge, type PositionedNode, SIZES } from './geometry.js';
import { type GraphEdge, type GraphModel, immediatePostDominators } from './model.js';

/** Vertical space between two elements of a path, below a control element (bend + label) and horizontal between paths. */
const GAP = 44;
const FORK_GAP = 60;
const PATH_GAP = 36;
/** Where edges bend: below a control element, above a merge point. */
const BEND = 16;

type Item = { id: string; branches: null } | { id: string; branches: Branch[] };
interface Branch {
    edge: GraphEdge;
    items: Item[];
    width: number;
    height: number;
    center: number;
}

class NotStructured extends Error {}

const round = (value: number) => Math.round(value * 10) / 10;

export function layoutBlocks(model: GraphModel): LaidOutGraph | null {
    if (model.view !== 'journey') return null;
    const byId = new Map(model.nodes.map(node => [node.id, node]));
    const size = new Map(model.nodes.map(node => [node.id, nodeSize(node)]));
    const outgoing = new Map<string, GraphEdge[]>(model.nodes.map(node => [node.id, []]));
    const indegree = new Map<string, number>(model.nodes.map(node => [node.id, 0]));
    for (const edge of model.edges) {
        if (!outgoing.has(edge.from) || !indegree.has(edge.to)) return null;
        outgoing.get(edge.from)!.push(edge);
        indegree.set(edge.to, indegree.get(edge.to)! + 1);
    }
    const entries = model.nodes.filter(node => node.kind === 'entry');
    const elements = model.nodes.filter(node => node.kind !== 'entry');
    const starts = [
        ...new Set(
            entries.length
                ? entries.flatMap(entry => outgoing.get(entry.id)!.map(edge => edge.to))
                : elements.filter(node => indegree.get(node.id) === 0).map(node => node.id)
        )
    ];
    if (starts.length !== 1 || entries.some(entry => outgoing.get(entry.id)!.some(edge => edge.to !== starts[0]))) return null;
    const ipdom = immediatePostDominators(
        elements.map(node => node.id),
        outgoing
    );

    // -- structure: a path is a list of items, a control element carries its paths --------------------------------
    const placed = new Set<string>();
    const path = (start: string | undefined, stop: string | null): Item[] => {
        const items: Item[] = [];
        let id = start;
        while (id !== undefined && id !== stop) {
            if (placed.has(id) || byId.get(id)!.kind === 'entry') throw new NotStructured();
            placed.add(id);
            const out = outgoing.get(id)!;
            const kind = byId.get(id)!.kind;
            if (out.length <= 1 || (kind !== 'condition' && kind !== 'splitter')) {
                // A step at the end of nested -Merge elements at the journey's end leads to each of their merge
                // points: the path goes on to the one it is in.
                items.push({ id, branches: null });
                id = (out.find(edge => edge.to === stop) ?? out[0])?.to;
                continue;
            }
            // The paths rejoin at the element that post-dominates the control element; at the journey's end, at its
            // own merge point (or they end, each on its own).
            const join = ipdom.get(id) ?? (outgoing.has(`merge:${id}`) ? `merge:${id}` : stop);
            const branches = out.map((edge): Branch => ({
                edge,
                items: edge.to === join ? [] : path(edge.to, join),
                width: 0,
                height: 0,
                center: 0
            }));
            items.push({ id, branches });
            id = join ?? undefined;
            if (join === stop) break;
        }
        return items;
    };
    let root: Item[];
    try {
        root = path(starts[0], null);
    } catch (error) {
        if (error instanceof NotStructured) return null;
        throw error;
    }
    if (placed.size !== elements.length) return null;

    // -- measure ---------------------------------------------------------------------------------------------------
    const itemSize = new Map<Item, { width: number; height: number; row: number }>();
    const measure = (items: Item[]): { width: number; height: number } => {
        let width = 0;
        let height = 0;
        items.forEach((item, index) => {
            const box = size.get(item.id)!;
            let itemWidth = box.width;
            let itemHeight = box.height;
            let row = 0;
            if (item.branches) {
                let rowHeight = 0;
                item.branches.forEach((branch, i) => {
                    const measured = measure(branch.items);
                    branch.width = Math.max(measured.width, branch.edge.label ? labelWidth(branch.edge.label) : SIZES.mergeSize);
                    branch.height = measured.height;
                    row += branch.width + (i ? PATH_GAP : 0);
                    rowHeight = Math.max(rowHeight, measured.height);
                });
                itemWidth = Math.max(itemWidth, row);
                itemHeight += FORK_GAP + rowHeight;
            }
            itemSize.set(item, { width: itemWidth, height: itemHeight, row });
            width = Math.max(width, itemWidth);
            height += itemHeight + (index ? GAP : 0);
        });
        return { width, height };
    };
    const content = measure(root);

    // -- place -------------------------------------------------------------------------------------------------------
    const positions = new Map<string, { x: number; y: number; width: number; height: number }>();
    const margin = SIZES.margin;
    const entryRow = entries.reduce((sum, entry, i) => sum + size.get(entry.id)!.width + (i ? PATH_GAP : 0), 0);
    const width = Math.max(content.width, entryRow) + 2 * margin;
    const axis = width / 2;
    let left = axis - entryRow / 2;
    for (const entry of entries) {
        const box = size.get(entry.id)!;
        positions.set(entry.id, { x: left, y: margin, ...box });
        left += box.width + PATH_GAP;
    }
    const top = margin + (entries.length ? SIZES.entryHeight + GAP : 0);
    const place = (items: Item[], center: number, y: number): void => {
        for (const item of items) {
            const box = size.get(item.id)!;
            positions.set(item.id, { x: center - box.width / 2, y, ...box });
            const measured = itemSize.get(item)!;
            if (item.branches) {
                let x = center - measured.row / 2;
                for (const branch of item.branches) {
                    branch.center = x + branch.width / 2;
                    place(branch.items, branch.center, y + box.height + FORK_GAP);
                    x += branch.width + PATH_GAP;
                }
            }
            y += measured.height + GAP;
        }
    };
    place(root, axis, top);
    const height = top + content.height + margin;

    // -- route -------------------------------------------------------------------------------------------------------
    const emptyBranch = new Map<GraphEdge, number>();
    const forks = new Set<string>();
    const visit = (items: Item[]) => {
        for (const item of items) {
            if (!item.branches) continue;
            forks.add(item.id);
            for (const branch of item.branches) {
                if (!branch.items.length) emptyBranch.set(branch.edge, branch.center);
                visit(branch.items);
            }
        }
    };
    visit(root);
    const edges = model.edges.map((edge): PositionedEdge => {
        const from = positions.get(edge.from)!;
        const to = positions.get(edge.to)!;
        const sx = from.x + from.width / 2;
        const sy = from.y + from.height;
        const tx = to.x + to.width / 2;
        const ty = to.y;
        let route: Point[];
        let labelAt: { x: number; top: number; bottom: number } | null = null;
        const empty = emptyBranch.get(edge);
        if (empty !== undefined) {
            route = [
                { x: sx, y: sy },
                { x: sx, y: sy + BEND },
                { x: empty, y: sy + BEND },
                { x: empty, y: ty - BEND },
                { x: tx, y: ty - BEND },
                { x: tx, y: ty }
            ];
            labelAt = { x: empty, top: sy + BEND, bottom: ty - BEND };
        } else if (forks.has(edge.from)) {
            route = [
                { x: sx, y: sy },
                { x: sx, y: sy + BEND },
                { x: tx, y: sy + BEND },
                { x: tx, y: ty }
            ];
            labelAt = { x: tx, top: sy + BEND, bottom: ty };
        } else if (indegree.get(edge.to)! > 1) {
            route = [
                { x: sx, y: sy },
                { x: sx, y: ty - BEND },
                { x: tx, y: ty - BEND },
                { x: tx, y: ty }
            ];
        } else {
            const middle = (sy + ty) / 2;
            route = [
                { x: sx, y: sy },
                { x: sx, y: middle },
                { x: tx, y: middle },
                { x: tx, y: ty }
            ];
        }
        const points = simplify(route).map(p => ({ x: round(p.x), y: round(p.y) }));
        let labelBox: PositionedEdge['labelBox'] = null;
        if (edge.label) {
            const labelW = labelWidth(edge.label);
            const middle = labelAt ? (labelAt.top + labelAt.bottom) / 2 : (sy + ty) / 2;
            labelBox = {
                x: round((labelAt?.x ?? tx) - labelW / 2),
                y: round(middle - SIZES.labelHeight / 2),
                width: labelW,
                height: SIZES.labelHeight
            };
        }
        return { ...edge, points, labelBox };
    });
    const nodes = model.nodes.map((node): PositionedNode => {
        const box = positions.get(node.id)!;
        return { ...node, x: round(box.x), y: round(box.y), width: round(box.width), height: round(box.height) };
    });
    return { ...model, nodes, edges, width: round(width), height: round(height) };
}

/** Drops repeated points and the middle one of three on a line (a straight edge keeps its two ends). */
function simplify(points: Point[]): Point[] {
    const out: Point[] = [];
    for (const point of points) {
        const last = out[out.length - 1];
        if (last && last.x === point.x && last.y === point.y) continue;
        const before = out[out.length - 2];
        if (before && last && ((before.x === last.x && last.x === point.x) || (before.y === last.y && last.y === point.y))) out.pop();
        out.push(point);
    }
    return out;
}
