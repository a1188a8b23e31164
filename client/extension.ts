import * as path from 'node:path';
import * as vscode from 'vscode';
import { JourneyGraphPanels } from './graph-panel.js';
import { registerSimulate, registerTesting } from './testing.js';
import { registerWalkthrough } from './walkthrough.js';
import { diagnosticDocsMiddleware, registerDiagnosticDocs } from './diagnostic-docs.js';
import { registerStatus } from './status.js';
import { ExecuteCommandRequest, LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The server commands (language/lsp/iom-command-handler.ts). */
const SERVER_COMPILE = 'iom.server.compileWorkspace';
const SERVER_COMPILED_DEFINITION = 'iom.server.compiledDefinition';
/** Read-only documents showing compiled definitions: iom-compiled:/<artifact path>?<source uri>#<line>:<character>. */
const COMPILED_SCHEME = 'iom-compiled';
const SERVER_PREVIEW_DEPLOYMENT = 'iom.server.previewDeployment';
/** Read-only Markdown documents showing deployment plans: iom-plan:/deployment-plan.md?<baseline uri>. */
const PLAN_SCHEME = 'iom-plan';

interface CompileSummary {
    ok: boolean;
    folder: string;
    outDir?: string;
    outUri?: string;
    manifestUri?: string;
    files: string[];
    sourceFiles: number;
    errors: Array<{ file: string; line: number; column: number; code?: string; message: string }>;
    warnings: number;
    durationMs: number;
    failure?: string;
}

/** What the extension returns from activate(): the Test Explorer controller and its last run (for tests and other extensions). */
export interface IomExtensionApi {
    testing: ReturnType<typeof registerTesting>;
}

/** Starts the IOM language server and connects it to VS Code; adds the compile commands, the compiled view and the task. */
export async function activate(context: vscode.ExtensionContext): Promise<IomExtensionApi> {
    // The server runs through V8's code cache kept beside its bundle (bin/iom-language-server.cjs, as the CLI does):
    // a start neither parses the 3 MB bundle nor compiles the parser and the checks again. Debugging starts the
    // bundle itself, so that breakpoints map through its source map.
    const serverOptions: ServerOptions = {
        run: { module: context.asAbsolutePath('bin/iom-language-server.cjs'), transport: TransportKind.ipc },
        debug: {
            module: context.asAbsolutePath('out/server/main.cjs'),
            transport: TransportKind.ipc,
            options: { execArgv: ['--nolazy', '--inspect=6009'] }
        }
    };
    const outputChannel = vscode.window.createOutputChannel('IOM Language Server', { log: true });
    const buildChannel = vscode.window.createOutputChannel('IOM Build');
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'iom' }],
        outputChannel,
        middleware: diagnosticDocsMiddleware(),
        synchronize: { configurationSection: 'iom' },
        // The workspace's storage folder keeps the server's start snapshot: reopening an unchanged workspace shows
        // every file's diagnostics at once (language/workspace/start-snapshot.ts).
        initializationOptions: { cacheFolder: context.storageUri?.fsPath }
    };
    client = new LanguageClient('iom', 'IOM Language Server', serverOptions, clientOptions);
    context.subscriptions.push(outputChannel, buildChannel);

    const execute = <T>(command: string, args: unknown[]) =>
        client!.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;

    // -- IOM: Compile Workspace --------------------------------------------------------------------------------------
    context.subscriptions.push(
        vscode.commands.registerCommand('iom.compileWorkspace', async (folder?: vscode.Uri) => {
            const target = folder ?? pickFolder();
            const summary = await vscode.window.withProgress(
                { location: vscode.ProgressLocation.Notification, title: 'IOM: compiling the workspace…' },
                () => execute<CompileSummary>(SERVER_COMPILE, [{ folder: target?.toString() }])
            );
            reportBuild(buildChannel, summary);
            if (summary.ok && summary.outUri) {
                const outUri = vscode.Uri.parse(summary.outUri);
                void vscode.window
                    .showInformationMessage(
                        `IOM: ${summary.files.length - 1} artifact(s) written to ${vscode.workspace.asRelativePath(outUri)}.`,
                        'Open Output Folder',
                        'Open Manifest'
                    )
                    .then(choice => {
                        if (choice === 'Open Output Folder') void vscode.commands.executeCommand('revealInExplorer', outUri);
                        if (choice === 'Open Manifest' && summary.manifestUri)
                            void vscode.window.showTextDocument(vscode.Uri.parse(summary.manifestUri));
                    });
            } else {
                const reason = summary.failure ?? `${summary.errors.length} error(s); nothing was written`;
                void vscode.window.showErrorMessage(`IOM: the build failed: ${reason}.`, 'Show Problems').then(choice => {
                    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
                });
            }
            return summary;
        })
    );

    // -- IOM: Show Compiled Definition -------------------------------------------------------------------------------
    const changed = new vscode.EventEmitter<vscode.Uri>();
    const shown = new Set<string>();
    context.subscriptions.push(
        changed,
        vscode.workspace.registerTextDocumentContentProvider(COMPILED_SCHEME, {
            onDidChange: changed.event,
            async provideTextDocumentContent(uri) {
                const [line, character] = uri.fragment.split(':').map(Number);
                const definition = await execute<{ text: string; errors: number } | null>(SERVER_COMPILED_DEFINITION, [
                    { uri: uri.query, position: { line, character } }
                ]);
                if (!definition) return '// No compiled definition at this position.\n';
                return definition.text;
            }
        })
    );
    context.subscriptions.push(
        vscode.commands.registerCommand('iom.showCompiledDefinition', async (uri?: string, position?: vscode.Position) => {
            const editor = vscode.window.activeTextEditor;
            const source = uri ?? editor?.document.uri.toString();
            const at = position ?? editor?.selection.active;
            if (!source || !at) return undefined;
            const definition = await execute<{ path: string; focusLine?: number } | null>(SERVER_COMPILED_DEFINITION, [
                { uri: source, position: { line: at.line, character: at.character } }
            ]);
            if (!definition) {
                void vscode.window.showInformationMessage('IOM: no deployable record at the cursor.');
                return undefined;
            }
            const virtual = vscode.Uri.from({
                scheme: COMPILED_SCHEME,
                path: `/${definition.path}`,
                query: source,
                fragment: `${at.line}:${at.character}`
            });
            shown.add(virtual.toString());
            const document = await vscode.workspace.openTextDocument(virtual);
            await vscode.languages.setTextDocumentLanguage(document, 'json');
            const view = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
            // Reveal and select the record or step under the cursor: the server gives the line of its opening brace.
            const focus = recordRange(view.document, definition.focusLine ?? 0);
            view.selection = new vscode.Selection(focus.start, focus.end);
            view.revealRange(focus, vscode.TextEditorRevealType.AtTop);
            return definition;
        })
    );
    // Refresh the open compiled views when an .iom document changes.
    let timer: NodeJS.Timeout | undefined;
    context.subscriptions.push(
        vscode.workspace.onDidChangeTextDocument(event => {
            if (event.document.languageId !== 'iom' || shown.size === 0) return;
            clearTimeout(timer);
            timer = setTimeout(() => {
                for (const uri of shown) changed.fire(vscode.Uri.parse(uri));
            }, 400);
        }),
        vscode.workspace.onDidCloseTextDocument(document => {
            shown.delete(document.uri.toString());
        })
    );

    // -- IOM: Open Journey Graph (client/graph-panel.ts) -------------------------------------------------------------
    const graphs = new JourneyGraphPanels(context, execute);
    context.subscriptions.push(
        graphs,
        vscode.commands.registerCommand(
            'iom.openJourneyGraph',
            async (uri?: string | vscode.Uri, position?: { line: number; character: number }, options?: { journey?: string }) =>
                (await graphs.open(uri?.toString(), position, { journey: options?.journey }))?.panel.title
        ),
        vscode.commands.registerCommand(
            'iom.openEventFlow',
            async (uri?: string | vscode.Uri) => (await graphs.open(uri?.toString(), undefined, { view: 'events' }))?.panel.title
        ),
        vscode.commands.registerCommand('iom.showJourneyGraphOverlay', (overlay?: Parameters<JourneyGraphPanels['setOverlay']>[0]) =>
            graphs.setOverlay(overlay ?? null)
        ),
        vscode.commands.registerCommand('iom.journeyGraph.state', () => graphs.state()),
        vscode.commands.registerCommand('iom.journeyGraph.automate', (action: Parameters<JourneyGraphPanels['automate']>[0]) =>
            graphs.automate(action)
        )
    );

    // -- IOM: Preview Deployment (language/deployment/server-plan.ts) -----------------------------------------------
    const plans = new Map<string, string>();
    const planChanged = new vscode.EventEmitter<vscode.Uri>();
    context.subscriptions.push(
        planChanged,
        vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, {
            onDidChange: planChanged.event,
            provideTextDocumentContent: uri => plans.get(uri.toString()) ?? ''
        })
    );
    context.subscriptions.push(
        vscode.commands.registerCommand('iom.previewDeployment', async (baseline?: vscode.Uri | string) => {
            const folder = pickFolder();
            let against = typeof baseline === 'string' ? vscode.Uri.file(baseline) : baseline;
            if (!against) {
                const kind = await vscode.window.showQuickPick(
                    [
                        { label: 'A previous build', description: 'an output folder with manifest.json', folders: true },
                        { label: 'A data package', description: 'a .zip from iom package or exported from an environment', folders: false }
                    ],
                    { title: 'IOM: Preview Deployment against…' }
                );
                if (!kind) return undefined;
                const picked = await vscode.window.showOpenDialog({
                    canSelectFolders: kind.folders,
                    canSelectFiles: !kind.folders,
                    canSelectMany: false,
                    openLabel: 'Compare',
                    defaultUri: folder,
                    ...(kind.folders ? {} : { filters: { 'Data package': ['zip'] } })
                });
                against = picked?.[0];
                if (!against) return undefined;
            }
            const result = await vscode.window.withProgress(
                { location: vscode.ProgressLocation.Notification, title: 'IOM: planning the deployment…' },
                () =>
                    execute<{ ok: boolean; markdown: string; failure?: string }>(SERVER_PREVIEW_DEPLOYMENT, [
                        { folder: folder?.toString(), against: against!.toString() }
                    ])
            );
            const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: '/deployment-plan.md', query: against.toString() });
            plans.set(uri.toString(), result.markdown);
            planChanged.fire(uri);
            const document = await vscode.workspace.openTextDocument(uri);
            await vscode.languages.setTextDocumentLanguage(document, 'markdown');
            await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
            if (!result.ok) void vscode.window.showErrorMessage(`IOM: no deployment plan: ${result.failure}`);
            return result;
        })
    );

    // -- Task type `iom` ---------------------------------------------------------------------------------------------
    const cli = context.asAbsolutePath(path.join('bin', 'iom.cjs'));
    const taskFor = (definition: vscode.TaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope) => {
        const command = definition.command === 'validate' ? 'validate' : 'build';
        const args = [cli, command, definition.folder ?? '.'];
        if (command === 'build' && definition.out) args.push('--out', definition.out);
        const execution = new vscode.ProcessExecution(process.execPath, args, { env: { ELECTRON_RUN_AS_NODE: '1' } });
        const task = new vscode.Task(definition, scope, command, 'iom', execution, '$iom');
        if (command === 'build') task.group = vscode.TaskGroup.Build;
        return task;
    };
    context.subscriptions.push(
        vscode.tasks.registerTaskProvider('iom', {
            provideTasks: () =>
                (vscode.workspace.workspaceFolders ?? []).flatMap(folder => [
                    taskFor({ type: 'iom', command: 'build' }, folder),
                    taskFor({ type: 'iom', command: 'validate' }, folder)
                ]),
            resolveTask: task => taskFor(task.definition, task.scope ?? vscode.TaskScope.Workspace)
        })
    );

    // -- Test Explorer and the Simulate lens (client/testing.ts) --------------------------------------------------------
    registerSimulate(context, execute);
    registerWalkthrough(context);
    registerStatus(context, client);
    registerDiagnosticDocs(context);

    await client.start();
    const testing = registerTesting(context, execute);
    void testing.refresh().catch(() => undefined); // gutter icons without opening the Test Explorer first
    return { testing };
}

