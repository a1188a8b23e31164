/// <reference types="mocha" />
// IOM: Preview Deployment: the what-if plan against a previous build, shown as Markdown beside the editor.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, openFile, replaceText, revertAll, waitFor, workspaceFolder } from './helpers';

describe('deployment preview', () => {
    before(activateExtension);
    afterEach(revertAll);
    after(() => fs.rmSync(path.join(workspaceFolder().uri.fsPath, 'out'), { recursive: true, force: true }));

    const planEditor = () => vscode.window.visibleTextEditors.find(editor => editor.document.uri.scheme === 'iom-plan');

    it('Preview Deployment shows the plan against the previous build beside the editor, with the changed property', async () => {
        const summary = await vscode.commands.executeCommand<{ ok: boolean }>('iom.compileWorkspace');
        assert.equal(summary.ok, true);
        const out = vscode.Uri.joinPath(workspaceFolder().uri, 'out');
        const same = await vscode.commands.executeCommand<{ ok: boolean; markdown: string }>('iom.previewDeployment', out);
        assert.equal(same.ok, true);
        assert.match(same.markdown, /0 to create, 0 to modify, 0 to delete/);
        const view = await waitFor('the plan beside the editor', planEditor);
        assert.equal(view.document.languageId, 'markdown');
        assert.match(view.document.getText(), /## IOM deployment plan/);

        const editor = await openFile('journey.iom');
        await replaceText(editor, 'orchestration type "Order orchestration"', 'orchestration type "Order orchestration"\n    description "Previewed"');
        const changed = await waitFor('a plan with the change', async () => {
            const result = await vscode.commands.executeCommand<{ ok: boolean; markdown: string }>('iom.previewDeployment', out);
            return result.markdown.includes('1 to modify') ? result : undefined;
        });
        assert.match(changed.markdown, /~ description: null -> Previewed/);
        await waitFor('the refreshed plan view', () => planEditor()?.document.getText().includes('1 to modify'));
    });
});
