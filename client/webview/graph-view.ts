/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The journey graph webview (bundled by esbuild into out/webview/graph-view.js; no framework, nothing loaded from
 * the network). It draws the laid-out graph the language server computed with the same SVG markup as `iom graph`,
 * and talks to the extension (client/graph-panel.ts) through messages:
 *
 * extension → view: `graph` { graph, journeys, syntaxErrors, syntaxError?, message? }, `cursor` { file, line, column },
 *                   `automation` { click?: label, key?: string } (the end-to-end tests drive the real handlers).
 * view → extension: `ready`, `reveal` { source, id }, `pick` { journey?, view }, `export` { format, data },
 *                   `rendered` { nodes, edges, labels, kinds, links, visited, skipped, banner, selected, cursor } (after each draw; for tests and state).
 */
import type { LaidOutGraph, PositionedNode } from '../../language/graph/geometry.js';
import type { SourceSpan } from '../../language/graph/model.js';
import { diagnosticText, GRAPH_STYLE, renderGraphBody, tooltipLines } from '../../language/graph/svg.js';

interface VsCodeApi {
    postMessage(message: unknown): void;
    getState(): unknown;
    setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface GraphMessage {
    type: 'graph';
    graph: LaidOutGraph | null;
    journeys: string[];
    file?: string;
    syntaxErrors: number;
    syntaxError?: string;
    message?: string;
}
interface Transform {
    x: number;
    y: number;
    k: number;
}

const api: VsCodeApi = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : { postMessage() {}, getState: () => undefined, setState() {} };
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const SVG_NS = 'http://www.w3.org/2000/svg';

const canvas = $('canvas');
const banner = $('banner');
const info = $('info');
const tooltip = $('tooltip');
const picker = $<HTMLSelectElement>('journey');
const svg = document.createElementNS(SVG_NS, 'svg');
svg.setAttribute('class', 'iom-graph');
svg.setAttribute('role', 'group');
svg.setAttribute('aria-label', 'Journey graph');
canvas.appendChild(svg);

let graph: LaidOutGraph | null = null;
let transform: Transform = { x: 0, y: 0, k: 1 };
let selected: string | null = null;
let cursorNode: string | null = null;
let shownKey: string | null = null;

// -- drawing ---------------------------------------------------------------------------------------------------------

const DEFS =
    '<defs><marker id="iom-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse">' +
    '<path class="arrow" d="M0 0L10 5L0 10z"/></marker></defs>';

function draw(next: LaidOutGraph): void {
    const key = `${next.view}:${next.journey?.id ?? ''}`;
    const keepViewport = key === shownKey;
    graph = next;
    shownKey = key;
    svg.innerHTML = `${DEFS}<g class="viewport">${renderGraphBody(next, { titles: false, style: false })}</g>`;
    for (const element of svg.querySelectorAll('.node')) element.setAttribute('aria-describedby', 'tooltip');
    if (!keepViewport) fit();
    else applyTransform();
    if (selected && !svg.querySelector(`[data-id="${CSS.escape(selected)}"]`)) selected = null;
    markSelection();
    markCursor();
    const overlay = next.overlay ? ` · simulation: ${next.overlay.visited} visited, ${next.overlay.skipped} skipped` : '';
    const problems = next.nodes.reduce((count, node) => count + node.diagnostics.length, 0) + next.diagnostics.length;
    info.textContent = `${next.title}${next.journey ? ` · ${next.journey.status}` : ''}${problems ? ` · ${problems} problem(s)` : ''}${overlay}`;
    report();
}

function report(): void {
    api.setState({ transform, key: shownKey });
    api.postMessage({
        type: 'rendered',
        nodes: svg.querySelectorAll('.node').length,
        edges: svg.querySelectorAll('.edge').length,
        labels: graph?.nodes.map(node => node.label) ?? [],
        kinds: graph?.nodes.map(node => node.kind) ?? [],
        links: drawnLinks(),
        visited: graph?.nodes.filter(node => node.state === 'visited').map(node => node.label) ?? [],
        skipped: graph?.nodes.filter(node => node.state === 'skipped').map(node => node.label) ?? [],
        cursorLabel: nodeById(cursorNode)?.label ?? null,
        banner: !banner.hidden ? banner.textContent : null,
        selected,
        cursor: cursorNode
    });
}

/** The drawn edges as `from label → to label` with their branch label: what the picture shows (for tests and state). */
function drawnLinks(): Array<{ from: string; to: string; label: string | null }> {
    if (!graph) return [];
    const labels = new Map(graph.nodes.map(node => [node.id, node.label]));
    const edges = new Map(graph.edges.map(edge => [edge.id, edge]));
    return [...svg.querySelectorAll<SVGGElement>('.edge')].flatMap(element => {
        const edge = edges.get(element.dataset.id ?? '');
        if (!edge) return [];
        return [
            {
                from: labels.get(edge.from) ?? edge.from,
                to: labels.get(edge.to) ?? edge.to,
                label: element.querySelector('.label text')?.textContent ?? null
            }
        ];
    });
}

function showBanner(text: string | null): void {
    banner.hidden = text === null;
    banner.textContent = text ?? '';
}

// -- viewport: pan, zoom, fit ----------------------------------------------------------------------------------------

function applyTransform(): void {
    const viewport = svg.querySelector('.viewport');
    viewport?.setAttribute('transform', `translate(${transform.x} ${transform.y}) scale(${transform.k})`);
}

function fit(): void {
    if (!graph) return;
    const width = canvas.clientWidth || 800;
    const height = canvas.clientHeight || 600;
    const k = Math.min(1.5, Math.max(0.1, Math.min(width / graph.width, height / graph.height)));
    transform = { k, x: (width - graph.width * k) / 2, y: Math.max(0, (height - graph.height * k) / 2) };
    applyTransform();
}

function zoom(factor: number, cx = canvas.clientWidth / 2, cy = canvas.clientHeight / 2): void {
    const k = Math.min(4, Math.max(0.1, transform.k * factor));
    transform = { k, x: cx - (cx - transform.x) * (k / transform.k), y: cy - (cy - transform.y) * (k / transform.k) };
    applyTransform();
    api.setState({ transform, key: shownKey });
}

/** Scrolls a node into view if it is outside the visible area. */
function ensureVisible(node: PositionedNode): void {
    const left = node.x * transform.k + transform.x;
    const top = node.y * transform.k + transform.y;
    const right = left + node.width * transform.k;
    const bottom = top + node.height * transform.k;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (left >= 0 && top >= 0 && right <= width && bottom <= height) return;
    transform = { ...transform, x: width / 2 - (node.x + node.width / 2) * transform.k, y: height / 2 - (node.y + node.height / 2) * transform.k };
    applyTransform();
}

canvas.addEventListener(
    'wheel',
    event => {
        event.preventDefault();
        const box = canvas.getBoundingClientRect();
        zoom(event.deltaY < 0 ? 1.1 : 1 / 1.1, event.clientX - box.left, event.clientY - box.top);
    },
    { passive: false }
);

let drag: { x: number; y: number; moved: boolean } | null = null;
canvas.addEventListener('pointerdown', event => {
    if ((event.target as Element).closest('.node, .edge')) return;
    drag = { x: event.clientX, y: event.clientY, moved: false };
    canvas.setPointerCapture(event.pointerId);
    canvas.classList.add('panning');
});
canvas.addEventListener('pointermove', event => {
    if (!drag) return;
    transform = { ...transform, x: transform.x + event.clientX - drag.x, y: transform.y + event.clientY - drag.y };
    drag = { x: event.clientX, y: event.clientY, moved: true };
    applyTransform();
});
const endDrag = () => {
    if (drag) api.setState({ transform, key: shownKey });
    drag = null;
    canvas.classList.remove('panning');
};
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);