/** The lines of the record whose opening brace is on `line` of a compiled view (to its closing brace, same indent). */
function recordRange(document: vscode.TextDocument, line: number): vscode.Range {
    const first = document.lineAt(Math.max(0, Math.min(line, document.lineCount - 1)));
    const indent = first.text.slice(0, first.firstNonWhitespaceCharacterIndex);
    for (let next = first.lineNumber + 1; next < document.lineCount; next++) {
        const text = document.lineAt(next).text;
        if (text === `${indent}}` || text === `${indent}},`) return new vscode.Range(first.range.start, document.lineAt(next).range.end);
    }
    return first.range;
}

function pickFolder(): vscode.Uri | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    return (active && vscode.workspace.getWorkspaceFolder(active)?.uri) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
}

function reportBuild(channel: vscode.OutputChannel, summary: CompileSummary): void {
    channel.appendLine(`[${new Date().toLocaleTimeString()}] ${summary.folder}: ${summary.sourceFiles} file(s) checked in ${summary.durationMs} ms`);
    for (const error of summary.errors) {
        channel.appendLine(`  ${error.file}:${error.line}:${error.column} - error${error.code ? ` ${error.code}` : ''}: ${error.message}`);
    }
    if (summary.ok) {
        channel.appendLine(`  ${summary.files.length - 1} artifact(s) written to ${summary.outDir} (${summary.warnings} warning(s))`);
        channel.appendLine(`  Manifest and deployment plan: ${summary.manifestUri}`);
    } else {
        channel.appendLine(`  Build failed: ${summary.failure ?? `${summary.errors.length} error(s), nothing written`}`);
    }
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
