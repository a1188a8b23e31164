/**
 * The editor side of the simulator (docs/simulation.md):
 * - the Test Explorer lists the workspace's `test` blocks (vscode.tests API), runs them through the language
 *   server (`iom.server.runTests`) and shows each failed expectation inline, at the expectation, with expected and
 *   actual values;
 * - the "Simulate" code lens of a journey asks for a sample order file and opens the trace beside the source, each
 *   line linked to the step, policy or rule it talks about.
 */
import * as vscode from 'vscode';

type Execute = <T>(command: string, args: unknown[]) => Promise<T>;

interface Range {
    start: { line: number; character: number };
    end: { line: number; character: number };
}
interface TestInfo {
    id: string;
    name: string;
    uri: string;
    range: Range;
}
interface TestRunResult extends TestInfo {
    passed: boolean;
    error?: string;
    durationMs: number;
    expectations: Array<{ text: string; passed: boolean; expected: string; actual: string; range: Range; trace: string[] }>;
}
interface TraceView {
    title: string;
    lines: Array<{ text: string; depth: number; kind: string; location?: { uri: string; line: number; character: number } }>;
    overlays: Array<{ journey: string; visited: string[]; skipped: string[] }>;
    errors: string[];
}

const TRACE_SCHEME = 'iom-trace';

const toRange = (range: Range) => new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);

export interface TestingApi {
    controller: vscode.TestController;
    /** Refreshes the test items from the language server. */
    refresh(): Promise<void>;
    /** The results of the last run, by test id: the outcome and the messages shown inline. */
    lastRun: Map<string, { outcome: 'passed' | 'failed' | 'errored' | 'skipped'; messages: vscode.TestMessage[] }>;
}

export function registerTesting(context: vscode.ExtensionContext, execute: Execute): TestingApi {
    const lastRun: TestingApi['lastRun'] = new Map();
    const controller = vscode.tests.createTestController('iomTests', 'IOM tests');
    context.subscriptions.push(controller);

    const refresh = async () => {
        const tests = await execute<TestInfo[]>('iom.server.listTests', [{}]);
        const files = new Map<string, vscode.TestItem>();
        for (const test of tests) {
            let file = files.get(test.uri);
            if (!file) {
                const uri = vscode.Uri.parse(test.uri);
                file = controller.createTestItem(test.uri, vscode.workspace.asRelativePath(uri), uri);
                files.set(test.uri, file);
            }
            const item = controller.createTestItem(test.id, test.name, vscode.Uri.parse(test.uri));
            item.range = toRange(test.range);
            file.children.add(item);
        }
        controller.items.replace([...files.values()]);
    };
    controller.resolveHandler = async item => {
        if (!item) await refresh();
    };
    controller.refreshHandler = () => refresh();

    let timer: NodeJS.Timeout | undefined;
    const later = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
            void refresh();
        }, 500);
    };
    context.subscriptions.push(
        vscode.workspace.onDidChangeTextDocument(event => {
            if (event.document.languageId === 'iom') later();
        }),
        vscode.workspace.onDidSaveTextDocument(document => {
            if (document.languageId === 'iom') later();
        }),
        { dispose: () => clearTimeout(timer) }
    );

    const leaves = (items: Iterable<vscode.TestItem>): vscode.TestItem[] =>
        [...items].flatMap(item => (item.children.size ? leaves([...item.children].map(([, child]) => child)) : [item]));

    const run = async (request: vscode.TestRunRequest, token: vscode.CancellationToken) => {
        await refresh();
        const excluded = new Set((request.exclude ?? []).map(item => item.id));
        const items = leaves(request.include ?? [...controller.items].map(([, item]) => item)).filter(
            item => !excluded.has(item.id) && item.id.includes('#')
        );
        const testRun = controller.createTestRun(request);
        lastRun.clear();
        try {
            items.forEach(item => testRun.started(item));
            const results = await execute<TestRunResult[]>('iom.server.runTests', [{ ids: items.map(item => item.id) }]);
            for (const item of items) {
                if (token.isCancellationRequested) {
                    testRun.skipped(item);
                    lastRun.set(item.id, { outcome: 'skipped', messages: [] });
                    continue;
                }
                const result = results.find(candidate => candidate.id === item.id);
                if (!result) {
                    const message = new vscode.TestMessage('The test is gone: save the file and run it again.');
                    testRun.errored(item, message);
                    lastRun.set(item.id, { outcome: 'errored', messages: [message] });
                    continue;
                }
                if (result.passed) {
                    testRun.passed(item, result.durationMs);
                    lastRun.set(item.id, { outcome: 'passed', messages: [] });
                    continue;
                }
                const uri = vscode.Uri.parse(result.uri);
                const messages = result.error
                    ? [Object.assign(new vscode.TestMessage(result.error), { location: new vscode.Location(uri, toRange(result.range)) })]
                    : result.expectations
                          .filter(expectation => !expectation.passed)
                          .map(expectation => {
                              const message = vscode.TestMessage.diff(
                                  `${expectation.text}\nexpected: ${expectation.expected}\nactual: ${expectation.actual}${expectation.trace.length ? `\n\n${expectation.trace.join('\n')}` : ''}`,
                                  expectation.expected,
                                  expectation.actual
                              );
                              message.location = new vscode.Location(uri, toRange(expectation.range));
                              return message;
                          });
                testRun.failed(item, messages, result.durationMs);
                lastRun.set(item.id, { outcome: 'failed', messages });
            }
        } finally {
            testRun.end();
        }
    };
    controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, run, true);
    return { controller, refresh, lastRun };
}

