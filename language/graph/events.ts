/**
 * The event flow view of a workspace: which steps (of which journeys) a business event starts, which events each
 * step raises, and which provider action each step runs. Built from the same lowered records as the journey graphs.
 *
 * Node ids: `event:<business event id>`, `step:<journey id>/<node id>`, `action:<provider action id>`.
 */
import type { JourneyRecord } from '../compiler/records.js';
import { emptyNode, GRAPH_MODEL_VERSION, type GraphEdge, type GraphModel, type GraphNode, NO_SOURCES, type SourceLookup, stepNode } from './model.js';

export function buildEventFlowGraph(journeys: readonly JourneyRecord[], sources: SourceLookup = NO_SOURCES): GraphModel {
    const nodes = new Map<string, GraphNode>();
    const edges: GraphEdge[] = [];
    const edgeIds = new Set<string>();
    const eventNode = (id: string, name: string) => {
        const key = `event:${id}`;
        if (!nodes.has(key)) nodes.set(key, emptyNode(key, 'event', name));
        return nodes.get(key)!;
    };
    const addEdge = (from: string, to: string, kind: GraphEdge['kind'], source: GraphEdge['source']) => {
        const id = `${from}->${to}`;
        if (edgeIds.has(id)) return;
        edgeIds.add(id);
        edges.push({ id, from, to, kind, label: null, source, state: null });
    };
    for (const journey of journeys) {
        for (const record of journey.nodes) {
            if (record.type !== 'step') continue;
            const step = { ...stepNode(record, sources), id: `step:${journey.id}/${record.id}`, journey: journey.name };
            nodes.set(step.id, step);
            for (const event of record.inputEvents) {
                const from = eventNode(event.id, event.name);
                from.outputEvents.push(step.label);
                addEdge(from.id, step.id, 'starts', step.source);
            }
            for (const event of record.outputEvents) {
                const to = eventNode(event.id, event.name);
                to.inputEvents.push(step.label);
                addEdge(step.id, to.id, 'raises', step.source);
            }
            if (record.providerAction) {
                const key = `action:${record.providerAction.action.id}`;
                if (!nodes.has(key)) {
                    nodes.set(key, {
                        ...emptyNode(key, 'providerAction', record.providerAction.action.name),
                        tile: 'Provider action',
                        actionType: record.providerAction.actionType?.name ?? null,
                        providerAction: { provider: record.providerAction.provider.name, action: record.providerAction.action.name }
                    });
                }
                addEdge(step.id, key, 'runs', step.source);
            }
        }
    }
    // Deterministic order: events by name, then steps in journey order, then provider actions by name.
    const ordered = [...nodes.values()];
    const rank = (node: GraphNode) => (node.kind === 'event' ? 0 : node.kind === 'step' ? 1 : 2);
    const sorted = ordered
        .map((node, index) => ({ node, index }))
        .sort(
            (a, b) =>
                rank(a.node) - rank(b.node) ||
                (rank(a.node) !== 1 ? (a.node.label < b.node.label ? -1 : a.node.label > b.node.label ? 1 : 0) : 0) ||
                a.index - b.index
        )
        .map(item => item.node);
    return {
        version: GRAPH_MODEL_VERSION,
        view: 'events',
        title: 'Event flow',
        journey: null,
        nodes: sorted,
        edges,
        diagnostics: [],
        overlay: null
    };
}
