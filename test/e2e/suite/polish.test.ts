/// <reference types="mocha" />
// The VS Code niceties of issue 17: the icons, the Getting Started walkthrough, and the TextMate grammar as VS Code's
// own TextMate engine tokenizes it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, requestScreenshot, revertAll, scratchDir, waitFor } from './helpers';


describe('VS Code polish', () => {
    let extension: vscode.Extension<unknown>;
    before(async () => { extension = await activateExtension(); });
    afterEach(revertAll);

    it('ships an extension icon and a file icon for .iom', () => {
        const json = extension.packageJSON as { icon: string; contributes: { languages: Array<{ id: string; icon?: { light: string; dark: string } }> } };
        const icon = path.join(extension.extensionPath, json.icon);
        assert.deepEqual([...fs.readFileSync(icon).subarray(1, 4)].map(c => String.fromCharCode(c)).join(''), 'PNG');
        const language = json.contributes.languages.find(l => l.id === 'iom')!;
        for (const file of [language.icon!.light, language.icon!.dark]) {
            assert.match(fs.readFileSync(path.join(extension.extensionPath, file), 'utf8'), /<svg /);
        }
    });

    it('the Getting Started walkthrough opens, its commands exist, and its first step creates a workspace', async () => {
        const json = extension.packageJSON as { contributes: { walkthroughs: Array<{ id: string; steps: Array<{ id: string; description: string; media: { markdown: string } }> }> } };
        const [walkthrough] = json.contributes.walkthroughs;
        assert.deepEqual(walkthrough.steps.map(step => step.id), ['iom.create', 'iom.diagnostic', 'iom.compile', 'iom.showCompiled', 'iom.tests']);
        const commands = new Set(await vscode.commands.getCommands(false));
        for (const step of walkthrough.steps) {
            assert.ok(fs.existsSync(path.join(extension.extensionPath, step.media.markdown)), step.media.markdown);
            for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.has(command), `${step.id}: ${command} exists`);
        }
        await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough.id}`, false);
        await waitFor('the walkthrough tab', () => vscode.window.tabGroups.all.flatMap(group => group.tabs).find(tab => /Welcome|Walkthrough|Get started/i.test(tab.label)));
        await requestScreenshot('extension-walkthrough');

        const dir = scratchDir('init');
        try {
            const files = await vscode.commands.executeCommand<string[]>('iom.initWorkspace', vscode.Uri.file(dir));
            assert.ok(files.includes('iomconfig.json') && files.includes('journeys.iom'), JSON.stringify(files));
            await waitFor('the new journey in an editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === path.join(dir, 'journeys.iom'));
        } finally {
            fs.rmSync(path.dirname(dir), { recursive: true, force: true });
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
            onigLib: Promise.resolve({ createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources), createOnigString: (text: string) => new oniguruma.OnigString(text) }),
            loadGrammar: async (scope: string) => scope === 'source.iom' ? textmate.parseRawGrammar(fs.readFileSync(grammarFile, 'utf8'), grammarFile) : null
        });
        const grammar = await registry.loadGrammar('source.iom');
        const scopesOf = (lines: string[]) => {
            let state = textmate.INITIAL;
            const result: Array<{ text: string; scope: string }> = [];
            for (const line of lines) {
                const tokens = grammar.tokenizeLine(line, state);
                for (const token of tokens.tokens as Array<{ startIndex: number; endIndex: number; scopes: string[] }>) result.push({ text: line.slice(token.startIndex, token.endIndex), scope: token.scopes[token.scopes.length - 1] });
                state = tokens.ruleStack;
            }
            return result;
        };
        const scopeOf = (tokens: Array<{ text: string; scope: string }>, text: string) => tokens.find(token => token.text === text)?.scope;
        const step = scopesOf(['    input events "New Order"', '    filter policies "US Orders"', '    orchestration type "Order orchestration"']);
        assert.equal(scopeOf(step, 'input events'), 'keyword.other.iom');
        assert.equal(scopeOf(step, 'filter policies'), 'keyword.other.iom');
        assert.equal(scopeOf(step, 'orchestration type'), 'keyword.other.iom');
        const query = scopesOf(['    query """', '        let Source = Json.Document(Payload), #"Kept" = Table.SelectRows(Source, each [Qty] > 0) in #"Kept"', '    """']);
        assert.equal(scopeOf(query, 'let'), 'keyword.control.powerquery');
        assert.equal(scopeOf(query, 'each'), 'keyword.control.powerquery');
        assert.equal(scopeOf(query, 'Table.SelectRows'), 'support.function.powerquery');
        assert.equal(scopeOf(query, 'Kept'), 'variable.other.quoted.powerquery');
        const inBlock = grammar.tokenizeLine('        let Source = 1 in Source', grammar.tokenizeLine('    query """', textmate.INITIAL).ruleStack);
        assert.ok((inBlock.tokens as Array<{ scopes: string[] }>).every(token => token.scopes.includes('meta.embedded.block.powerquery')), 'the block is marked as embedded Power Query');
    });
});
