/**
 * The journey graph model: what the VS Code graph view and `iom graph` draw. It is built from the lowered
 * JourneyRecord the compiler emits (language/compiler/records.ts), never from the AST, so the picture cannot disagree
 * with the artifacts. The only things looked up in the sources are the end of each declaration (records carry its
 * start) and the diagnostics, both through a {@link SourceLookup} the caller provides.
 *
 * Node ids are the JourneyRecord node ids. Synthetic nodes have ids that cannot clash with them:
 * `entry:<business event id>` for the entry events and `merge:<node id>` for the merge point of a -Merge element.
 */
import type { ControlNode, JourneyEdge, JourneyRecord, Reference, SourceLocation, StepNode } from '../compiler/records.js';

/** The version of the graph model's JSON shape (golden files, the webview's messages). */
export const GRAPH_MODEL_VERSION = 1;

export type GraphNodeKind = 'entry' | 'step' | 'condition' | 'splitter' | 'merge' | 'event' | 'providerAction';

export type GraphEdgeKind =
    /** One element to the next. */
    | 'flow'
    /** A Condition's Yes/No path or a Splitter's branch, labelled with its name. */
    | 'branch'
    /** A path rejoining at a merge point (or the merge point to the element after it). */
    | 'join'
    /** An entry event to the journey's first element. */
    | 'entry'
    /** Event flow view: a business event starts a step. */
    | 'starts'
    /** Event flow view: a step raises a business event. */
    | 'raises'
    /** Event flow view: a step runs a provider action. */
    | 'runs';

