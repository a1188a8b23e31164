/**
 * The language server's commands (workspace/executeCommand):
 * - `iom.server.compileWorkspace` `[{ folder?: string }]`: checks the workspace folder (a URI; default: the first
 *   folder), compiles it and writes the artifacts into its output folder (iomconfig.json `build.out`, default `out`).
 *   Returns a {@link CompileSummary}; nothing is written when errors exist.
 * - `iom.server.compiledDefinition` `[{ uri: string, position: { line, character } }]`: the compiled JSON of the
 *   record declared at a position (the journey of a step, the policy of a rule, …), or null.
 * - `iom.server.previewDeployment` `[{ folder?: string, against: string }]`: the what-if plan against an out/ folder or a
 *   data package, as Markdown (language/deployment/server-plan.ts).
 * - `iom.server.journeyGraph` `[JourneyGraphRequest]`: the laid-out graph of a journey or of the workspace's event
 *   flow (language/graph/server-graph.ts, docs/graph.md).
 * The VS Code client wraps them in its own commands (progress, output channel, virtual documents).
 */
import { type AstNode, AstUtils, DocumentState, type LangiumDocument, URI, UriUtils } from 'langium';
import { AbstractExecuteCommandHandler, type ExecuteCommandAcceptor } from 'langium/lsp';
import type { IomSharedServices } from '../iom-module.js';
import { type CancellationToken, ErrorCodes, type Position, ResponseError } from 'vscode-languageserver';
import { compileWorkspace, entryAt, incompleteParts, MANIFEST_FILE, stableStringify, type BlockingError } from '../compiler/index.js';
import { IomWorkspaceManager } from '../workspace/iom-workspace-manager.js';
import { documentsInside, relativePath, toUriPath, workspaceFolderOf } from '../model/paths.js';
import { configBlockingErrors } from '../workspace/iom-config-check.js';
import { CONFIG_FILE_NAME } from '../workspace/iom-config.js';
import { journeyGraph, type JourneyGraphRequest } from '../graph/server-graph.js';
import { compiledView } from './iom-compiled-view.js';
import { SimulationService } from '../simulation/service.js';
import { previewDeployment, type PreviewDeploymentRequest } from '../deployment/server-plan.js';

export const IomServerCommands = {
    compileWorkspace: 'iom.server.compileWorkspace',
    compiledDefinition: 'iom.server.compiledDefinition',
    journeyGraph: 'iom.server.journeyGraph',
    /** Test blocks and the simulator (language/simulation/service.ts, docs/simulation.md). */
    listTests: 'iom.server.listTests',
    runTests: 'iom.server.runTests',
    simulate: 'iom.server.simulate',
    previewDeployment: 'iom.server.previewDeployment'
} as const;

export interface CompileSummary {
    ok: boolean;
    /** The workspace folder, as a file-system path and a URI. */
    folder: string;
    folderUri: string;
    /** Where the artifacts were written (absent when the build failed). */
    outDir?: string;
    outUri?: string;
    manifestUri?: string;
    /** Artifact files written, manifest.json included. */
    files: string[];
    sourceFiles: number;
    errors: BlockingError[];
    warnings: number;
    durationMs: number;
    /** A problem that is not a diagnostic: an unusable output folder, a malformed iomconfig.json, an I/O error. */
    failure?: string;
}

export interface CompiledDefinition {
    path: string;
    kind: string;
    name: string;
    text: string;
    /** The 0-based line of `text` where the record or step under the cursor starts (see iom-compiled-view.ts). */
    focusLine: number;
    /** Error diagnostics in the workspace: the definition is a preview, `iom build` would refuse to write it. */
    errors: number;
    /**
     * What could not be compiled (syntax and linking errors in the record's declarations, `file:line:column CODE
     * message`); empty for a complete record. The text then starts with a `"$preview"` mark (docs/artifacts.md).
     */
    incomplete: string[];
}

export class IomCommandHandler extends AbstractExecuteCommandHandler {
    constructor(private readonly shared: IomSharedServices) {
        super();
    }

    override registerCommands(acceptor: ExecuteCommandAcceptor): void {
        acceptor(IomServerCommands.compileWorkspace, args => this.compile(args?.[0] as { folder?: string } | undefined));
        acceptor(IomServerCommands.compiledDefinition, args => this.compiledDefinition(args?.[0] as { uri: string; position: Position }));
        acceptor(IomServerCommands.journeyGraph, args => journeyGraph(this.shared, args?.[0] as JourneyGraphRequest));
        // Made on use: the commands are registered by the base constructor, before `this.shared` is set.
        const simulation = () => new SimulationService(this.shared);
        acceptor(IomServerCommands.listTests, args => simulation().listTests(args?.[0]));
        acceptor(IomServerCommands.runTests, args => simulation().runTests(args?.[0]));
        acceptor(IomServerCommands.simulate, args => simulation().simulate(args?.[0]));
        acceptor(IomServerCommands.previewDeployment, args => previewDeployment(this.shared, args?.[0] as PreviewDeploymentRequest));
    }

