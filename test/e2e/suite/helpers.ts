/// <reference types="mocha" />
/**
 * Helpers for the end-to-end suite, which runs inside VS Code's extension host (Node), against the real extension and
 * the real language server it starts. Tests must not assume a desktop UI: in the offline runner the workbench is the
 * web UI (`vscode.env.uiKind === UIKind.Web`) of VS Code's server build.
 *
 * The launchers open a fresh temporary copy of test/e2e/workspace (test/e2e/fixture-workspace.cjs), so nothing a test
 * writes or saves can reach the tracked files. Tests still leave the copy as they found it for the tests after them:
 * edits stay unsaved and are reverted (`revertAll`); files a test must write go below `scratchDir()` and are removed.
 * Tests wait on conditions (`waitFor`, `waitForDiagnostics`), never for a fixed time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'iom-lang.iom-lang';
const DEFAULT_TIMEOUT = 20_000;

/** Activates the extension (if the workspace did not already) and returns it. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
    await extension.activate();
    return extension;
}

export function workspaceFolder(): vscode.WorkspaceFolder {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('the test workspace (a copy of test/e2e/workspace) is not open');
    return folder;
}

export function workspaceUri(relativePath: string): vscode.Uri {
    return vscode.Uri.joinPath(workspaceFolder().uri, ...relativePath.split('/'));
}

/** A folder for files a test creates, outside the committed workspace files; removed by the caller. */
export function scratchDir(name: string): string {
    const dir = path.join(workspaceFolder().uri.fsPath, '.scratch', name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
}

/** Opens a file of the test workspace in an editor and waits until the language server knows it. */
export async function openFile(relativePath: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
    return vscode.window.showTextDocument(document, { preview: false });
}

/** Polls `probe` until it returns something other than undefined/false, or fails after `timeout` ms. */
export async function waitFor<T>(
    description: string,
    probe: () => T | undefined | false | Promise<T | undefined | false>,
    timeout = DEFAULT_TIMEOUT
): Promise<T> {
    const deadline = Date.now() + timeout;
    let last: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value !== undefined && value !== false) return value;
            last = value;
        } catch (error) {
            last = error;
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${description} (last: ${describe(last)})`);
        await sleep(100);
    }
}

/** Waits until the diagnostics VS Code shows for `uri` satisfy `predicate`. */
export function waitForDiagnostics(
    uri: vscode.Uri,
    predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
    description = 'diagnostics',
    timeout = DEFAULT_TIMEOUT
): Promise<vscode.Diagnostic[]> {
    return waitFor(
        `${description} of ${uri.path}`,
        () => {
            const diagnostics = vscode.languages.getDiagnostics(uri);
            return predicate(diagnostics) ? diagnostics : undefined;
        },
        timeout
    );
}

/** Waits until `uri` shows diagnostics with `code`, and returns them (at least one, so `[first]` is typed present). */
export function waitForCode(
    uri: vscode.Uri,
    code: string,
    description = code,
    timeout = DEFAULT_TIMEOUT
): Promise<[vscode.Diagnostic, ...vscode.Diagnostic[]]> {
    return waitFor(
        `${description} of ${uri.path}`,
        () => {
            const [first, ...rest] = vscode.languages.getDiagnostics(uri).filter(d => codeOf(d) === code);
            return first && [first, ...rest];
        },
        timeout
    );
}

/**
 * Opens journey.iom, misspells its input event "New Order" as "New Ordr" (unsaved: `revertAll` undoes it) and waits
 * for the unresolved reference's IOM1001; returns the editor, that diagnostic, and `correct`, which types the name
 * right again.
 */
export async function misspellNewOrder(): Promise<{ editor: vscode.TextEditor; diagnostic: vscode.Diagnostic; correct: () => Promise<void> }> {
    const editor = await openFile('journey.iom');
    await replaceText(editor, 'input event "New Order"', 'input event "New Ordr"');
    const [diagnostic] = await waitForCode(editor.document.uri, 'IOM1001');
    const correct = async () => void (await replaceText(editor, 'input event "New Ordr"', 'input event "New Order"'));
    return { editor, diagnostic, correct };
}

/** A diagnostic's code as a string (VS Code may wrap it in `{ value, target }`). */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    return code === undefined ? undefined : String(code);
}

export function hasCode(code: string): (diagnostics: vscode.Diagnostic[]) => boolean {
    return diagnostics => diagnostics.some(d => codeOf(d) === code);
}

/** Whether two diagnostic lists hold the same diagnostics (code, severity, range, message), in any order. */
export function sameDiagnostics(a: readonly vscode.Diagnostic[], b: readonly vscode.Diagnostic[]): boolean {
    const key = (d: vscode.Diagnostic) => JSON.stringify([codeOf(d), d.severity, d.range.start, d.range.end, d.message]);
    const keys = (list: readonly vscode.Diagnostic[]) => list.map(key).sort().join('\n');
    return a.length === b.length && keys(a) === keys(b);
}

/** The position of `needle` (its `occurrence`-th match) in the document, plus `offset` characters. */
export function positionOf(document: vscode.TextDocument, needle: string, offset = 0, occurrence = 0): vscode.Position {
    const text = document.getText();
    let index = -1;
    for (let i = 0; i <= occurrence; i++) {
        index = text.indexOf(needle, index + 1);
        if (index < 0) throw new Error(`'${needle}' not found in ${document.uri.path}`);
    }
    return document.positionAt(index + offset);
}

export function rangeOf(document: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
    const start = positionOf(document, needle, 0, occurrence);
    return new vscode.Range(start, start.translate(0, needle.length));
}

/** Replaces the first `needle` in the editor's document, as typing would (unsaved). */
export async function replaceText(editor: vscode.TextEditor, needle: string, replacement: string): Promise<vscode.Range> {
    const range = rangeOf(editor.document, needle);
    const applied = await editor.edit(edit => edit.replace(range, replacement));
    if (!applied) throw new Error(`could not replace '${needle}'`);
    return new vscode.Range(range.start, range.start.translate(0, replacement.length));
}

/** Reverts every unsaved edit and closes all editors. */
export async function revertAll(): Promise<void> {
    for (const document of vscode.workspace.textDocuments) {
        if (!document.isDirty) continue;
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
        await waitFor(`${document.uri.path} to be reverted`, () => !document.isDirty);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Text of a hover's contents, whatever form they take. */
export function hoverText(hovers: vscode.Hover[]): string {
    return hovers
        .flatMap(hover => hover.contents)
        .map(content => (typeof content === 'string' ? content : content.value))
        .join('\n');
}

/**
 * Asks the runner for a screenshot of the workbench. The offline runner (run-server-tests.cjs) sets IOM_E2E_SCREENSHOTS
 * to a folder, watches the extension host's console for the marker line and saves the picture there; this function
 * waits until the file exists. `clip` (CSS selectors of workbench parts) limits the picture to those parts. Without the
 * variable (e.g. under @vscode/test-electron) nobody takes pictures, and this
 * returns undefined at once.
 */
export async function requestScreenshot(name: string, options: { clip?: string[] } = {}): Promise<string | undefined> {
    const dir = process.env.IOM_E2E_SCREENSHOTS;
    if (!dir) return undefined;
    const file = path.join(dir, `${name}.png`);
    fs.rmSync(file, { force: true });
    // Unrelated toasts (e.g. git offering to open the repository around the workspace) would cover the Problems panel.
    await vscode.commands.executeCommand('notifications.clearAll');
    console.log(`[iom-e2e:screenshot] ${file}${options.clip ? ` ${JSON.stringify(options)}` : ''}`);
    await waitFor(`screenshot ${file}`, () => fs.existsSync(file), 15_000);
    return file;
}

/**
 * Asks the offline runner (run-server-tests.cjs) to act on the workbench page as a user would: read or click an
 * element of the workbench, or read an element inside a webview (see the runner for the actions). Returns the answer,
 * or undefined when no runner listens (e.g. under @vscode/test-electron); a failed action rejects.
 */
let requests = 0;
export async function askWorkbench<T>(
    request:
        | { action: 'texts'; selector: string }
        | { action: 'click'; selector: string; text?: string }
        | { action: 'webviewElement'; id: string }
        | { action: 'webviewElements'; selector: string }
): Promise<T | undefined> {
    const dir = process.env.IOM_E2E_SCREENSHOTS;
    if (!dir) return undefined;
    const file = path.join(dir, `workbench-answer-${process.pid}-${++requests}.json`);
    fs.rmSync(file, { force: true });
    console.log(`[iom-e2e:workbench] ${file} ${JSON.stringify(request)}`);
    const answer = await waitFor(
        `the runner's answer to ${JSON.stringify(request)}`,
        () => fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, 'utf8')) as { result?: T; error?: string }),
        15_000
    );
    fs.rmSync(file, { force: true });
    if (answer.error !== undefined) throw new Error(`the runner could not ${request.action}: ${answer.error}`);
    return answer.result as T;
}

