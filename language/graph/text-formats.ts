/**
 * Graph models → Mermaid (a `flowchart TD`, which GitHub, Azure DevOps and VS Code's Markdown preview with Mermaid
 * support render from a ```mermaid block) and Graphviz DOT. Both come from the graph model (no layout needed) and are
 * deterministic: nodes are numbered in model order.
 */
import type { GraphEdge, GraphModel, GraphNode, GraphNodeKind } from './model.js';
import { subtitle, worstSeverity } from './svg.js';

// -- Mermaid --------------------------------------------------------------------------------------------------------

/** Mermaid label text: quotes and markup as entity codes, so any name is safe inside `"…"`. */
function mermaidText(text: string): string {
    return text
        .replace(/&/g, '#amp;')
        .replace(/"/g, '#quot;')
        .replace(/</g, '#lt;')
        .replace(/>/g, '#gt;')
        .replace(/[\r\n]+/g, ' ');
}

/** A node's label lines, as Mermaid and DOT show them: its name, subtitle, and a step's policies and provider action. */
function labelLines(node: GraphNode): string[] {
    const lines = [node.label];
    const sub = subtitle(node);
    if (sub) lines.push(sub);
    if (node.kind === 'step') {
        if (node.filterPolicies.length) lines.push(`filter: ${node.filterPolicies.join(', ')}`);
        if (node.executionPolicies.length) lines.push(`execution: ${node.executionPolicies.join(', ')}`);
        if (node.providerAction) lines.push(`provider action: ${node.providerAction.action}`);
    }
    return lines;
}

function mermaidLabel(node: GraphNode): string {
    const lines = labelLines(node);
    const problems = problemSummary(node);
    if (problems) lines.push(problems);
    return lines.map(mermaidText).join('<br/>');
}

/** "2 errors: IOM4001, IOM6016" (the messages are in the editor and in `iom validate`). */
function problemSummary(node: GraphNode): string | null {
    if (!node.diagnostics.length) return null;
    const parts: string[] = [];
    for (const severity of ['error', 'warning', 'info', 'hint'] as const) {
        const list = node.diagnostics.filter(d => d.severity === severity);
        if (!list.length) continue;
        const codes = [...new Set(list.map(d => d.code).filter(Boolean))];
        parts.push(`${list.length} ${severity}${list.length > 1 ? 's' : ''}${codes.length ? `: ${codes.join(', ')}` : ''}`);
    }
    return parts.join('; ');
}

function mermaidShape(node: GraphNode, id: string): string {
    const label = `"${mermaidLabel(node)}"`;
    switch (node.kind) {
        case 'entry':
        case 'event':
            return `${id}([${label}])`;
        case 'condition':
            return `${id}{${label}}`;
        case 'splitter':
            return `${id}{{${label}}}`;
        case 'merge':
            return `${id}(("merge"))`;
        case 'providerAction':
            return `${id}[/${label}/]`;
        case 'step':
            return `${id}[${label}]`;
    }
}

function mermaidArrow(edge: GraphEdge): string {
    const arrow = edge.kind === 'join' || edge.kind === 'runs' ? '-.->' : '-->';
    return edge.label ? `${arrow}|"${mermaidText(edge.label)}"|` : arrow;
}

const MERMAID_CLASSES = [
    'classDef entry fill:#e8f3fc,stroke:#0f6cbd,color:#1f1f1f',
    'classDef step fill:#ffffff,stroke:#8a8886,color:#1f1f1f',
    'classDef control fill:#f3eefa,stroke:#8764b8,color:#1f1f1f',
    'classDef merge fill:#ffffff,stroke:#8764b8,color:#8764b8',
    'classDef action fill:#eef7ee,stroke:#0e7a0d,color:#1f1f1f',
    'classDef error stroke:#c50f1f,stroke-width:2px',
    'classDef warning stroke:#bc4b09,stroke-width:2px',
    'classDef visited stroke:#107c10,stroke-width:3px',
    'classDef skipped opacity:0.4'
];

/** One flowchart; several graphs become one subgraph each. */
export function renderMermaid(graphs: readonly GraphModel[]): string {
    const lines = ['flowchart TD'];
    const classes = new Map<string, string[]>();
    const addClass = (name: string, id: string) => {
        const list = classes.get(name);
        if (list) list.push(id);
        else classes.set(name, [id]);
    };
    let counter = 0;
    graphs.forEach((graph, index) => {
        const ids = new Map<string, string>();
        for (const node of graph.nodes) ids.set(node.id, `n${++counter}`);
        const nested = graphs.length > 1;
        const indent = nested ? '    ' : '  ';
        lines.push(
            `  %% ${mermaidText(graph.title)}${graph.overlay ? ` (simulation: ${graph.overlay.visited} visited, ${graph.overlay.skipped} skipped)` : ''}`
        );
        if (nested) lines.push(`  subgraph g${index + 1}["${mermaidText(graph.title)}"]`);
        for (const node of graph.nodes) {
            const id = ids.get(node.id)!;
            lines.push(`${indent}${mermaidShape(node, id)}`);
            addClass(
                node.kind === 'entry' || node.kind === 'event'
                    ? 'entry'
                    : node.kind === 'condition' || node.kind === 'splitter'
                      ? 'control'
                      : node.kind === 'merge'
                        ? 'merge'
                        : node.kind === 'providerAction'
                          ? 'action'
                          : 'step',
                id
            );
            const severity = worstSeverity(node.diagnostics);
            if (severity === 'error' || severity === 'warning') addClass(severity, id);
            if (node.state) addClass(node.state, id);
        }
        for (const edge of graph.edges) lines.push(`${indent}${ids.get(edge.from)} ${mermaidArrow(edge)} ${ids.get(edge.to)}`);
        if (nested) lines.push('  end');
    });
    for (const line of MERMAID_CLASSES) {
        const [, name] = line.split(' ');
        if (name !== undefined && classes.has(name)) lines.push(`  ${line}`);
    }
    for (const [name, ids] of classes) lines.push(`  class ${ids.join(',')} ${name}`);
    return lines.join('\n') + '\n';
}

/** A Markdown document: a heading and a ```mermaid block. */
export function renderMarkdown(graphs: readonly GraphModel[], heading: string): string {
    return `# ${heading}\n\n\`\`\`mermaid\n${renderMermaid(graphs)}\`\`\`\n`;
}

// -- DOT ------------------------------------------------------------------------------------------------------------

const dotString = (text: string) =>
    `"${text
        .replace(/\\/g, '\\\\')
        .replace(/"/g, '\\"')
        .replace(/[\r\n]+/g, ' ')}"`;

/** The shape and colours of each kind of node in DOT. */
const DOT_STYLE: Record<GraphNodeKind, readonly string[]> = {
    entry: ['shape=box', 'style="rounded,filled"', 'fillcolor="#e8f3fc"', 'color="#0f6cbd"'],
    event: ['shape=box', 'style="rounded,filled"', 'fillcolor="#e8f3fc"', 'color="#0f6cbd"'],
    condition: ['shape=diamond', 'style=filled', 'fillcolor="#f3eefa"', 'color="#8764b8"'],
    splitter: ['shape=hexagon', 'style=filled', 'fillcolor="#f3eefa"', 'color="#8764b8"'],
    merge: ['shape=circle', 'width=0.3', 'color="#8764b8"'],
    providerAction: ['shape=parallelogram', 'style=filled', 'fillcolor="#eef7ee"', 'color="#0e7a0d"'],
    step: ['shape=box', 'style="rounded,filled"', 'fillcolor="#ffffff"', 'color="#8a8886"']
};

function dotNode(node: GraphNode, id: string): string {
    const lines = labelLines(node);
    const label = lines.map(line => line.replace(/\\/g, '\\\\').replace(/"/g, '\\"')).join('\\n');
    const attributes: string[] = [`label="${label}"`];
    attributes.push(...DOT_STYLE[node.kind]);
    if (node.kind === 'merge') {
        // A merge point is a small circle without a label: its name shows as a tooltip.
        attributes[0] = 'label=""';
        attributes.push(`tooltip=${dotString(`Merge point of ${node.label}`)}`);
    }
    const severity = worstSeverity(node.diagnostics);
    if (severity === 'error') attributes.push('penwidth=2', 'color="#c50f1f"');
    if (node.diagnostics.length) {
        attributes[0] = `label="${[...lines, problemSummary(node)!].map(line => line.replace(/\\/g, '\\\\').replace(/"/g, '\\"')).join('\\n')}"`;
        attributes.push(`tooltip=${dotString(node.diagnostics.map(d => `${d.severity}${d.code ? ` ${d.code}` : ''}: ${d.message}`).join('; '))}`);
    }
    if (node.state === 'visited') attributes.push('penwidth=3', 'color="#107c10"');
    if (node.state === 'skipped') attributes.push('fontcolor="#a0a0a0"');
    return `${id} [${attributes.join(', ')}];`;
}

export function renderDot(graphs: readonly GraphModel[], name: string): string {
    const lines = [
        `digraph ${dotString(name)} {`,
        '  graph [rankdir=TB, fontname="Helvetica,Arial,sans-serif", labelloc=t];',
        '  node [fontname="Helvetica,Arial,sans-serif", fontsize=11];',
        '  edge [fontname="Helvetica,Arial,sans-serif", fontsize=10, color="#8a8886"];'
    ];
    let counter = 0;
    graphs.forEach((graph, index) => {
        const ids = new Map<string, string>();
        for (const node of graph.nodes) ids.set(node.id, `n${++counter}`);
        lines.push(`  subgraph cluster_${index + 1} {`, `    label=${dotString(graph.title)};`);
        for (const node of graph.nodes) lines.push(`    ${dotNode(node, ids.get(node.id)!)}`);
        for (const edge of graph.edges) {
            const attributes: string[] = [];
            if (edge.label) attributes.push(`label=${dotString(edge.label)}`);
            if (edge.kind === 'join' || edge.kind === 'runs') attributes.push('style=dashed');
            if (edge.state === 'visited') attributes.push('color="#107c10"', 'penwidth=3');
            if (edge.state === 'skipped') attributes.push('color="#d0d0d0"');
            lines.push(`    ${ids.get(edge.from)} -> ${ids.get(edge.to)}${attributes.length ? ` [${attributes.join(', ')}]` : ''};`);
        }
        lines.push('  }');
    });
    lines.push('}');
    return lines.join('\n') + '\n';
}