// -- selection, reveal, hover ----------------------------------------------------------------------------------------

function nodeById(id: string | null): PositionedNode | undefined {
    return id === null ? undefined : graph?.nodes.find(node => node.id === id);
}

function markSelection(): void {
    for (const element of svg.querySelectorAll('.selected')) element.classList.remove('selected');
    if (selected) svg.querySelector(`[data-id="${CSS.escape(selected)}"]`)?.classList.add('selected');
}

function markCursor(): void {
    for (const element of svg.querySelectorAll('.cursor')) element.classList.remove('cursor');
    if (cursorNode) svg.querySelector(`.node[data-id="${CSS.escape(cursorNode)}"]`)?.classList.add('cursor');
}

function reveal(id: string, kind: 'node' | 'edge'): void {
    const source: SourceSpan | null | undefined = kind === 'node' ? nodeById(id)?.source : graph?.edges.find(edge => edge.id === id)?.source;
    selected = id;
    markSelection();
    if (source) api.postMessage({ type: 'reveal', id, source });
    report();
}

svg.addEventListener('click', event => {
    const target = (event.target as Element).closest<SVGGElement>('.node, .edge');
    if (!target) return;
    reveal(target.dataset.id!, target.classList.contains('node') ? 'node' : 'edge');
});

function showTooltip(element: Element, lines: string[]): void {
    tooltip.replaceChildren(
        ...lines.map((line, index) => {
            const row = document.createElement('div');
            row.textContent = line;
            if (index === 0) row.className = 'tip-title';
            if (/^(error|warning|info|hint)( IOM\d+)?:/.test(line)) row.className = `tip-${line.split(/[ :]/)[0]}`;
            return row;
        })
    );
    tooltip.hidden = false;
    const box = element.getBoundingClientRect();
    const area = canvas.getBoundingClientRect();
    tooltip.style.left = `${Math.min(box.left - area.left, Math.max(0, area.width - 360))}px`;
    tooltip.style.top = `${box.bottom - area.top + 6}px`;
}