export function registerSimulate(context: vscode.ExtensionContext, execute: Execute): void {
    const views = new Map<string, TraceView>();
    const changed = new vscode.EventEmitter<vscode.Uri>();
    let counter = 0;
    const textOf = (view: TraceView) =>
        [
            `// ${view.title}`,
            ...view.errors.map(error => `// error: ${error}`),
            ...view.lines.map(line => `${'  '.repeat(line.depth)}${line.text}`)
        ].join('\n') + '\n';
    context.subscriptions.push(
        changed,
        vscode.workspace.registerTextDocumentContentProvider(TRACE_SCHEME, {
            onDidChange: changed.event,
            provideTextDocumentContent: uri => {
                const view = views.get(uri.toString());
                return view ? textOf(view) : '// The trace is no longer available.\n';
            }
        })
    );
    // Each trace line links to the step, policy or rule it talks about.
    context.subscriptions.push(
        vscode.languages.registerDocumentLinkProvider(
            { scheme: TRACE_SCHEME },
            {
                provideDocumentLinks(document) {
                    const view = views.get(document.uri.toString());
                    if (!view) return [];
                    const offset = 1 + view.errors.length;
                    return view.lines.flatMap((line, index) => {
                        if (!line.location) return [];
                        const start = line.depth * 2;
                        const target = vscode.Uri.parse(line.location.uri).with({
                            fragment: `L${line.location.line + 1},${line.location.character + 1}`
                        });
                        const link = new vscode.DocumentLink(
                            new vscode.Range(index + offset, start, index + offset, start + line.text.length),
                            target
                        );
                        link.tooltip = `Go to ${vscode.workspace.asRelativePath(vscode.Uri.parse(line.location.uri))}:${line.location.line + 1}`;
                        return [link];
                    });
                }
            }
        )
    );
    context.subscriptions.push(
        vscode.workspace.onDidCloseTextDocument(document => {
            views.delete(document.uri.toString());
        })
    );

    context.subscriptions.push(
        vscode.commands.registerCommand('iom.simulate', async (uri?: string, journey?: string, order?: string) => {
            const source = uri ?? vscode.window.activeTextEditor?.document.uri.toString();
            if (!source) return undefined;
            let orderUri = order;
            if (!orderUri) {
                const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(source));
                const files = await vscode.workspace.findFiles(
                    folder ? new vscode.RelativePattern(folder, '**/*.order.json') : '**/*.order.json',
                    '**/node_modules/**'
                );
                const picked = files.length
                    ? await vscode.window.showQuickPick(
                          files.map(file => ({ label: vscode.workspace.asRelativePath(file), uri: file })),
                          { placeHolder: `Sample order to run through ${journey ?? 'the workspace'}` }
                      )
                    : undefined;
                if (!files.length)
                    void vscode.window.showInformationMessage('IOM: no sample order (*.order.json) in the workspace. See docs/simulation.md.');
                orderUri = picked?.uri.toString();
            }
            if (!orderUri) return undefined;
            const view = await execute<TraceView>('iom.server.simulate', [{ uri: source, journey, order: orderUri }]);
            const virtual = vscode.Uri.from({ scheme: TRACE_SCHEME, path: `/${(journey ?? 'workspace').replace(/[\\/]/g, '_')} ${++counter}.trace` });
            views.set(virtual.toString(), view);
            const document = await vscode.workspace.openTextDocument(virtual);
            await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
            // Open journey graphs show the run: visited and skipped nodes (docs/graph.md).
            if ((await vscode.commands.getCommands(true)).includes('iom.showJourneyGraphOverlay')) {
                void vscode.commands.executeCommand(
                    'iom.showJourneyGraphOverlay',
                    view.overlays.filter(overlay => !journey || overlay.journey === journey)
                );
            }
            return { uri: virtual.toString(), view };
        })
    );
}
