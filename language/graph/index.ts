/**
 * The journey graph (issue 16): a graph model of each lowered journey and of the workspace's event flow, laid out
 * with elkjs, rendered as SVG, Mermaid or DOT. The CLI (`iom graph`), the language server command
 * (`iom.server.journeyGraph`) and the VS Code webview all go through here. docs/graph.md describes it.
 */
import type { CompileResult } from '../compiler/index.js';
import type { JourneyRecord } from '../compiler/records.js';
import { buildEventFlowGraph } from './events.js';
import { buildJourneyGraph, type GraphModel, type GraphOverlay, NO_SOURCES, overlayFor, type SourceLookup } from './model.js';

export * from './model.js';
export { buildEventFlowGraph } from './events.js';
export { layoutBlocks } from './block-layout.js';
export { LARGE_GRAPH, layoutGraph, layoutWithElk, type LaidOutGraph, type PositionedEdge, type PositionedNode } from './layout.js';
export { renderSvg, renderGraphBody, GRAPH_STYLE } from './svg.js';
export { renderDot, renderMarkdown, renderMermaid } from './text-formats.js';
export { documentSources, relativeFile, toGraphDiagnostic } from './sources.js';
export { parseOverlayText } from './overlay-text.js';

export type GraphView = 'journey' | 'events';

/** The lowered journeys of a compile result, in the compiler's order (by name). */
export function journeysOf(result: CompileResult): JourneyRecord[] {
    return result.entries.map(entry => entry.record).filter((record): record is JourneyRecord => record.kind === 'journey');
}

export class GraphRequestError extends Error {}

/**
 * The graph models a request asks for: every journey (or the one named), or the event flow view of the workspace.
 * Throws a {@link GraphRequestError} naming the journeys when the one asked for does not exist.
 */
export function graphsFor(
    journeys: readonly JourneyRecord[],
    options: { view?: GraphView; journey?: string; overlays?: readonly GraphOverlay[]; sources?: SourceLookup } = {}
): GraphModel[] {
    const sources = options.sources ?? NO_SOURCES;
    if (options.view === 'events') return [buildEventFlowGraph(journeys, sources)];
    let selected = journeys;
    if (options.journey !== undefined) {
        selected = journeys.filter(journey => journey.name === options.journey || journey.id === options.journey);
        if (!selected.length) {
            const known = journeys.map(journey => `"${journey.name}"`).join(', ');
            throw new GraphRequestError(`no journey named "${options.journey}" (${known ? `journeys: ${known}` : 'the workspace has no journey'})`);
        }
    }
    for (const overlay of options.overlays ?? []) {
        if (!journeys.some(journey => journey.name === overlay.journey || journey.id === overlay.journey)) {
            throw new GraphRequestError(`the overlay names the journey "${overlay.journey}", which does not exist`);
        }
    }
    return selected.map(journey => buildJourneyGraph(journey, sources, options.overlays ? overlayFor(journey, options.overlays) : null));
}
