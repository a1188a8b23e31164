/**
 * IOM: Open Journey Graph: a webview beside the source showing the journey's graph (or the workspace's event flow),
 * laid out by the language server (`iom.server.journeyGraph`). It follows the text as you type, reveals the
 * declaration of a clicked node or edge, highlights the node under the cursor and shows a simulation overlay.
 * docs/graph.md describes it; client/webview/ holds the page and its script.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { JourneyGraphRequest, JourneyGraphResponse } from '../language/graph/server-graph.js';
import type { GraphOverlay, SourceSpan } from '../language/graph/model.js';
import { graphHtml } from './webview/graph-html.js';

const SERVER_JOURNEY_GRAPH = 'iom.server.journeyGraph';
const VIEW_TYPE = 'iom.journeyGraph';
const DEBOUNCE_MS = 300;

type Execute = <T>(command: string, args: unknown[]) => Promise<T>;

/** What the view reported after its last draw (the end-to-end tests read it through `iom.journeyGraph.state`). */
export interface RenderedState {
    nodes: number;
    edges: number;
    labels: string[];
    banner: string | null;
    selected: string | null;
    cursor: string | null;
    /** The drawn nodes' kinds (entry, step, condition, splitter, merge…) and edges (node labels, branch label). */
    kinds?: string[];
    links?: Array<{ from: string; to: string; label: string | null }>;
    /** The simulation overlay's visited and skipped nodes, the node under the cursor (labels). */
    visited?: string[];
    skipped?: string[];
    cursorLabel?: string | null;
}

class GraphPanel {
    rendered: RenderedState | undefined;
    private response: JourneyGraphResponse | undefined;
    private ready = false;
    private disposed = false;
    private readonly renderedEmitter = new vscode.EventEmitter<RenderedState>();
    readonly onRendered = this.renderedEmitter.event;

    constructor(
        readonly panel: vscode.WebviewPanel,
        /** The source document the view follows. */
        public uri: string,
        public request: Omit<JourneyGraphRequest, 'uri'>,
        private readonly owner: JourneyGraphPanels,
        private readonly sourceColumn: vscode.ViewColumn | undefined
    ) {
        panel.webview.onDidReceiveMessage(message => this.onMessage(message as { type: string; [key: string]: unknown }));
    }

    get rootUri(): string | undefined {
        return this.response?.rootUri;
    }

    async refresh(): Promise<void> {
        let response: JourneyGraphResponse;
        try {
            response = await this.owner.execute<JourneyGraphResponse>(SERVER_JOURNEY_GRAPH, [
                { uri: this.uri, ...this.request, overlay: this.owner.allOverlays() }
            ]);
        } catch (error) {
            if (!this.disposed)
                void this.panel.webview.postMessage({
                    type: 'graph',
                    graph: null,
                    journeys: [],
                    syntaxErrors: 0,
                    message: `The graph could not be computed: ${error instanceof Error ? error.message : String(error)}`
                });
            return;
        }
        // The view may have been closed while the server worked.
        if (this.disposed) return;
        this.response = response;
        if (response.graph?.journey && this.request.view !== 'events')
            this.request = { ...this.request, journey: response.graph.journey.name, position: undefined };
        this.panel.title =
            this.request.view === 'events' ? 'Event Flow' : `Graph: ${response.graph?.journey?.name ?? this.request.journey ?? 'journey'}`;
        if (this.ready) await this.panel.webview.postMessage({ type: 'graph', ...response });
    }

    postCursor(editor: vscode.TextEditor): void {
        if (!this.response || !this.ready || this.disposed) return;
        const root = vscode.Uri.parse(this.response.rootUri);
        const documentPath = editor.document.uri.path;
        if (!documentPath.startsWith(root.path + '/')) return;
        const file = documentPath.slice(root.path.length + 1);
        const position = editor.selection.active;
        void this.panel.webview.postMessage({ type: 'cursor', file, line: position.line + 1, column: position.character + 1 });
    }

    private async onMessage(message: { type: string; [key: string]: unknown }): Promise<void> {
        switch (message.type) {
            case 'ready':
                this.ready = true;
                if (this.response) await this.panel.webview.postMessage({ type: 'graph', ...this.response });
                else await this.refresh();
                break;
            case 'rendered':
                this.rendered = message as unknown as RenderedState;
                this.renderedEmitter.fire(this.rendered);
                break;
            case 'reveal':
                await this.reveal(message.source as SourceSpan);
                break;
            case 'pick':
                this.request = { view: message.view as 'journey' | 'events', journey: message.journey as string | undefined };
                await this.refresh();
                break;
            case 'export':
                await this.export(message.format as 'svg' | 'png', message.data as string);
                break;
        }
    }

