/**
 * The simulator for the language server's commands (language/lsp/iom-command-handler.ts): list the test blocks of
 * the open workspace, run them, and simulate a sample order for a journey, on the documents the editor has (unsaved
 * edits included). Locations are LSP ranges in document URIs, for the Test Explorer and the trace view.
 */
import { AstUtils, DocumentState, type LangiumDocument, URI, UriUtils } from 'langium';
import type { IomSharedServices } from '../iom-module.js';
import type { Range } from 'vscode-languageserver';
import type * as ast from '../generated/ast.js';
import { isBuiltinDocument } from '../model/builtin.js';
import { isInside, joinFile } from '../model/paths.js';
import { buildModel, parseMock } from './index.js';
import { parseSampleOrder, SampleOrderError } from '../orders/sample-order.js';
import { simulate } from './simulate.js';
import { describeProblems, runTest, testsOf } from './tests.js';

export interface TestInfo {
    /** `<document uri>#<test name>`. */
    id: string;
    name: string;
    uri: string;
    range: Range;
}

export interface TestRunResult extends TestInfo {
    passed: boolean;
    error?: string;
    durationMs: number;
    expectations: Array<{ text: string; passed: boolean; expected: string; actual: string; range: Range; trace: string[] }>;
}

export interface TraceView {
    title: string;
    /** One entry per trace line: its text, indentation and the source it talks about. */
    lines: Array<{ text: string; depth: number; kind: string; location?: { uri: string; line: number; character: number } }>;
    overlays: Array<{ journey: string; visited: string[]; skipped: string[] }>;
    errors: string[];
}

export class SimulationService {
    constructor(private readonly shared: IomSharedServices) {}

    private async workspace(uri?: string): Promise<{ root: string; documents: LangiumDocument[] }> {
        await this.shared.workspace.WorkspaceManager.ready;
        await this.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated);
        const folders = (this.shared.workspace.WorkspaceManager.workspaceFolders ?? []).map(folder => URI.parse(folder.uri));
        const target = uri ? URI.parse(uri) : undefined;
        const all = this.shared.workspace.LangiumDocuments.all.filter(document => !isBuiltinDocument(document)).toArray();
        // The workspace folder of the target, else the first folder, else the folder all open documents share.
        const rootUri =
            (target && folders.find(folder => UriUtils.contains(folder, target))) ??
            folders[0] ??
            commonFolder(all.map(document => UriUtils.dirname(document.uri))) ??
            (target ? UriUtils.dirname(target) : undefined);
        if (!rootUri) return { root: '', documents: [] };
        const documents = all.filter(document => isInside(rootUri, document.uri));
        return { root: rootUri.fsPath, documents };
    }

    async listTests(options: { folder?: string } = {}): Promise<TestInfo[]> {
        const { documents } = await this.workspace(options.folder);
        return testsOf(documents).map(test => info(test));
    }

    async runTests(options: { folder?: string; ids?: string[] } = {}): Promise<TestRunResult[]> {
        const { root, documents } = await this.workspace(options.folder ?? options.ids?.[0]?.split('#')[0]);
        const { model } = buildModel(root, documents, this.shared.workspace.Digests);
        const wanted = options.ids ? new Set(options.ids) : undefined;
        const files = this.shared.workspace.FileSystemProvider;
        const readFile = (file: string) => files.readFileSync(URI.file(file));
        return testsOf(documents)
            .filter(test => !wanted || wanted.has(info(test).id))
            .map(test => {
                const result = runTest(test, model, root, readFile);
                return {
                    ...info(test),
                    passed: result.passed,
                    error: result.error,
                    durationMs: result.durationMs,
                    expectations: result.expectations.map((expectation, index) => ({
                        text: expectation.text,
                        passed: expectation.passed,
                        expected: expectation.expected,
                        actual: expectation.actual,
                        // One result per expectation, in order; the test's own range should that ever not hold.
                        range: rangeOf(test.expectations[index] ?? test),
                        trace: expectation.trace.map(line => `${'  '.repeat(line.depth)}${line.text}`)
                    }))
                };
            });
    }

    /** Simulates a sample order file for the workspace of a document; `journey` only names the view. */
    async simulate(options: { uri: string; order: string; event?: string; mocks?: string[]; journey?: string }): Promise<TraceView> {
        const { root, documents } = await this.workspace(options.uri);
        const { model, errors } = buildModel(root, documents, this.shared.workspace.Digests);
        const orderUri = URI.parse(options.order);
        const title = `Simulation${options.journey ? ` of ${options.journey}` : ''}: ${UriUtils.basename(orderUri)}`;
        const view: TraceView = {
            title,
            lines: [],
            overlays: [],
            errors: errors.map(error => `${error.file}:${error.line}:${error.column} ${error.code ?? ''} ${error.message}`)
        };
        const orderPath = orderUri.fsPath;
        let order;
        try {
            order = parseSampleOrder(this.shared.workspace.FileSystemProvider.readFileSync(orderUri).replace(/^\uFEFF/, ''), model.entities);
        } catch (error) {
            view.errors.push(
                error instanceof SampleOrderError ? describeProblems(orderPath, error.problems) : `Cannot read ${orderPath}: ${String(error)}`
            );
            return view;
        }
        let mocks;
        try {
            mocks = (options.mocks ?? []).map(text => parseMock(text, model));
        } catch (error) {
            view.errors.push((error as Error).message);
            return view;
        }
        const result = simulate(model, order, { event: options.event, mocks });
        view.lines = result.lines.map(line => ({
            text: line.text,
            depth: line.depth,
            kind: line.kind,
            location: line.source
                ? { uri: joinFile(URI.file(root), line.source.file).toString(), line: line.source.line - 1, character: line.source.column - 1 }
                : undefined
        }));
        view.overlays = result.journeys.map(journey => ({ journey: journey.journey, visited: journey.visited, skipped: journey.skipped }));
        return view;
    }
}

function info(test: ast.Test): TestInfo {
    const uri = AstUtils.getDocument(test).uri.toString();
    return { id: `${uri}#${test.name}`, name: test.name, uri, range: rangeOf(test) };
}

function rangeOf(node: { $cstNode?: { range: Range } }): Range {
    return node.$cstNode?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function commonFolder(folders: URI[]): URI | undefined {
    let common = folders[0];
    if (!common) return undefined;
    for (const folder of folders) {
        while (!UriUtils.contains(common, folder)) {
            const parent = UriUtils.dirname(common);
            if (parent.path === common.path) return common;
            common = parent;
        }
    }
    return common;
}