svg.addEventListener('mouseover', event => {
    const marker = (event.target as Element).closest('.marker');
    const element = (event.target as Element).closest('.node');
    const node = nodeById(element?.getAttribute('data-id') ?? null);
    if (!element || !node) return;
    showTooltip(element, marker ? node.diagnostics.map(diagnosticText) : tooltipLines(node));
});
svg.addEventListener('mouseout', event => {
    if (!(event.relatedTarget as Element | null)?.closest?.('.node')) tooltip.hidden = true;
});

// -- keyboard ---------------------------------------------------------------------------------------------------------

function neighbour(node: PositionedNode, key: string): PositionedNode | undefined {
    if (!graph) return undefined;
    const byId = (id: string) => graph!.nodes.find(n => n.id === id);
    if (key === 'ArrowDown')
        return graph.edges
            .filter(e => e.from === node.id)
            .map(e => byId(e.to)!)
            .sort((a, b) => a.x - b.x)[0];
    if (key === 'ArrowUp')
        return graph.edges
            .filter(e => e.to === node.id)
            .map(e => byId(e.from)!)
            .sort((a, b) => a.x - b.x)[0];
    const centre = node.y + node.height / 2;
    const row = graph.nodes.filter(n => n !== node && Math.abs(n.y + n.height / 2 - centre) < node.height);
    return key === 'ArrowRight'
        ? row.filter(n => n.x > node.x).sort((a, b) => a.x - b.x)[0]
        : row.filter(n => n.x < node.x).sort((a, b) => b.x - a.x)[0];
}

function focusNode(node: PositionedNode | undefined): void {
    if (!node) return;
    const element = svg.querySelector<SVGGElement>(`.node[data-id="${CSS.escape(node.id)}"]`);
    ensureVisible(node);
    element?.focus();
    if (element) showTooltip(element, tooltipLines(node));
}

document.addEventListener('keydown', event => {
    if ((event.target as Element).closest?.('select, button')) return;
    const focused = (event.target as Element).closest?.('.node');
    const node = nodeById(focused?.getAttribute('data-id') ?? null);
    if (node && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        reveal(node.id, 'node');
        return;
    }
    if (event.key.startsWith('Arrow')) {
        event.preventDefault();
        if (node) focusNode(neighbour(node, event.key));
        else if (event.altKey || !graph) return;
        else focusNode(graph.nodes[0]);
        return;
    }
    if (event.key === '+' || event.key === '=') zoom(1.2);
    else if (event.key === '-') zoom(1 / 1.2);
    else if (event.key === '0') fit();
    else if (event.key === 'Escape') {
        tooltip.hidden = true;
        selected = null;
        markSelection();
    }
});
svg.addEventListener('focusin', event => {
    const element = (event.target as Element).closest('.node');
    const node = nodeById(element?.getAttribute('data-id') ?? null);
    if (element && node) showTooltip(element, tooltipLines(node));
});
svg.addEventListener('focusout', () => {
    tooltip.hidden = true;
});

// -- toolbar ----------------------------------------------------------------------------------------------------------

$('fit').addEventListener('click', fit);
$('zoom-in').addEventListener('click', () => zoom(1.2));
$('zoom-out').addEventListener('click', () => zoom(1 / 1.2));
$('view-journey').addEventListener('click', () => api.postMessage({ type: 'pick', view: 'journey', journey: picker.value || undefined }));
$('view-events').addEventListener('click', () => api.postMessage({ type: 'pick', view: 'events' }));
picker.addEventListener('change', () => api.postMessage({ type: 'pick', view: 'journey', journey: picker.value }));
$('export-svg').addEventListener('click', () => {
    const text = standaloneSvg();
    if (text) api.postMessage({ type: 'export', format: 'svg', data: text });
});
$('export-png').addEventListener('click', () => {
    void exportPng();
});

