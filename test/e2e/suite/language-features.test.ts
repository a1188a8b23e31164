/// <reference types="mocha" />
// Completion, hover and go to definition, through VS Code's own commands (which call the language client).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, hoverText, openFile, positionOf, rangeOf, revertAll, waitFor, workspaceUri } from './helpers';

describe('language features', () => {
    before(activateExtension);
    after(revertAll);

    it('completion offers the step keywords and the policies of the workspace', async () => {
        const editor = await openFile('journey.iom');
        const document = editor.document;
        const keywords = await vscode.commands.executeCommand<vscode.CompletionList>(
            'vscode.executeCompletionItemProvider',
            document.uri,
            positionOf(document, 'filter policy')
        );
        const labels = keywords.items.map(item => (typeof item.label === 'string' ? item.label : item.label.label));
        for (const expected of ['action', 'input', 'output', 'filter', 'provider']) {
            assert.ok(labels.includes(expected), `'${expected}' in ${JSON.stringify(labels)}`);
        }

        const references = await vscode.commands.executeCommand<vscode.CompletionList>(
            'vscode.executeCompletionItemProvider',
            document.uri,
            positionOf(document, '"US Orders"')
        );
        const policy = references.items.find(item => item.label === 'US Orders');
        assert.ok(policy, 'the policy US Orders is offered');
        const inserted = typeof policy.insertText === 'string' ? policy.insertText : policy.insertText?.value;
        assert.equal(inserted, '"US Orders"', 'a name with a space is inserted quoted');
    });

    it('hover shows the documentation of a workspace declaration and of a catalog entry', async () => {
        const editor = await openFile('journey.iom');
        const document = editor.document;
        const onPolicy = await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider',
            document.uri,
            positionOf(document, '"US Orders"', 3)
        );
        assert.match(hoverText(onPolicy), /Only orders shipped to the United States\./);
        const onTile = await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider',
            document.uri,
            positionOf(document, '"Validate Order Header"', 3)
        );
        assert.match(hoverText(onTile), /Checks the order header/);
    });

    it('go to definition jumps to the declaration in another file', async () => {
        const editor = await openFile('journey.iom');
        const position = positionOf(editor.document, '"US Orders"', 3);
        editor.selection = new vscode.Selection(position, position);
        await vscode.commands.executeCommand('editor.action.revealDefinition');

        const policies = workspaceUri('policies.iom');
        const target = await waitFor('the editor of policies.iom', () => {
            const active = vscode.window.activeTextEditor;
            return active?.document.uri.toString() === policies.toString() ? active : undefined;
        });
        const declaration = rangeOf(target.document, '"US Orders"');
        assert.ok(target.selection.start.isEqual(declaration.start), `selection ${JSON.stringify(target.selection)}`);
    });
});
