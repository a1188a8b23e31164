/**
 * A laid-out graph → SVG text. Used by `iom graph --format svg` and by the VS Code webview (which inserts the same
 * markup and attaches its handlers to the `data-id` attributes), so both show the same picture. Deterministic: no
 * random ids, no timestamps, fixed number formatting.
 *
 * Colours are CSS custom properties (`--iom-*`) with light defaults; the webview maps them onto VS Code's theme
 * variables. Classes: `node kind-<kind>`, `edge kind-<kind>`, `state-visited|state-skipped`, `diag-error|diag-warning`.
 */
import { detailLines, type LaidOutGraph, type PositionedEdge, type PositionedNode, SIZES } from './geometry.js';
import { ICONS, iconOf } from './icons.js';
import type { GraphDiagnostic, GraphNode } from './model.js';

export interface SvgOptions {
    /** Add `<title>` tooltips (the static SVG). The webview draws its own hover card instead. Default true. */
    titles?: boolean;
    /** Add the default stylesheet. Default true. */
    style?: boolean;
}

export const GRAPH_STYLE = `
.iom-graph { font-family: var(--iom-font, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif); }
.iom-graph .title-bar { fill: var(--iom-fg, #1f1f1f); font-size: 15px; font-weight: 600; }
.iom-graph .node .box { fill: var(--iom-node-bg, #ffffff); stroke: var(--iom-node-border, #8a8886); stroke-width: 1; }
.iom-graph .node .stripe { fill: var(--iom-accent, #0f6cbd); }
.iom-graph .node.kind-condition .stripe, .iom-graph .node.kind-splitter .stripe { fill: var(--iom-control, #8764b8); }
.iom-graph .node.kind-entry .box, .iom-graph .node.kind-event .box { fill: var(--iom-event-bg, #e8f3fc); stroke: var(--iom-event-border, #0f6cbd); }
.iom-graph .node.kind-providerAction .stripe { fill: var(--iom-provider, #0e7a0d); }
.iom-graph .node.kind-merge .box { fill: var(--iom-node-bg, #ffffff); stroke: var(--iom-control, #8764b8); stroke-width: 1.5; }
.iom-graph .node .icon { fill: none; stroke: var(--iom-icon, #0f6cbd); stroke-width: 1.3; stroke-linecap: round; stroke-linejoin: round; }
.iom-graph .node.kind-condition .icon, .iom-graph .node.kind-splitter .icon, .iom-graph .node.kind-merge .icon { stroke: var(--iom-control, #8764b8); }
.iom-graph .node.kind-providerAction .icon { stroke: var(--iom-provider, #0e7a0d); }
.iom-graph .node .name { fill: var(--iom-fg, #1f1f1f); font-size: 13px; font-weight: 600; }
.iom-graph .node .sub { fill: var(--iom-muted, #616161); font-size: 11px; }
.iom-graph .node .detail { fill: var(--iom-fg, #1f1f1f); font-size: 11px; }
.iom-graph .badge rect { stroke: none; }
.iom-graph .badge text { fill: #ffffff; font-size: 10px; font-weight: 700; }
.iom-graph .badge.b-F rect { fill: var(--iom-filter, #b35c00); }
.iom-graph .badge.b-E rect { fill: var(--iom-execution, #8764b8); }
.iom-graph .badge.b-P rect { fill: var(--iom-provider, #0e7a0d); }
.iom-graph .edge path { fill: none; stroke: var(--iom-edge, #8a8886); stroke-width: 1.5; }
.iom-graph .background { fill: var(--iom-bg, #ffffff); }
.iom-graph .edge.kind-join path { stroke-dasharray: 5 3; }
.iom-graph .edge.kind-runs path { stroke-dasharray: 2 3; }
.iom-graph .edge .label rect { fill: var(--iom-label-bg, #f5f5f5); stroke: var(--iom-control, #8764b8); stroke-width: 1; }
.iom-graph .edge .label text { fill: var(--iom-fg, #1f1f1f); font-size: 11px; font-weight: 600; }
.iom-graph .arrow { fill: var(--iom-edge, #8a8886); }
.iom-graph .node.diag-warning .box { stroke: var(--iom-warning, #bc4b09); stroke-width: 2; }
.iom-graph .node.diag-error .box { stroke: var(--iom-error, #c50f1f); stroke-width: 2; }
.iom-graph .marker.error circle { fill: var(--iom-error, #c50f1f); }
.iom-graph .marker.warning circle { fill: var(--iom-warning, #bc4b09); }
.iom-graph .marker.info circle, .iom-graph .marker.hint circle { fill: var(--iom-accent, #0f6cbd); }
.iom-graph .marker text { fill: #ffffff; font-size: 12px; font-weight: 700; }
.iom-graph .node.state-visited .box { stroke: var(--iom-visited, #107c10); stroke-width: 3; }
.iom-graph .edge.state-visited path { stroke: var(--iom-visited, #107c10); stroke-width: 3; }
.iom-graph .state-skipped { opacity: 0.35; }
.iom-graph .edge path.hit { stroke: transparent; stroke-width: 10; }
`.trim();

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (value: number) => String(Math.round(value * 10) / 10);

