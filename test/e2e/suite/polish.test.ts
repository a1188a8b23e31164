/// <reference types="mocha" />
// The VS Code niceties of issue 17: the status bar item and IOM: Restart Language Server, diagnostic code links that
// open the code's section rendered, Show Compiled Definition at the record under the cursor, the icons, the Getting
// Started walkthrough, and the TextMate grammar as VS Code's own TextMate engine tokenizes it. Where the offline runner
// can act on the workbench page (helpers.askWorkbench), the tests read and click the real UI as a user would.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
    activateExtension,
    askWorkbench,
    EXTENSION_ID,
    misspellNewOrder,
    openFile,
    positionOf,
    requestScreenshot,
    revertAll,
    scratchDir,
    waitFor,
    waitForCode,
    waitForWorkbenchTexts
} from './helpers';

interface Status {
    state: string;
    errors: number;
    text: string;
    tooltip: string;
}
const status = () => vscode.commands.executeCommand<Status>('iom.languageServerStatus');
/** The errors VS Code holds for .iom files, which the status bar item counts. */
const errorsShown = () =>
    vscode.languages
        .getDiagnostics()
        .filter(([uri]) => uri.path.endsWith('.iom'))
        .reduce((sum, [, diagnostics]) => sum + diagnostics.filter(d => d.severity === vscode.DiagnosticSeverity.Error).length, 0);
/** The status bar item as the workbench shows it: its words (the codicon is an icon element). */
const STATUS_BAR = '[id="iom-lang.iom-lang.iom.status"]';

