/// <reference types="mocha" />
// IOM: Preview Deployment: the what-if plan against a previous build, shown as Markdown beside the editor.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { compilingSuite, visibleEditorOf, waitFor, workspaceFolder } from './helpers';

describe('deployment preview', () => {
    compilingSuite();

    const planEditor = () => visibleEditorOf('iom-plan');

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

        // Change the baseline (not the sources): the previous build had another description.
        const artifact = path.join(out.fsPath, 'journeys', 'order-intake.json');
        const record = JSON.parse(fs.readFileSync(artifact, 'utf8'));
        fs.writeFileSync(artifact, JSON.stringify({ ...record, description: 'Before' }, null, 2) + '\n');
        const changed = await vscode.commands.executeCommand<{ ok: boolean; markdown: string }>('iom.previewDeployment', out);
        assert.match(changed.markdown, /0 to create, 1 to modify, 0 to delete/);
        assert.match(changed.markdown, /~ description: Before -> null/);
        await waitFor('the refreshed plan view', () => planEditor()?.document.getText().includes('1 to modify'));
    });
});