    private async reveal(source: SourceSpan): Promise<void> {
        if (!this.response) return;
        const uri = vscode.Uri.joinPath(vscode.Uri.parse(this.response.rootUri), ...source.file.split('/'));
        const start = new vscode.Position(source.line - 1, source.column - 1);
        const end = new vscode.Position(source.endLine - 1, source.endColumn - 1);
        const editor = await vscode.window.showTextDocument(uri, {
            viewColumn: this.sourceColumn ?? vscode.ViewColumn.One,
            selection: new vscode.Range(start, start)
        });
        editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    private async export(format: 'svg' | 'png', data: string): Promise<void> {
        const name = (this.response?.graph?.title ?? 'graph').replace(/[^A-Za-z0-9._-]+/g, '-');
        const base = this.response ? vscode.Uri.parse(this.response.rootUri) : undefined;
        const target = await vscode.window.showSaveDialog({
            defaultUri: base ? vscode.Uri.joinPath(base, `${name}.${format}`) : undefined,
            filters: format === 'svg' ? { SVG: ['svg'] } : { PNG: ['png'] }
        });
        if (!target) return;
        await vscode.workspace.fs.writeFile(target, format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data, 'base64'));
        void vscode.window.showInformationMessage(`IOM: graph saved to ${vscode.workspace.asRelativePath(target)}.`);
    }

    dispose(): void {
        this.disposed = true;
        this.renderedEmitter.dispose();
    }
}

export class JourneyGraphPanels implements vscode.Disposable {
    private readonly panels = new Set<GraphPanel>();
    private readonly overlays = new Map<string, GraphOverlay>();
    private timer: NodeJS.Timeout | undefined;
    private readonly subscriptions: vscode.Disposable[] = [];

    constructor(
        private readonly context: vscode.ExtensionContext,
        readonly execute: Execute
    ) {
        this.subscriptions.push(
            vscode.workspace.onDidChangeTextDocument(event => {
                if (event.document.languageId !== 'iom' || !this.panels.size || !event.contentChanges.length) return;
                clearTimeout(this.timer);
                this.timer = setTimeout(() => {
                    for (const panel of this.panels) void panel.refresh();
                }, DEBOUNCE_MS);
            }),
            vscode.window.onDidChangeTextEditorSelection(event => {
                if (event.textEditor.document.languageId !== 'iom') return;
                for (const panel of this.panels) panel.postCursor(event.textEditor);
            })
        );
    }

    allOverlays(): GraphOverlay[] {
        return [...this.overlays.values()];
    }

    /** IOM: Open Journey Graph (also the "Graph" code lens): the journey at a position, or the active editor's. */
    async open(
        uri?: string,
        position?: { line: number; character: number },
        options: { journey?: string; view?: 'journey' | 'events' } = {}
    ): Promise<GraphPanel | undefined> {
        const editor = vscode.window.activeTextEditor;
        const source =
            uri ??
            (editor?.document.languageId === 'iom' ? editor.document.uri.toString() : undefined) ??
            (await vscode.workspace.findFiles('**/*.iom', '**/node_modules/**', 1))[0]?.toString();
        if (!source) {
            void vscode.window.showInformationMessage('IOM: open an .iom file to see its journey graph.');
            return undefined;
        }
        const at = position ?? (editor && editor.document.uri.toString() === source ? editor.selection.active : undefined);
        const request: Omit<JourneyGraphRequest, 'uri'> = {
            view: options.view ?? 'journey',
            journey: options.journey,
            position: at ? { line: at.line, character: at.character } : undefined
        };
        const sourceColumn = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === source)?.viewColumn ?? editor?.viewColumn;
        const webviewPanel = vscode.window.createWebviewPanel(
            VIEW_TYPE,
            'Journey Graph',
            { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
            {
                enableScripts: true,
                retainContextWhenHidden: true,
                localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'out', 'webview')]
            }
        );
        const panel = new GraphPanel(webviewPanel, source, request, this, sourceColumn);
        this.panels.add(panel);
        webviewPanel.onDidDispose(() => {
            this.panels.delete(panel);
            panel.dispose();
        });
        webviewPanel.webview.html = graphHtml({
            scriptUri: webviewPanel.webview
                .asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'out', 'webview', 'graph-view.js'))
                .toString(),
            cspSource: webviewPanel.webview.cspSource,
            nonce: randomBytes(16).toString('base64'),
            title: 'Journey Graph'
        });
        await panel.refresh();
        return panel;
    }

    /**
     * Shows a simulation or test trace on the graphs (the simulator's trace: per journey, the node ids visited and
     * skipped); null clears every overlay.
     */
    async setOverlay(overlay: GraphOverlay | GraphOverlay[] | null): Promise<void> {
        if (overlay === null || overlay === undefined) this.overlays.clear();
        else for (const item of Array.isArray(overlay) ? overlay : [overlay]) this.overlays.set(item.journey, item);
        await Promise.all([...this.panels].map(panel => panel.refresh()));
    }

    /** The views' last reported state (for the end-to-end tests), optionally after the next draw. */
    state(): Array<RenderedState & { title: string }> {
        return [...this.panels].map(panel => ({
            ...(panel.rendered ?? { nodes: 0, edges: 0, labels: [], banner: null, selected: null, cursor: null }),
            title: panel.panel.title
        }));
    }

    /** Drives a view's real handlers, as a user would (end-to-end tests). Resolves after the next draw report. */
    async automate(action: { click?: string; key?: string; focus?: string }): Promise<void> {
        const panel = [...this.panels].at(-1);
        if (!panel) return;
        await panel.panel.webview.postMessage({ type: 'automation', ...action });
    }

    dispose(): void {
        clearTimeout(this.timer);
        for (const panel of this.panels) panel.panel.dispose();
        for (const subscription of this.subscriptions) subscription.dispose();
    }
}