describe('VS Code polish', () => {
    let extension: vscode.Extension<unknown>;
    before(async () => {
        extension = await activateExtension();
    });
    afterEach(revertAll);

    it('the status bar item shows the running server and the error count; IOM: Restart Language Server restarts it', async () => {
        await waitFor('a running server', async () => (await status()).state === 'running');
        const clean = await waitFor('a settled error count', async () => {
            const s = await status();
            return s.text ? s : undefined;
        });
        const { editor, correct } = await misspellNewOrder();
        const withError = await waitFor('the error count', async () => {
            const s = await status();
            return s.errors > clean.errors ? s : undefined;
        });
        assert.match(withError.text, new RegExp(`IOM ${withError.errors}$`));
        assert.match(withError.tooltip, new RegExp(`running; ${withError.errors} error`));
        await waitForWorkbenchTexts('the status bar to show the count', STATUS_BAR, texts =>
            texts.join(' ').trim().endsWith(`IOM ${withError.errors}`)
        );
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        await requestScreenshot('extension-problems');

        // Restart: the client drops the server's diagnostics, the new server publishes them again.
        let cleared = false;
        const watch = vscode.languages.onDidChangeDiagnostics(() => {
            if (vscode.languages.getDiagnostics(editor.document.uri).length === 0) cleared = true;
        });
        try {
            const restarted = await vscode.commands.executeCommand<Status>('iom.restartLanguageServer');
            assert.equal(restarted.state, 'running', 'the restart command resolves once the new server runs');
            await waitForCode(editor.document.uri, 'IOM1001', 'diagnostics from the restarted server');
            assert.ok(cleared, 'the old diagnostics were dropped while the server restarted');
        } finally {
            watch.dispose();
        }
        // The restarted server checks the whole workspace again (diagnostics of files earlier tests removed are gone).
        const afterRestart = await waitFor('the count after the restart', async () => {
            const s = await status();
            return s.state === 'running' && s.errors > 0 && s.errors === errorsShown() ? s : undefined;
        });
        assert.match(afterRestart.text, new RegExp(`IOM ${afterRestart.errors}$`));

        // Fixing the error takes the count down by one.
        await correct();
        const fixed = await waitFor('the count to drop', async () => {
            const s = await status();
            return s.errors === afterRestart.errors - 1 ? s : undefined;
        });
        assert.equal(fixed.text, fixed.errors > 0 ? `$(error) IOM ${fixed.errors}` : '$(check) IOM');
        await waitForWorkbenchTexts('the status bar to drop the count', STATUS_BAR, texts => !texts.join(' ').includes(`IOM ${afterRestart.errors}`));
    });

    it("clicking a diagnostic's code in the Problems panel opens that code's section of the documentation, rendered", async () => {
        const { diagnostic } = await misspellNewOrder();
        const code = diagnostic.code as { value: string; target: vscode.Uri };
        assert.equal(code.target.scheme, 'command');
        assert.equal(code.target.path, 'iom.showDiagnosticDocumentation');
        assert.deepEqual(JSON.parse(decodeURIComponent(code.target.query)), ['IOM1001']);
        const docs = path.join(extension.extensionPath, 'docs', 'diagnostics.md');
        assert.match(fs.readFileSync(docs, 'utf8'), /^### IOM1001$/m, 'the shipped documentation has the section');

        await vscode.commands.executeCommand('workbench.actions.view.problems');
        const clicked = await waitFor('the code link in the Problems panel', () =>
            askWorkbench<boolean>({ action: 'click', selector: '.markers-panel a.monaco-link', text: 'IOM1001' }).then(
                result => result ?? 'no runner'
            )
        );
        // Without the offline runner nobody can click: run what the link runs.
        if (clicked === 'no runner')
            await vscode.commands.executeCommand(code.target.path, ...(JSON.parse(decodeURIComponent(code.target.query)) as string[]));
        const preview = await waitFor('the Markdown preview', () =>
            vscode.window.tabGroups.all
                .flatMap(group => group.tabs)
                .find(tab => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType))
        );
        assert.match(preview.label, /diagnostics\.md/);
        // The rendered section is at the top of the preview: its heading (id iom1001) is scrolled to the top.
        if (clicked !== 'no runner') {
            const heading = await waitFor('the preview scrolled to the IOM1001 heading', async () => {
                const found = await askWorkbench<{ top: number; scrollY: number; height: number; text: string }>({
                    action: 'webviewElement',
                    id: 'iom1001'
                });
                return found && found.scrollY > 0 && found.top >= -2 && found.top < found.height / 3 ? found : undefined;
            });
            assert.equal(heading.text?.trim(), 'IOM1001');
        }
        await requestScreenshot('extension-diagnostic-docs');
    });

    it('Show Compiled Definition reveals and selects the step under the cursor, with name, kind and nodes before the id lists', async () => {
        const editor = await openFile('journey.iom');
        const at = positionOf(editor.document, 'filter policy "US Orders"');
        editor.selection = new vscode.Selection(at, at);
        await vscode.commands.executeCommand('iom.showCompiledDefinition');
        const view = await waitFor('the compiled view', () => vscode.window.visibleTextEditors.find(e => e.document.uri.scheme === 'iom-compiled'));
        const lines = view.document.getText().split('\n');
        assert.deepEqual(lines.slice(1, 3), ['  "name": "Order Intake",', '  "kind": "journey",']);
        const keyLine = (key: string) => lines.findIndex(line => line.startsWith(`  "${key}":`));
        assert.ok(keyLine('nodes') < keyLine('edges'), 'nodes before edges');
        const selection = await waitFor('the selection on the step', () => !view.selection.isEmpty && view.selection);
        const line = (index: number) => view.document.lineAt(index).text;
        assert.equal(line(selection.start.line).trim(), '{', "the selection starts at the step's opening brace");
        assert.equal(line(selection.start.line + 1).trim(), '"name": "Validate",', `the selection is the step (line ${selection.start.line})`);
        const indent = line(selection.start.line).indexOf('{');
        assert.match(line(selection.end.line), new RegExp(`^ {${indent}}},?$`), 'and ends at its closing brace');
        assert.ok(selection.start.line > 3, "the step is below the journey's own fields");
        await waitFor('the step to be visible', () => view.visibleRanges.some(range => range.contains(selection.start)));
        await requestScreenshot('extension-compiled-definition');
    });

    it('ships an extension icon and a file icon for .iom', () => {
        const json = extension.packageJSON as {
            icon: string;
            contributes: { languages: Array<{ id: string; icon?: { light: string; dark: string } }> };
        };
        const icon = path.join(extension.extensionPath, json.icon);
        assert.deepEqual([...fs.readFileSync(icon).subarray(1, 4)].map(c => String.fromCharCode(c)).join(''), 'PNG');
        const language = json.contributes.languages.find(l => l.id === 'iom')!;
        for (const file of [language.icon!.light, language.icon!.dark]) {
            assert.match(fs.readFileSync(path.join(extension.extensionPath, file), 'utf8'), /<svg /);
        }
    });

    it('the Getting Started walkthrough opens, its commands exist, and its first step creates a workspace', async () => {
        const json = extension.packageJSON as {
            contributes: { walkthroughs: Array<{ id: string; steps: Array<{ id: string; description: string; media: { markdown: string } }> }> };
        };
        const [walkthrough] = json.contributes.walkthroughs;
        assert.ok(walkthrough, 'the extension contributes a walkthrough');
        assert.deepEqual(
            walkthrough.steps.map(step => step.id),
            ['iom.create', 'iom.diagnostic', 'iom.compile', 'iom.showCompiled', 'iom.tests']
        );
        const commands = new Set(await vscode.commands.getCommands(false));
        for (const step of walkthrough.steps) {
            assert.ok(fs.existsSync(path.join(extension.extensionPath, step.media.markdown)), step.media.markdown);
            for (const [link, command] of step.description.matchAll(/\(command:([\w.]+)\)/g))
                assert.ok(command && commands.has(command), `${step.id}: the command of ${link} exists`);
        }
        await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough.id}`, false);
        await waitFor('the walkthrough tab', () =>
            vscode.window.tabGroups.all.flatMap(group => group.tabs).find(tab => /Welcome|Walkthrough|Get started/i.test(tab.label))
        );
        await requestScreenshot('extension-walkthrough');

        const dir = scratchDir('init');
        try {
            const files = await vscode.commands.executeCommand<string[]>('iom.initWorkspace', vscode.Uri.file(dir));
            assert.ok(files.includes('iomconfig.json') && files.includes('journeys.iom'), JSON.stringify(files));
            await waitFor(
                'the new journey in an editor',
                () => vscode.window.activeTextEditor?.document.uri.fsPath === path.join(dir, 'journeys.iom')
            );
        } finally {
            // The new workspace is emptied, not removed: its journey file is open in an editor, and VS Code keeps an open
            // document alive (and in the language server) after its file is deleted. Each file is emptied through an
            // editor and saved: VS Code may not reload an open document from disk before the next test compiles the
            // workspace. Emptied files declare nothing, so the later tests see the fixture workspace alone.
            for (const file of fs.readdirSync(dir).filter(name => name.endsWith('.iom') || name === 'iomconfig.json')) {
                const document = await vscode.workspace.openTextDocument(path.join(dir, file));
                const edit = new vscode.WorkspaceEdit();
                const emptied = file.endsWith('.iom') ? '// emptied by the walkthrough test\n' : '{}\n';
                edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), emptied);
                assert.ok(await vscode.workspace.applyEdit(edit), `${file} emptied`);
                assert.ok(await document.save(), `${file} saved`);
            }
            const journeys = vscode.Uri.file(path.join(dir, 'journeys.iom'));
            await waitFor('the emptied workspace checked', () => vscode.languages.getDiagnostics(journeys).length === 0, 30_000);
        }
    });

    it("VS Code's TextMate engine gives multi-word keywords one scope and highlights query blocks as Power Query", async () => {
        // The engine VS Code itself uses (vscode-textmate with the Oniguruma WebAssembly build), from VS Code's install.
        const modules = path.join(vscode.env.appRoot, 'node_modules');
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- modules of VS Code's install, without types here
        const textmate = require(path.join(modules, 'vscode-textmate')) as any;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const oniguruma = require(path.join(modules, 'vscode-oniguruma')) as any;
        await oniguruma.loadWASM(fs.readFileSync(path.join(modules, 'vscode-oniguruma', 'release', 'onig.wasm')).buffer);
        const grammarFile = path.join(extension.extensionPath, 'syntaxes', 'iom.tmLanguage.json');
        const registry = new textmate.Registry({
            onigLib: Promise.resolve({
                createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
                createOnigString: (text: string) => new oniguruma.OnigString(text)
            }),
            loadGrammar: async (scope: string) =>
                scope === 'source.iom' ? textmate.parseRawGrammar(fs.readFileSync(grammarFile, 'utf8'), grammarFile) : null
        });
        const grammar = await registry.loadGrammar('source.iom');
        const scopesOf = (lines: string[]) => {
            let state = textmate.INITIAL;
            const result: Array<{ text: string; scope: string | undefined }> = [];
            for (const line of lines) {
                const tokens = grammar.tokenizeLine(line, state);
                for (const token of tokens.tokens as Array<{ startIndex: number; endIndex: number; scopes: string[] }>)
                    result.push({ text: line.slice(token.startIndex, token.endIndex), scope: token.scopes.at(-1) });
                state = tokens.ruleStack;
            }
            return result;
        };
        const scopeOf = (tokens: Array<{ text: string; scope: string | undefined }>, text: string) =>
            tokens.find(token => token.text === text)?.scope;
        const step = scopesOf(['    input events "New Order"', '    filter policies "US Orders"', '    orchestration type "Order orchestration"']);
        assert.equal(scopeOf(step, 'input events'), 'keyword.other.iom');
        assert.equal(scopeOf(step, 'filter policies'), 'keyword.other.iom');
        assert.equal(scopeOf(step, 'orchestration type'), 'keyword.other.iom');
        const query = scopesOf([
            '    query """',
            '        let Source = Json.Document(Payload), #"Kept" = Table.SelectRows(Source, each [Qty] > 0) in #"Kept"',
            '    """'
        ]);
        assert.equal(scopeOf(query, 'let'), 'keyword.control.powerquery');
        assert.equal(scopeOf(query, 'each'), 'keyword.control.powerquery');
        assert.equal(scopeOf(query, 'Table.SelectRows'), 'support.function.powerquery');
        assert.equal(scopeOf(query, 'Kept'), 'variable.other.quoted.powerquery');
        const inBlock = grammar.tokenizeLine('        let Source = 1 in Source', grammar.tokenizeLine('    query """', textmate.INITIAL).ruleStack);
        assert.ok(
            (inBlock.tokens as Array<{ scopes: string[] }>).every(token => token.scopes.includes('meta.embedded.block.powerquery')),
            'the block is marked as embedded Power Query'
        );
    });
});
