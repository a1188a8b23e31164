/// <reference types="mocha" />
// Settings. The extension contributes one setting today, `iom.trace.server` (read by vscode-languageclient for the
// client named `iom`); its effect (tracing to the "IOM Language Server" output channel) is not observable through the
// API, so the test checks the contribution and that a change round-trips through the configuration API and is
// announced to listeners (the language client among them). Add a test per new `iom.*` setting that checks its effect.
// The settings whose effect is visible are tested by their effect: the [iom] tab size changes what Format Document
// produces, and a rule level in the workspace's iomconfig.json changes the diagnostics without a restart.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, openFile, revertAll, waitFor, waitForDiagnostics, workspaceUri } from './helpers';

describe('settings', () => {
    before(activateExtension);
    after(() => vscode.workspace.getConfiguration('iom').update('trace.server', undefined, vscode.ConfigurationTarget.Global));

    it('iom.trace.server is contributed with its default, and a change round-trips and is announced', async () => {
        const inspected = vscode.workspace.getConfiguration('iom').inspect<string>('trace.server');
        assert.equal(inspected?.defaultValue, 'off');

        const announced = new Promise<boolean>(resolve => {
            const listener = vscode.workspace.onDidChangeConfiguration(event => {
                if (event.affectsConfiguration('iom.trace.server')) {
                    listener.dispose();
                    resolve(true);
                }
            });
        });
        await vscode.workspace.getConfiguration('iom').update('trace.server', 'verbose', vscode.ConfigurationTarget.Global);
        assert.equal(await announced, true);
        await waitFor('the new value', () => vscode.workspace.getConfiguration('iom').get('trace.server') === 'verbose');
        assert.equal(vscode.workspace.getConfiguration('iom').inspect<string>('trace.server')?.globalValue, 'verbose');

        await vscode.workspace.getConfiguration('iom').update('trace.server', undefined, vscode.ConfigurationTarget.Global);
        await waitFor('the default again', () => vscode.workspace.getConfiguration('iom').get('trace.server') === 'off');
    });

    it("the extension's [iom] editor defaults apply to .iom documents", async () => {
        // defaultLanguageValue is set only by a contributed configurationDefaults entry, so VS Code's own defaults
        // (tabSize 4, insertSpaces true) cannot make this pass.
        const editor = vscode.workspace.getConfiguration('editor', { languageId: 'iom' });
        assert.equal(editor.inspect('tabSize')?.defaultLanguageValue, 4);
        assert.equal(editor.inspect('insertSpaces')?.defaultLanguageValue, true);
        assert.equal(editor.inspect('semanticHighlighting.enabled')?.defaultLanguageValue, true);
        assert.equal(editor.get('semanticHighlighting.enabled'), true);
    });

    it('a rule level set in iomconfig.json changes the diagnostics of the open editor, without a restart', async () => {
        const config = workspaceUri('iomconfig.json');
        const editor = await openFile('connections.iom');
        const unused = (diagnostics: vscode.Diagnostic[]) => diagnostics.find(d => codeOf(d) === 'IOM2007');
        try {
            // An unused connection is a warning by default.
            await editor.edit(edit =>
                edit.insert(
                    editor.document.positionAt(editor.document.getText().length),
                    '\nconnection Spare {\n    connector "Outlook.com"\n    url "https://make.powerautomate.com/environments/Default-1/connections?apiName=shared_outlook&connectionName=2"\n}\n'
                )
            );
            const before = await waitForDiagnostics(editor.document.uri, d => unused(d) !== undefined, 'an unused-connection warning');
            assert.equal(unused(before)?.severity, vscode.DiagnosticSeverity.Warning);

            await vscode.workspace.fs.writeFile(config, Buffer.from('{ "rules": { "unused-connection": "error" } }\n'));
            const raised = await waitForDiagnostics(
                editor.document.uri,
                d => unused(d)?.severity === vscode.DiagnosticSeverity.Error,
                'the level raised to error'
            );
            assert.ok(unused(raised));

            await vscode.workspace.fs.writeFile(config, Buffer.from('{ "rules": { "IOM2007": "off" } }\n'));
            await waitForDiagnostics(editor.document.uri, d => unused(d) === undefined, 'the rule turned off');
        } finally {
            await vscode.workspace.fs.delete(config).then(undefined, () => undefined);
            await revertAll();
        }
    });

    it('the [iom] tab size changes what Format Document produces', async () => {
        const target = vscode.ConfigurationTarget.Global;
        const editorSettings = () => vscode.workspace.getConfiguration('editor', { languageId: 'iom' });
        const editor = await openFile('policies.iom');
        const original = editor.document.getText();
        try {
            await editorSettings().update('detectIndentation', false, target, true);
            await editorSettings().update('tabSize', 2, target, true);
            await waitFor('the [iom] tab size 2', () => editorSettings().get('tabSize') === 2);
            await revertAll();
            const reopened = await openFile('policies.iom');
            await waitFor('the editor to take the tab size', () => reopened.options.tabSize === 2);
            await vscode.commands.executeCommand('editor.action.formatDocument');
            const formatted = reopened.document.getText();
            assert.notEqual(formatted, original);
            assert.equal(
                formatted,
                original.replace(/^( {4})+/gm, indent => ' '.repeat(indent.length / 2))
            );
        } finally {
            await editorSettings().update('tabSize', undefined, target, true);
            await editorSettings().update('detectIndentation', undefined, target, true);
            await revertAll();
        }
    });
});
