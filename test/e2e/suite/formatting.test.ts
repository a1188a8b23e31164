/// <reference types="mocha" />
// Format Document, through VS Code's command and the language server's formatter.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openFile, revertAll } from './helpers';

describe('formatting', () => {
    before(activateExtension);
    after(revertAll);

    it('Format Document restores the canonical layout of a messed-up file', async () => {
        const editor = await openFile('policies.iom');
        const original = editor.document.getText();
        const messy = original.replace(/^ +/gm, '').replace('policy "US Orders" {', 'policy    "US Orders"{');
        assert.notEqual(messy, original);
        await editor.edit(edit => edit.replace(new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(original.length)), messy));
        editor.options = { tabSize: 4, insertSpaces: true };

        // The command resolves once the formatter's edits are applied.
        await vscode.commands.executeCommand('editor.action.formatDocument');
        assert.equal(editor.document.getText(), original);
    });
});