/** A source range, 1-based, end exclusive (as an editor selection). */
export interface SourceSpan {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

export type GraphSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface GraphDiagnostic {
    severity: GraphSeverity;
    code: string | null;
    message: string;
    file: string;
    line: number;
    column: number;
}

export type OverlayState = 'visited' | 'skipped' | null;

export interface GraphNode {
    id: string;
    kind: GraphNodeKind;
    /** The step's or element's name, the event's name. */
    label: string;
    /** Steps: the tile. Control elements: Condition, Condition-Merge, Splitter, Splitter-Merge. */
    tile: string | null;
    actionType: string | null;
    filterPolicies: string[];
    executionPolicies: string[];
    providerAction: { provider: string; action: string } | null;
    inputEvents: string[];
    outputEvents: string[];
    /** Event flow view: the journey of a step. */
    journey: string | null;
    source: SourceSpan | null;
    diagnostics: GraphDiagnostic[];
    state: OverlayState;
}

export interface GraphEdge {
    id: string;
    from: string;
    to: string;
    kind: GraphEdgeKind;
    /** Branch edges: Yes, No or the Splitter branch name. */
    label: string | null;
    /** What a click on the edge reveals: the branch declaration, else the declaration the edge leads to. */
    source: SourceSpan | null;
    state: OverlayState;
}

export interface GraphModel {
    version: typeof GRAPH_MODEL_VERSION;
    view: 'journey' | 'events';
    /** The journey's name, or "Event flow". */
    title: string;
    journey: { id: string; name: string; status: string; orchestrationType: string | null; source: SourceSpan | null } | null;
    nodes: GraphNode[];
    edges: GraphEdge[];
    /** Diagnostics inside the journey's declaration that belong to none of its nodes. */
    diagnostics: GraphDiagnostic[];
    /** The simulation overlay applied, if any. */
    overlay: { visited: number; skipped: number } | null;
}

/** A simulation or test trace, keyed by JourneyRecord node ids (the simulator's trace lists exactly these). */
export interface GraphOverlay {
    /** The journey's name (or its id). */
    journey: string;
    visited: string[];
    skipped: string[];
}

/** Where the sources are: the end of a declaration that starts at a location, a branch's declaration, diagnostics. */
export interface SourceLookup {
    /** The span of the declaration starting at `location` (a step, a control element, a journey). */
    span(location: SourceLocation): SourceSpan | null;
    /** The span of a control element's path (`branch Seattle { … }`, `yes { … }`). */
    branchSpan?(control: SourceLocation, branch: string): SourceSpan | null;
    /** The diagnostics of a file (workspace-relative path, as in the records). */
    diagnostics?(file: string): readonly GraphDiagnostic[];
}

/** Without sources: every span is the declaration's start, no diagnostics. */
export const NO_SOURCES: SourceLookup = {
    span: location => ({ file: location.file, line: location.line, column: location.column, endLine: location.line, endColumn: location.column })
};

// -------------------------------------------------------------------------------------------------------------------

/** A node with only its id, kind and label: the other fields empty. */
export function emptyNode(id: string, kind: GraphNodeKind, label: string): GraphNode {
    return {
        id,
        kind,
        label,
        tile: null,
        actionType: null,
        filterPolicies: [],
        executionPolicies: [],
        providerAction: null,
        inputEvents: [],
        outputEvents: [],
        journey: null,
        source: null,
        diagnostics: [],
        state: null
    };
}

const names = (references: readonly Reference[]) => references.map(reference => reference.name);

export function stepNode(step: StepNode, sources: SourceLookup): GraphNode {
    return {
        ...emptyNode(step.id, 'step', step.name),
        tile: step.tile.name,
        actionType: step.actionType?.name ?? null,
        filterPolicies: names(step.filterPolicies),
        executionPolicies: names(step.executionPolicies),
        providerAction: step.providerAction ? { provider: step.providerAction.provider.name, action: step.providerAction.action.name } : null,
        inputEvents: names(step.inputEvents),
        outputEvents: names(step.outputEvents),
        source: sources.span(step.source)
    };
}

function controlNode(control: ControlNode, sources: SourceLookup): GraphNode {
    return { ...emptyNode(control.id, control.type, control.name), tile: control.element, source: sources.span(control.source) };
}

/** Builds the graph of one lowered journey, with its diagnostics and an optional simulation overlay. */
export function buildJourneyGraph(journey: JourneyRecord, sources: SourceLookup = NO_SOURCES, overlay?: GraphOverlay | null): GraphModel {
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    const byId = new Map<string, GraphNode>();
    const add = (node: GraphNode) => {
        nodes.push(node);
        byId.set(node.id, node);
    };
    const recordNodes = new Map(journey.nodes.map(node => [node.id, node]));
    const edgeIds = new Map<string, number>();
    const addEdge = (edge: Omit<GraphEdge, 'id' | 'state'>) => {
        const base = `${edge.from}->${edge.to}`;
        const count = edgeIds.get(base) ?? 0;
        edgeIds.set(base, count + 1);
        edges.push({ id: count ? `${base}#${count}` : base, ...edge, state: null });
    };

    for (const event of journey.entryEvents) add({ ...emptyNode(`entry:${event.id}`, 'entry', event.name), outputEvents: [event.name] });
    for (const node of journey.nodes) add(node.type === 'step' ? stepNode(node, sources) : controlNode(node, sources));

    const targetSpan = (id: string) => byId.get(id)?.source ?? null;
    const branchSource = (from: string, branch: string) => {
        const control = recordNodes.get(from);
        return (control && sources.branchSpan?.(control.source, branch)) ?? targetSpan(from);
    };

    for (const event of journey.entryEvents) {
        for (const entry of journey.entryNodes)
            addEdge({ from: `entry:${event.id}`, to: entry, kind: 'entry', label: null, source: targetSpan(entry) });
    }

    // Merge points: a -Merge element's paths rejoin before the element after it (its immediate post-dominator), or at
    // the journey's end when nothing follows it.
    const merges = mergePoints(journey);
    const rerouted = new Map<JourneyEdge, string>();
    for (const merge of merges) {
        const control = recordNodes.get(merge.control) as ControlNode;
        const id = `merge:${merge.target ?? merge.control}`;
        if (!byId.has(id)) add({ ...emptyNode(id, 'merge', `${control.name}`), tile: 'Merge', source: sources.span(control.source) });
        for (const edge of merge.incoming) rerouted.set(edge, id);
    }
    const mergeOut = new Set<string>();
    for (const edge of journey.edges) {
        const mergeId = rerouted.get(edge);
        const kind: GraphEdgeKind = edge.branch !== null ? 'branch' : edge.join ? 'join' : 'flow';
        const source = edge.branch !== null ? branchSource(edge.from, edge.branch) : targetSpan(edge.to);
        if (!mergeId) {
            addEdge({ from: edge.from, to: edge.to, kind, label: edge.branch, source });
            continue;
        }
        addEdge({
            from: edge.from,
            to: mergeId,
            kind: edge.branch !== null ? 'branch' : 'join',
            label: edge.branch,
            source: edge.branch !== null ? source : byId.get(mergeId)!.source
        });
        if (!mergeOut.has(mergeId)) {
            mergeOut.add(mergeId);
            addEdge({ from: mergeId, to: edge.to, kind: 'join', label: null, source: targetSpan(edge.to) });
        }
    }
    for (const merge of merges) {
        if (merge.target !== null) continue;
        const id = `merge:${merge.control}`;
        for (const exit of merge.exits) {
            addEdge({
                from: exit.from,
                to: id,
                kind: exit.branch !== null ? 'branch' : 'join',
                label: exit.branch,
                source: exit.branch !== null ? branchSource(exit.from, exit.branch) : byId.get(id)!.source
            });
        }
    }

    const journeySpan = sources.span(journey.source);
    const graph: GraphModel = {
        version: GRAPH_MODEL_VERSION,
        view: 'journey',
        title: journey.name,
        journey: { id: journey.id, name: journey.name, status: journey.status, orchestrationType: journey.orchestrationType, source: journeySpan },
        nodes,
        edges,
        diagnostics: [],
        overlay: null
    };
    attachDiagnostics(graph, journeySpan, sources);
    if (overlay) applyOverlay(graph, overlay);
    return graph;
}

// -- merge points ---------------------------------------------------------------------------------------------------

interface MergePoint {
    /** The -Merge element. */
    control: string;
    /** The element its paths rejoin before, or null at the journey's end. */
    target: string | null;
    /** The edges into `target` that come from the element's paths (rerouted through the merge point). */
    incoming: JourneyEdge[];
    /** At the journey's end: the paths' last elements (with the branch name of an empty path). */
    exits: Array<{ from: string; branch: string | null }>;
}

function mergePoints(journey: JourneyRecord): MergePoint[] {
    const controls = journey.nodes.filter((node): node is ControlNode => node.type !== 'step' && node.merge);
    if (!controls.length) return [];
    const successors = new Map<string, JourneyEdge[]>();
    for (const node of journey.nodes) successors.set(node.id, []);
    for (const edge of journey.edges) successors.get(edge.from)?.push(edge);
    const ipdom = immediatePostDominators(
        journey.nodes.map(node => node.id),
        successors
    );
    const points: MergePoint[] = [];
    for (const control of controls) {
        const reachable = new Set<string>();
        const stack = [control.id];
        const target = ipdom.get(control.id) ?? null;
        while (stack.length) {
            const id = stack.pop()!;
            if (reachable.has(id) || id === target) continue;
            reachable.add(id);
            for (const edge of successors.get(id) ?? []) stack.push(edge.to);
        }
        if (target !== null) {
            const incoming = journey.edges.filter(edge => edge.to === target && reachable.has(edge.from));
            points.push({ control: control.id, target, incoming, exits: [] });
            continue;
        }
        const exits: MergePoint['exits'] = [];
        for (const branch of control.branches) if (branch.entry === null) exits.push({ from: control.id, branch: branch.name });
        for (const id of journey.nodes.map(node => node.id)) {
            if (id !== control.id && reachable.has(id) && (successors.get(id)?.length ?? 0) === 0) exits.push({ from: id, branch: null });
        }
        points.push({ control: control.id, target: null, incoming: [], exits });
    }
    // Nested -Merge elements that rejoin at the same place share one merge point: keep each edge once.
    const seen = new Set<JourneyEdge>();
    for (const point of points) point.incoming = point.incoming.filter(edge => !seen.has(edge) && (seen.add(edge), true));
    return points;
}

/**
 * Immediate post-dominators on the journey's DAG (Cooper, Harvey and Kennedy's iterative algorithm on the reverse
 * graph, with a virtual exit after every last element). A node missing from the result is post-dominated only by the
 * virtual exit.
 */
export function immediatePostDominators(ids: readonly string[], successors: ReadonlyMap<string, ReadonlyArray<{ to: string }>>): Map<string, string> {
    const EXIT = '\u0000exit';
    // Reverse post-order of the reverse graph = a topological order from the exit: for a DAG, post-order of the
    // forward graph lists successors first.
    const order: string[] = [];
    const visited = new Set<string>();
    const visit = (root: string) => {
        const stack: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
        visited.add(root);
        for (let top = stack.at(-1); top; top = stack.at(-1)) {
            const edge = successors.get(top.id)?.[top.next];
            if (edge) {
                top.next++;
                if (!visited.has(edge.to)) {
                    visited.add(edge.to);
                    stack.push({ id: edge.to, next: 0 });
                }
            } else {
                order.push(top.id);
                stack.pop();
            }
        }
    };
    for (const id of ids) if (!visited.has(id)) visit(id);
    const index = new Map<string, number>([[EXIT, 0]]);
    order.forEach((id, i) => index.set(id, i + 1));
    const ipdom = new Map<string, string>([[EXIT, EXIT]]);
    const intersect = (a: string, b: string) => {
        while (a !== b) {
            // Numbers grow away from the exit: walk the deeper finger up towards it.
            while (index.get(a)! > index.get(b)!) a = ipdom.get(a)!;
            while (index.get(b)! > index.get(a)!) b = ipdom.get(b)!;
        }
        return a;
    };
    let changed = true;
    while (changed) {
        changed = false;
        for (const id of order) {
            const out = successors.get(id) ?? [];
            const targets = out.length ? out.map(edge => edge.to) : [EXIT];
            let candidate: string | undefined;
            for (const target of targets) {
                if (!ipdom.has(target)) continue;
                candidate = candidate === undefined ? target : intersect(candidate, target);
            }
            if (candidate !== undefined && ipdom.get(id) !== candidate) {
                ipdom.set(id, candidate);
                changed = true;
            }
        }
    }
    const result = new Map<string, string>();
    for (const [id, dominator] of ipdom) if (id !== EXIT && dominator !== EXIT) result.set(id, dominator);
    return result;
}

// -- diagnostics ----------------------------------------------------------------------------------------------------

function contains(span: SourceSpan, diagnostic: GraphDiagnostic): boolean {
    if (span.file !== diagnostic.file) return false;
    const after = diagnostic.line > span.line || (diagnostic.line === span.line && diagnostic.column >= span.column);
    const before = diagnostic.line < span.endLine || (diagnostic.line === span.endLine && diagnostic.column < span.endColumn);
    return after && before;
}

function spanSize(span: SourceSpan): number {
    return (span.endLine - span.line) * 100_000 + (span.endColumn - span.column);
}

/** Each diagnostic inside the journey goes to the innermost node whose declaration holds it, else to the journey. */
function attachDiagnostics(graph: GraphModel, journeySpan: SourceSpan | null, sources: SourceLookup): void {
    if (!journeySpan || !sources.diagnostics) return;
    const candidates = graph.nodes.filter(node => node.source && node.kind !== 'merge' && node.kind !== 'entry');
    for (const diagnostic of sources.diagnostics(journeySpan.file)) {
        if (!contains(journeySpan, diagnostic)) continue;
        let best: GraphNode | undefined;
        for (const node of candidates) {
            if (contains(node.source!, diagnostic) && (!best || spanSize(node.source!) < spanSize(best.source!))) best = node;
        }
        (best ? best.diagnostics : graph.diagnostics).push(diagnostic);
    }
}

// -- overlay --------------------------------------------------------------------------------------------------------

/** Marks the visited and skipped nodes; edges, entry events and merge points follow from their ends. */
export function applyOverlay(graph: GraphModel, overlay: GraphOverlay): void {
    const visited = new Set(overlay.visited);
    const skipped = new Set(overlay.skipped);
    const byId = new Map(graph.nodes.map(node => [node.id, node]));
    let visitedCount = 0;
    let skippedCount = 0;
    for (const node of graph.nodes) {
        node.state = visited.has(node.id) ? 'visited' : skipped.has(node.id) ? 'skipped' : null;
        if (node.state === 'visited') visitedCount++;
        if (node.state === 'skipped') skippedCount++;
    }
    const incoming = (id: string) => graph.edges.filter(edge => edge.to === id).map(edge => byId.get(edge.from)!);
    const outgoing = (id: string) => graph.edges.filter(edge => edge.from === id).map(edge => byId.get(edge.to)!);
    for (const node of graph.nodes) {
        if (node.kind === 'entry') {
            const next = outgoing(node.id);
            node.state = next.some(n => n.state === 'visited') ? 'visited' : next.length && next.every(n => n.state === 'skipped') ? 'skipped' : null;
        }
    }
    for (const node of graph.nodes) {
        if (node.kind === 'merge') {
            const previous = incoming(node.id);
            node.state = previous.some(n => n.state === 'visited')
                ? 'visited'
                : previous.length && previous.every(n => n.state === 'skipped')
                  ? 'skipped'
                  : null;
        }
    }
    for (const edge of graph.edges) {
        const from = byId.get(edge.from)!.state;
        const to = byId.get(edge.to)!.state;
        edge.state = from === 'visited' && to === 'visited' ? 'visited' : from === 'skipped' || to === 'skipped' ? 'skipped' : null;
    }
    graph.overlay = { visited: visitedCount, skipped: skippedCount };
}

/**
 * Reads an overlay (one object, a list of them for several journeys, or the JSON of `iom simulate` with its
 * `overlays`); throws an Error with a clear message.
 */
export function parseOverlays(value: unknown): GraphOverlay[] {
    // `iom simulate --format json` writes the overlays of its trace under "overlays".
    const wrapped = value && typeof value === 'object' && !Array.isArray(value) && Array.isArray((value as { overlays?: unknown }).overlays);
    if (wrapped) value = (value as { overlays: unknown[] }).overlays;
    const list = Array.isArray(value) ? value : [value];
    return list.map((item, index) => {
        const where = Array.isArray(value) ? `overlay ${index + 1}` : 'the overlay';
        if (!item || typeof item !== 'object') throw new Error(`${where} is not an object { journey, visited, skipped }`);
        const { journey, visited, skipped } = item as Record<string, unknown>;
        if (typeof journey !== 'string') throw new Error(`${where}: "journey" must be the journey's name`);
        const ids = (field: string, ids: unknown) => {
            if (ids === undefined) return [];
            if (!Array.isArray(ids) || ids.some(id => typeof id !== 'string')) throw new Error(`${where}: "${field}" must be a list of node ids`);
            return ids as string[];
        };
        return { journey, visited: ids('visited', visited), skipped: ids('skipped', skipped) };
    });
}

/** The overlay of a journey among several (matched by name or id). */
export function overlayFor(journey: JourneyRecord, overlays: readonly GraphOverlay[]): GraphOverlay | undefined {
    return overlays.find(overlay => overlay.journey === journey.name || overlay.journey === journey.id);
}
