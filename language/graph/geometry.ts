/**
 * The geometry shared by the layout (server, CLI) and the renderers (SVG text, the webview): node sizes, the detail
 * lines of a step, the positioned graph types. No dependencies, so the webview bundle stays small.
 */
import type { GraphEdge, GraphModel, GraphNode } from './model.js';

export interface Point {
    x: number;
    y: number;
}

export interface PositionedNode extends GraphNode {
    x: number;
    y: number;
    width: number;
    height: number;
}

export interface PositionedEdge extends GraphEdge {
    points: Point[];
    /** Where the label is drawn (its top-left corner and size). */
    labelBox: { x: number; y: number; width: number; height: number } | null;
}

export interface LaidOutGraph extends Omit<GraphModel, 'nodes' | 'edges'> {
    nodes: PositionedNode[];
    edges: PositionedEdge[];
    width: number;
    height: number;
}

// -- sizes (shared with the renderers) -------------------------------------------------------------------------------

export const SIZES = {
    stepWidth: 296,
    titleLine: 20,
    subtitleLine: 16,
    detailLine: 17,
    padding: 8,
    controlWidth: 232,
    controlHeight: 44,
    entryWidth: 232,
    entryHeight: 32,
    mergeSize: 28,
    labelHeight: 18,
    /** Average glyph widths of the fonts used (13 px bold titles, 11 px details), for truncation and label boxes. */
    titleChar: 7.4,
    smallChar: 6.1,
    margin: 16
} as const;

/** The detail lines of a step (policies and provider action): [badge, text]. */
export function detailLines(node: GraphNode): Array<[string, string]> {
    const lines: Array<[string, string]> = [];
    if (node.filterPolicies.length) lines.push(['F', node.filterPolicies.join(', ')]);
    if (node.executionPolicies.length) lines.push(['E', node.executionPolicies.join(', ')]);
    if (node.providerAction) lines.push(['P', node.providerAction.action]);
    return lines;
}

export function nodeSize(node: GraphNode): { width: number; height: number } {
    switch (node.kind) {
        case 'step': {
            const details = detailLines(node).length;
            return {
                width: SIZES.stepWidth,
                height: SIZES.padding * 2 + SIZES.titleLine + SIZES.subtitleLine + (details ? 4 + details * SIZES.detailLine : 0)
            };
        }
        case 'providerAction':
            return { width: SIZES.stepWidth, height: SIZES.padding * 2 + SIZES.titleLine + SIZES.subtitleLine };
        case 'condition':
        case 'splitter':
            return { width: SIZES.controlWidth, height: SIZES.controlHeight };
        case 'merge':
            return { width: SIZES.mergeSize, height: SIZES.mergeSize };
        case 'entry':
            return { width: SIZES.entryWidth, height: SIZES.entryHeight };
        case 'event':
            // The event flow view's events carry the long names of IOM's business events.
            return { width: SIZES.stepWidth, height: SIZES.entryHeight };
    }
}

export function labelWidth(text: string): number {
    return Math.ceil(text.length * SIZES.smallChar) + 12;
}