/** The text cut to fit a width, with an ellipsis. */
export function fit(text: string, width: number, charWidth: number): string {
    const max = Math.max(1, Math.floor(width / charWidth));
    return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + '…';
}

/** The subtitle of a node: tile and action type, or the journey in the event flow view. */
export function subtitle(node: GraphNode): string {
    switch (node.kind) {
        case 'step': {
            const parts = [node.journey, node.tile, node.journey || node.actionType === node.tile ? null : node.actionType];
            return parts.filter(Boolean).join(' · ');
        }
        case 'condition':
        case 'splitter':
            return node.tile ?? '';
        case 'providerAction':
            return [node.providerAction?.provider, node.actionType].filter(Boolean).join(' · ');
        default:
            return '';
    }
}

/** The hover text of a node (static SVG tooltip; the webview shows the same lines). */
export function tooltipLines(node: GraphNode): string[] {
    const lines = [node.kind === 'merge' ? `Merge point of ${node.label}` : node.label];
    const sub = subtitle(node);
    if (sub) lines.push(sub);
    if (node.kind === 'event') {
        lines.push(`Raised by: ${node.inputEvents.join(', ') || 'none in this workspace (intake, Orchestrate or IOM)'}`);
        lines.push(`Starts: ${node.outputEvents.join(', ') || 'no step'}`);
    } else if (node.kind === 'step') {
        if (node.actionType) lines.push(`Action type: ${node.actionType}`);
        lines.push(`Input events: ${node.inputEvents.join(', ') || 'none'}`);
        lines.push(`Output events: ${node.outputEvents.join(', ') || 'none'}`);
        if (node.filterPolicies.length) lines.push(`Filter policies: ${node.filterPolicies.join(', ')}`);
        if (node.executionPolicies.length) lines.push(`Execution policies: ${node.executionPolicies.join(', ')}`);
        if (node.providerAction) lines.push(`Provider action: ${node.providerAction.action} (${node.providerAction.provider})`);
    } else if (node.kind === 'entry') {
        lines.push('Entry event: starts the journey');
    }
    if (node.state) lines.push(node.state === 'visited' ? 'Simulation: visited' : 'Simulation: skipped');
    for (const diagnostic of node.diagnostics) lines.push(diagnosticText(diagnostic));
    return lines;
}

export function diagnosticText(diagnostic: GraphDiagnostic): string {
    return `${diagnostic.severity}${diagnostic.code ? ` ${diagnostic.code}` : ''}: ${diagnostic.message}`;
}

/** The worst severity among a node's diagnostics. */
export function worstSeverity(diagnostics: readonly GraphDiagnostic[]): GraphDiagnostic['severity'] | null {
    for (const severity of ['error', 'warning', 'info', 'hint'] as const) if (diagnostics.some(d => d.severity === severity)) return severity;
    return null;
}

function nodeClasses(node: PositionedNode): string {
    const classes = ['node', `kind-${node.kind}`];
    if (node.state) classes.push(`state-${node.state}`);
    const severity = worstSeverity(node.diagnostics);
    if (severity === 'error' || severity === 'warning') classes.push(`diag-${severity}`);
    return classes.join(' ');
}

