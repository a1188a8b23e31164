/**
 * The language server's side of the graph view: `iom.server.journeyGraph` (language/lsp/iom-command-handler.ts
 * registers it). It compiles the workspace folder of a document as it is now (errors allowed), builds the graph model
 * of the journey asked for from the lowered records, and lays it out, so the webview only draws.
 */
import { type LangiumDocument, URI, UriUtils } from 'langium';
import type { IomSharedServices } from '../iom-module.js';
import type { Position } from 'vscode-languageserver';
import { compileWorkspace } from '../compiler/index.js';
import type { JourneyRecord } from '../compiler/records.js';
import { documentsInside, workspaceFolderOf } from '../model/paths.js';
import { GraphRequestError, graphsFor, type GraphView, journeysOf } from './index.js';
import { layoutGraph, type LaidOutGraph } from './layout.js';
import { type GraphOverlay, parseOverlays } from './model.js';
import { documentSources, relativeFile } from './sources.js';

export interface JourneyGraphRequest {
    /** The document the view belongs to. */
    uri: string;
    /** The journey, by name. Default: the journey at `position`, else the document's first, else the workspace's first. */
    journey?: string;
    position?: Position;
    /** `events`: the workspace's event flow instead of one journey. */
    view?: GraphView;
    /** Simulation traces (keyed by JourneyRecord node ids): the one of the journey shown is drawn. */
    overlay?: GraphOverlay | GraphOverlay[] | null;
}

export interface JourneyGraphResponse {
    /** The laid-out graph, or null when there is nothing to draw (`message` says why). */
    graph: LaidOutGraph | null;
    /** Every journey of the workspace folder, by name (for the view's picker). */
    journeys: string[];
    /** The workspace folder: the graph's `source.file` names are relative to it. */
    rootUri: string;
    /** The document's file name relative to the folder (to match the cursor with nodes). */
    file: string;
    /** Syntax errors in the sources the graph comes from: the view keeps its last good graph and shows a banner. */
    syntaxErrors: number;
    /** The first syntax error, as `file:line:column message`. */
    syntaxError?: string;
    message?: string;
}

function syntaxErrorsOf(document: LangiumDocument): Array<{ line: number; column: number; message: string }> {
    const lexer = document.parseResult.lexerErrors.map(error => ({ line: error.line ?? 1, column: error.column ?? 1, message: error.message }));
    const parser = document.parseResult.parserErrors.map(error => ({
        line: Number.isFinite(error.token.startLine) ? error.token.startLine! : 1,
        column: Number.isFinite(error.token.startColumn) ? error.token.startColumn! : 1,
        message: error.message
    }));
    return [...lexer, ...parser];
}

export async function journeyGraph(shared: IomSharedServices, request: JourneyGraphRequest): Promise<JourneyGraphResponse> {
    if (!request?.uri) throw new GraphRequestError('iom.server.journeyGraph needs { uri }');
    const overlays = request.overlay ? parseOverlays(request.overlay) : [];
    const uri = URI.parse(request.uri);
    await shared.workspace.WorkspaceManager.ready;
    // A read action runs after the document updates queued before it: the graph follows the latest text.
    const prepared = await shared.workspace.WorkspaceLock.read(async () => {
        const rootUri = workspaceFolderOf(shared.workspace.WorkspaceManager.workspaceFolders, uri) ?? UriUtils.dirname(uri);
        const root = rootUri.fsPath;
        const documents = documentsInside(shared.workspace.LangiumDocuments, rootUri);
        const document = shared.workspace.LangiumDocuments.getDocument(uri);
        const result = compileWorkspace({ root, documents, digests: shared.workspace.Digests }, { allowErrors: true });
        const journeys = journeysOf(result);
        const response: JourneyGraphResponse = {
            graph: null,
            journeys: journeys.map(journey => journey.name),
            rootUri: URI.file(root).toString(),
            file: document ? relativeFile(root, document) : UriUtils.basename(uri),
            syntaxErrors: 0
        };
        const relevant = request.view === 'events' ? documents : document ? [document] : [];
        for (const candidate of relevant) {
            const errors = syntaxErrorsOf(candidate);
            const [first] = errors;
            if (first && response.syntaxErrors === 0) {
                response.syntaxError = `${relativeFile(root, candidate)}:${first.line}:${first.column} ${first.message}`;
            }
            response.syntaxErrors += errors.length;
        }
        const journey = request.view === 'events' ? undefined : pickJourney(journeys, request, document, response.file);
        if (request.view !== 'events' && !journey) {
            response.message = journeys.length ? `No journey named "${request.journey}".` : 'This workspace has no journey yet.';
            return { response, model: undefined };
        }
        const sources = documentSources(root, documents);
        const [model] = graphsFor(journey ? [journey] : journeys, {
            view: request.view,
            sources,
            overlays: journey ? overlays.filter(overlay => overlay.journey === journey.name || overlay.journey === journey.id) : undefined
        });
        return { response, model };
    });
    if (prepared.model) prepared.response.graph = await layoutGraph(prepared.model);
    return prepared.response;
}

function pickJourney(
    journeys: JourneyRecord[],
    request: JourneyGraphRequest,
    document: LangiumDocument | undefined,
    file: string
): JourneyRecord | undefined {
    if (request.journey !== undefined) return journeys.find(journey => journey.name === request.journey || journey.id === request.journey);
    const inFile = journeys.filter(journey => journey.source.file === file);
    if (request.position && document) {
        const line = request.position.line + 1;
        // The last journey of the file starting at or before the cursor.
        const before = inFile.filter(journey => journey.source.line <= line).sort((a, b) => a.source.line - b.source.line);
        const last = before.at(-1);
        if (last) return last;
    }
    return inFile.sort((a, b) => a.source.line - b.source.line)[0] ?? journeys[0];
}