const THEME_VARIABLES = [
    'bg',
    'fg',
    'muted',
    'node-bg',
    'node-border',
    'accent',
    'control',
    'event-bg',
    'event-border',
    'provider',
    'icon',
    'edge',
    'label-bg',
    'error',
    'warning',
    'visited',
    'filter',
    'execution',
    'font'
];

/** The graph as a standalone SVG document in the current theme's colours. */
function standaloneSvg(): string | null {
    if (!graph) return null;
    const computed = getComputedStyle(document.body);
    const values = THEME_VARIABLES.map(name => `--iom-${name}: ${computed.getPropertyValue(`--iom-${name}`).trim() || 'initial'};`).join(' ');
    const w = Math.ceil(graph.width);
    const h = Math.ceil(graph.height);
    return (
        `<svg xmlns="http://www.w3.org/2000/svg" class="iom-graph" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
        `<style>.iom-graph { ${values} }\n${GRAPH_STYLE}</style><rect class="background" width="100%" height="100%"/>${DEFS}` +
        renderGraphBody(graph, { titles: true }) +
        '</svg>'
    );
}

async function exportPng(): Promise<void> {
    const text = standaloneSvg();
    if (!text || !graph) return;
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
    await image.decode();
    const scale = 2;
    const target = document.createElement('canvas');
    target.width = Math.ceil(graph.width * scale);
    target.height = Math.ceil(graph.height * scale);
    const context = target.getContext('2d')!;
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    api.postMessage({ type: 'export', format: 'png', data: target.toDataURL('image/png').replace(/^data:image\/png;base64,/, '') });
}

// -- messages ---------------------------------------------------------------------------------------------------------

function onGraph(message: GraphMessage): void {
    picker.replaceChildren(
        ...message.journeys.map(name => {
            const option = document.createElement('option');
            option.value = name;
            option.textContent = name;
            return option;
        })
    );
    if (message.graph?.journey) picker.value = message.graph.journey.name;
    document.body.dataset.view = message.graph?.view ?? 'journey';
    if (message.syntaxErrors > 0 && graph) {
        // Keep the last good graph while the text does not parse.
        showBanner(`The source has syntax errors; showing the last good graph. ${message.syntaxError ?? ''}`.trim());
        report();
        return;
    }
    if (!message.graph) {
        showBanner(message.message ?? 'Nothing to draw.');
        svg.innerHTML = '';
        graph = null;
        report();
        return;
    }
    showBanner(message.syntaxErrors > 0 ? `The source has syntax errors. ${message.syntaxError ?? ''}`.trim() : null);
    draw(message.graph);
}

function onCursor(message: { file: string; line: number; column: number }): void {
    let best: PositionedNode | undefined;
    for (const node of graph?.nodes ?? []) {
        const source = node.source;
        if (!source || source.file !== message.file || node.kind === 'merge' || node.kind === 'entry') continue;
        const after = message.line > source.line || (message.line === source.line && message.column >= source.column);
        const before = message.line < source.endLine || (message.line === source.endLine && message.column <= source.endColumn);
        const size = (source.endLine - source.line) * 100_000 + source.endColumn - source.column;
        if (after && before && (!best || size < (best.source!.endLine - best.source!.line) * 100_000 + best.source!.endColumn - best.source!.column))
            best = node;
    }
    const id = best?.id ?? null;
    if (id === cursorNode) return;
    cursorNode = id;
    markCursor();
    if (best) ensureVisible(best);
    report();
}

function onAutomation(message: { click?: string; key?: string; focus?: string }): void {
    const find = (label: string) => graph?.nodes.find(node => node.label === label);
    if (message.focus) focusNode(find(message.focus));
    if (message.click) {
        const node = find(message.click);
        const edge = node ? undefined : graph?.edges.find(e => e.label === message.click);
        const element = svg.querySelector(`[data-id="${CSS.escape(node?.id ?? edge?.id ?? '')}"]`);
        element?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    }
    if (message.key) (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key: message.key, bubbles: true }));
}

window.addEventListener('message', event => {
    const message = event.data as { type?: string };
    if (message?.type === 'graph') onGraph(message as GraphMessage);
    else if (message?.type === 'cursor') onCursor(message as { file: string; line: number; column: number });
    else if (message?.type === 'automation') onAutomation(message as { click?: string });
});
window.addEventListener('resize', () => {
    if (graph && !(api.getState() as { transform?: Transform } | undefined)?.transform) fit();
});

const saved = api.getState() as { transform?: Transform; key?: string } | undefined;
if (saved?.transform) {
    transform = saved.transform;
    shownKey = saved.key ?? null;
}
api.postMessage({ type: 'ready' });