function ariaLabel(node: PositionedNode): string {
    const kind =
        node.kind === 'step'
            ? 'Step'
            : node.kind === 'entry'
              ? 'Entry event'
              : node.kind === 'event'
                ? 'Event'
                : node.kind === 'merge'
                  ? 'Merge point'
                  : node.kind === 'providerAction'
                    ? 'Provider action'
                    : (node.tile ?? node.kind);
    const parts = [`${kind} ${node.label}`];
    const sub = subtitle(node);
    if (sub) parts.push(sub);
    if (node.diagnostics.length) parts.push(`${node.diagnostics.length} problem(s)`);
    if (node.state) parts.push(node.state);
    return parts.join(', ');
}

function icon(node: GraphNode, x: number, y: number, size: number): string {
    const scale = size / 16;
    return `<g class="icon" transform="translate(${num(x)} ${num(y)}) scale(${Math.round(scale * 1000) / 1000})">${ICONS[iconOf(node)]}</g>`;
}

function renderNode(node: PositionedNode, options: Required<SvgOptions>): string {
    const out: string[] = [];
    const w = node.width;
    const h = node.height;
    out.push(
        `<g class="${nodeClasses(node)}" data-id="${esc(node.id)}" transform="translate(${num(node.x)} ${num(node.y)})" tabindex="0" role="button" aria-label="${esc(ariaLabel(node))}">`
    );
    if (options.titles) out.push(`<title>${esc(tooltipLines(node).join('\n'))}</title>`);
    const pad = SIZES.padding;
    switch (node.kind) {
        case 'merge': {
            const r = w / 2;
            out.push(`<circle class="box" cx="${num(r)}" cy="${num(r)}" r="${num(r)}"/>`);
            out.push(icon(node, r - 7, r - 7, 14));
            break;
        }
        case 'entry':
        case 'event': {
            out.push(`<rect class="box" width="${num(w)}" height="${num(h)}" rx="${num(h / 2)}"/>`);
            out.push(icon(node, 10, (h - 16) / 2, 16));
            out.push(`<text class="name" x="32" y="${num(h / 2 + 4.5)}">${esc(fit(node.label, w - 42, SIZES.titleChar))}</text>`);
            break;
        }
        case 'condition':
        case 'splitter': {
            out.push(`<rect class="box" width="${num(w)}" height="${num(h)}" rx="6"/>`);
            out.push(`<rect class="stripe" width="4" height="${num(h)}" rx="2"/>`);
            out.push(icon(node, 12, (h - 20) / 2, 20));
            out.push(`<text class="name" x="40" y="19">${esc(fit(node.label, w - 48, SIZES.titleChar))}</text>`);
            out.push(`<text class="sub" x="40" y="34">${esc(fit(subtitle(node), w - 48, SIZES.smallChar))}</text>`);
            break;
        }
        case 'step':
        case 'providerAction': {
            out.push(`<rect class="box" width="${num(w)}" height="${num(h)}" rx="4"/>`);
            out.push(`<rect class="stripe" width="4" height="${num(h)}" rx="2"/>`);
            out.push(icon(node, 12, pad + 2, 20));
            const textX = 40;
            out.push(`<text class="name" x="${textX}" y="${pad + 14}">${esc(fit(node.label, w - textX - pad, SIZES.titleChar))}</text>`);
            out.push(
                `<text class="sub" x="${textX}" y="${pad + SIZES.titleLine + 11}">${esc(fit(subtitle(node), w - textX - pad, SIZES.smallChar))}</text>`
            );
            if (node.kind === 'step') {
                let y = pad + SIZES.titleLine + SIZES.subtitleLine + 4;
                for (const [badge, text] of detailLines(node)) {
                    out.push(
                        `<g class="badge b-${badge}"><rect x="12" y="${y + 1}" width="14" height="13" rx="2"/><text x="19" y="${y + 11}" text-anchor="middle">${badge}</text></g>`
                    );
                    out.push(`<text class="detail" x="32" y="${y + 11}">${esc(fit(text, w - 32 - pad, SIZES.smallChar))}</text>`);
                    y += SIZES.detailLine;
                }
            }
            break;
        }
    }
    const severity = worstSeverity(node.diagnostics);
    if (severity) {
        const messages = node.diagnostics.map(diagnosticText).join('\n');
        out.push(
            `<g class="marker ${severity}" transform="translate(${num(w - 2)} 2)">${options.titles ? `<title>${esc(messages)}</title>` : ''}<circle r="8"/><text y="4" text-anchor="middle">${severity === 'error' ? '!' : severity === 'warning' ? '!' : 'i'}</text></g>`
        );
    }
    out.push('</g>');
    return out.join('');
}

