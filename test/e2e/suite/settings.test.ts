/// <reference types="mocha" />
// Settings. The extension contributes one setting today, `iom.trace.server` (read by vscode-languageclient for the
// client named `iom`); its effect (tracing to the "IOM Language Server" output channel) is not observable through the
// API, so the test checks the contribution and that a change round-trips through the configuration API and is
// announced to listeners (the language client among them). Add a test per new `iom.*` setting that checks its effect.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './helpers';

describe('settings', () => {
    before(activateExtension);
    after(() => vscode.workspace.getConfiguration('iom').update('trace.server', undefined, vscode.ConfigurationTarget.Global));

    it('iom.trace.server is contributed with its default, and a change round-trips and is announced', async () => {
        const inspected = vscode.workspace.getConfiguration('iom').inspect<string>('trace.server');
        assert.equal(inspected?.defaultValue, 'off');

        const announced = new Promise<boolean>(resolve => {
            const listener = vscode.workspace.onDidChangeConfiguration(event => {
                if (event.affectsConfiguration('iom.trace.server')) { listener.dispose(); resolve(true); }
            });
        });
        await vscode.workspace.getConfiguration('iom').update('trace.server', 'verbose', vscode.ConfigurationTarget.Global);
        assert.equal(await announced, true);
        await waitFor('the new value', () => vscode.workspace.getConfiguration('iom').get('trace.server') === 'verbose');
        assert.equal(vscode.workspace.getConfiguration('iom').inspect<string>('trace.server')?.globalValue, 'verbose');

        await vscode.workspace.getConfiguration('iom').update('trace.server', undefined, vscode.ConfigurationTarget.Global);
        await waitFor('the default again', () => vscode.workspace.getConfiguration('iom').get('trace.server') === 'off');
    });

    it('the extension\'s [iom] editor defaults apply to .iom documents', async () => {
        // defaultLanguageValue is set only by a contributed configurationDefaults entry, so VS Code's own defaults
        // (tabSize 4, insertSpaces true) cannot make this pass.
        const editor = vscode.workspace.getConfiguration('editor', { languageId: 'iom' });
        assert.equal(editor.inspect('tabSize')?.defaultLanguageValue, 4);
        assert.equal(editor.inspect('insertSpaces')?.defaultLanguageValue, true);
        assert.equal(editor.inspect('semanticHighlighting.enabled')?.defaultLanguageValue, true);
        assert.equal(editor.get('semanticHighlighting.enabled'), true);
    });
});