    /** An unknown command is a JSON-RPC error (InvalidParams) naming the known ones, not a silent null. */
    override async executeCommand(name: string, args: unknown[], cancelToken?: CancellationToken): Promise<unknown> {
        if (!this.commands.includes(name)) {
            throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command '${name}'. This server executes: ${this.commands.join(', ')}.`);
        }
        return super.executeCommand(name, args, cancelToken);
    }

    async compile(options: { folder?: string } = {}): Promise<CompileSummary> {
        const started = performance.now();
        await this.shared.workspace.WorkspaceManager.ready;
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated);
        const folderUri = options.folder ?? this.shared.workspace.WorkspaceManager.workspaceFolders?.[0]?.uri;
        if (!folderUri) throw new Error('No workspace folder is open.');
        const root = URI.parse(folderUri).fsPath;
        const documents = this.documentsUnder(root);
        const result = compileWorkspace({ root, documents, digests: this.shared.workspace.Digests });
        const warnings = documents.flatMap(d => d.diagnostics ?? []).filter(d => d.severity === 2).length;
        // iomconfig.json errors block the build as in `iom build` (configBlockingErrors is the shared decision).
        const configErrors = configBlockingErrors(
            await this.shared.workspace.ConfigService.load(UriUtils.joinPath(URI.file(root), CONFIG_FILE_NAME)),
            root
        );
        const summary: CompileSummary = {
            ok: false,
            folder: root,
            folderUri: URI.file(root).toString(),
            files: [],
            sourceFiles: documents.length,
            errors: [...configErrors, ...result.errors],
            warnings,
            durationMs: 0
        };
        const manager = this.shared.workspace.WorkspaceManager;
        const rootUri = URI.file(root);
        const unreadable = (manager instanceof IomWorkspaceManager ? manager.unreadable : []).filter(entry => UriUtils.contains(rootUri, entry.uri));
        if (unreadable.length > 0) {
            summary.failure =
                unreadable
                    .map(
                        entry =>
                            `${relativePath(toUriPath(root), entry.uri.path) || '.'}: cannot read this ${entry.folder ? 'folder' : 'file'} (${entry.reason})`
                    )
                    .join('; ') + '; nothing was written';
        } else if (result.ok && configErrors.length === 0) {
            try {
                const writer = this.shared.workspace.ArtifactWriter;
                const outDir = writer.outputFolder(root);
                writer.write(result, outDir);
                Object.assign(summary, {
                    ok: true,
                    outDir,
                    outUri: URI.file(outDir).toString(),
                    manifestUri: UriUtils.joinPath(URI.file(outDir), MANIFEST_FILE).toString(),
                    files: [...result.artifacts.keys()]
                });
            } catch (error) {
                summary.failure = error instanceof Error ? error.message : String(error);
            }
        }
        summary.durationMs = Math.round(performance.now() - started);
        return summary;
    }

    async compiledDefinition(options: { uri: string; position: Position }): Promise<CompiledDefinition | null> {
        if (!options?.uri) return null;
        const uri = URI.parse(options.uri);
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked);
        const document = this.shared.workspace.LangiumDocuments.getDocument(uri);
        if (!document) return null;
        const folder = (workspaceFolderOf(this.shared.workspace.WorkspaceManager.workspaceFolders, uri) ?? UriUtils.dirname(uri)).fsPath;
        const result = compileWorkspace(
            { root: folder, documents: this.documentsUnder(folder), digests: this.shared.workspace.Digests },
            { allowErrors: true }
        );
        const offset = document.textDocument.offsetAt(options.position);
        const entry = entryAt(result, document, offset);
        if (!entry) {
            // The lowering's last line of defence: a declaration it could not compile is shown as marked, not as an error.
            const failure = result.failures.find(candidate =>
                candidate.nodes.some(
                    node =>
                        AstUtils.getDocument(node) === document &&
                        node.$cstNode !== undefined &&
                        node.$cstNode.offset <= offset &&
                        offset <= node.$cstNode.end
                )
            );
            if (!failure) return null;
            const node = failure.nodes[0] as AstNode & { name?: string };
            const incomplete = [`could not be compiled: ${failure.message}`];
            return {
                path: '',
                kind: node.$type,
                name: node.name ?? '',
                errors: result.errors.length,
                incomplete,
                text: stableStringify({ $preview: { incomplete } }),
                focusLine: 0
            };
        }
        const incomplete = incompleteParts(entry, folder);
        const json = incomplete.length === 0 ? entry.text : stableStringify({ $preview: { incomplete }, ...(JSON.parse(entry.text) as object) });
        const view = compiledView(json, options.position);
        return {
            path: entry.path,
            kind: entry.record.kind,
            name: entry.record.name,
            text: view.text,
            focusLine: view.focusLine,
            errors: result.errors.length,
            incomplete
        };
    }

    protected documentsUnder(root: string): LangiumDocument[] {
        return documentsInside(this.shared.workspace.LangiumDocuments, URI.file(root));
    }
}