/** The texts of the workbench's visible elements matching `selector`; undefined without the offline runner. */
export function workbenchTexts(selector: string): Promise<string[] | undefined> {
    return askWorkbench<string[]>({ action: 'texts', selector });
}

/**
 * Where the offline runner can read the workbench, waits until the texts of its visible elements matching `selector`
 * satisfy `predicate`; without a runner (nobody can read the page) returns at once.
 */
export async function waitForWorkbenchTexts(description: string, selector: string, predicate: (texts: string[]) => boolean): Promise<void> {
    if ((await workbenchTexts(selector)) === undefined) return;
    await waitFor(description, async () => {
        const texts = await workbenchTexts(selector);
        return texts !== undefined && predicate(texts);
    });
}

export function sleep(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
}

function describe(value: unknown): string {
    if (value instanceof Error) return value.message;
    try {
        return JSON.stringify(value);
    } catch {
        return String(value);
    }
}

/** What a journey graph view drew, as its `iom.journeyGraph.state` command reports it. */
export interface RenderedState {
    nodes: number;
    edges: number;
    labels: string[];
    banner: string | null;
    title: string;
    kinds: string[];
    links: Array<{ from: string; to: string; label: string | null }>;
    visited: string[];
    skipped: string[];
    cursorLabel: string | null;
}

/** The state of every open journey graph view. */
export async function journeyGraphStates(): Promise<RenderedState[]> {
    return (await vscode.commands.executeCommand<RenderedState[]>('iom.journeyGraph.state')) ?? [];
}

/** The compiled output folder of the test workspace (the default `out`, git-ignored). */
export function outFolder(): string {
    return path.join(workspaceFolder().uri.fsPath, 'out');
}

/**
 * The hooks of a suite that edits the workspace and compiles it: the extension active before the first test, every
 * editor reverted after each, the output folder removed after the last.
 */
export function compilingSuite(): void {
    before(activateExtension);
    afterEach(revertAll);
    after(() => fs.rmSync(outFolder(), { recursive: true, force: true }));
}

/** The visible editor of a document with this URI scheme (a read-only view such as `iom-compiled`), if any. */
export function visibleEditorOf(scheme: string): vscode.TextEditor | undefined {
    return vscode.window.visibleTextEditors.find(editor => editor.document.uri.scheme === scheme);
}