function renderEdge(edge: PositionedEdge): string {
    if (!edge.points.length) return '';
    const classes = ['edge', `kind-${edge.kind}`];
    if (edge.state) classes.push(`state-${edge.state}`);
    const d = edge.points.map((p, i) => `${i ? 'L' : 'M'}${num(p.x)} ${num(p.y)}`).join(' ');
    const label = edge.label ? ` ${edge.label}` : '';
    let out = `<g class="${classes.join(' ')}" data-id="${esc(edge.id)}" tabindex="-1" aria-label="${esc(`Edge${label}`)}"><path d="${d}" marker-end="url(#iom-arrow)"/>`;
    // A wide transparent stroke makes the edge easy to click.
    out += `<path class="hit" d="${d}"/>`;
    if (edge.label && edge.labelBox) {
        const box = edge.labelBox;
        out +=
            `<g class="label"><rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" height="${num(box.height)}" rx="9"/>` +
            `<text x="${num(box.x + box.width / 2)}" y="${num(box.y + box.height / 2 + 4)}" text-anchor="middle">${esc(edge.label)}</text></g>`;
    }
    return out + '</g>';
}

/** The body of one graph (edges below nodes), without the outer `<svg>`. */
export function renderGraphBody(graph: LaidOutGraph, options: SvgOptions = {}): string {
    const resolved: Required<SvgOptions> = { titles: options.titles ?? true, style: options.style ?? true };
    return (
        `<g class="edges">${graph.edges.map(renderEdge).join('')}</g>` +
        `<g class="nodes">${graph.nodes.map(node => renderNode(node, resolved)).join('')}</g>`
    );
}

const DEFS =
    '<defs><marker id="iom-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse">' +
    '<path class="arrow" d="M0 0L10 5L0 10z"/></marker></defs>';

/** A standalone SVG document of one or more graphs, stacked, each under its title. */
export function renderSvg(graphs: readonly LaidOutGraph[], options: SvgOptions = {}): string {
    const titleHeight = 28;
    let y = 0;
    let width = 0;
    const parts: string[] = [];
    for (const graph of graphs) {
        parts.push(
            `<g class="graph" data-view="${graph.view}" transform="translate(0 ${num(y)})">` +
                `<text class="title-bar" x="${SIZES.margin}" y="20">${esc(graph.title)}${graph.overlay ? esc(` (simulation: ${graph.overlay.visited} visited, ${graph.overlay.skipped} skipped)`) : ''}</text>` +
                `<g transform="translate(0 ${titleHeight})">${renderGraphBody(graph, options)}</g></g>`
        );
        y += titleHeight + graph.height;
        width = Math.max(width, graph.width, SIZES.margin * 2 + graph.title.length * 8.5);
    }
    const w = num(Math.ceil(width));
    const h = num(Math.ceil(y));
    const label = graphs.map(graph => graph.title).join(', ');
    return (
        `<svg xmlns="http://www.w3.org/2000/svg" class="iom-graph" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(`Journey graph: ${label}`)}">\n` +
        ((options.style ?? true) ? `<style>\n${GRAPH_STYLE}\n</style>\n` : '') +
        `<rect class="background" width="100%" height="100%" fill="#ffffff"/>\n` +
        DEFS +
        '\n' +
        parts.join('\n') +
        '\n</svg>\n'
    );
}
