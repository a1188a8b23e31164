/// <reference types="mocha" />
// A quick fix applies and clears its diagnostic; IOM: Compile Workspace writes the artifacts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, compilingSuite, hasCode, openFile, outFolder, sameDiagnostics, waitForDiagnostics, workspaceFolder } from './helpers';

interface CompileSummary {
    ok: boolean;
    outDir?: string;
    files: string[];
    errors: Array<{ code?: string }>;
}

describe('quick fix and compile', () => {
    compilingSuite();

    it('the quick fix for a missing criticality adds it, and the diagnostic goes away', async () => {
        const editor = await openFile('policies.iom');
        const uri = editor.document.uri;
        const baseline = vscode.languages.getDiagnostics(uri);
        const line = editor.document
            .getText()
            .split('\n')
            .findIndex(text => text.trim() === 'criticality information');
        assert.ok(line >= 0);
        await editor.edit(edit => edit.delete(editor.document.lineAt(line).rangeIncludingLineBreak));

        const diagnostics = await waitForDiagnostics(uri, hasCode('IOM5002'), 'IOM5002');
        const missing = diagnostics.find(d => codeOf(d) === 'IOM5002')!;
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
            'vscode.executeCodeActionProvider',
            uri,
            missing.range,
            vscode.CodeActionKind.QuickFix.value
        );
        const fix = actions.find(action => /criticality/.test(action.title));
        assert.ok(fix, `a quick fix for IOM5002 among ${JSON.stringify(actions.map(a => a.title))}`);
        assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
        assert.ok(fix.edit, `the quick fix carries its edit: ${JSON.stringify(fix)}`);
        assert.equal(await vscode.workspace.applyEdit(fix.edit), true);

        await waitForDiagnostics(uri, d => sameDiagnostics(d, baseline), 'the diagnostics from before the edit');
        assert.match(editor.document.getText(), /criticality information/);
    });

    it('IOM: Compile Workspace writes the artifacts and the manifest', async () => {
        fs.rmSync(outFolder(), { recursive: true, force: true });
        const summary = await vscode.commands.executeCommand<CompileSummary>('iom.compileWorkspace', workspaceFolder().uri);
        assert.deepEqual(summary.errors, []);
        assert.equal(summary.ok, true);
        assert.equal(summary.outDir && fs.realpathSync(summary.outDir), fs.realpathSync(outFolder()));
        assert.ok(summary.files.includes('manifest.json'), JSON.stringify(summary.files));
        assert.ok(summary.files.length > 1, 'artifacts besides the manifest');
        for (const file of summary.files) assert.ok(fs.existsSync(path.join(outFolder(), file)), file);
        const manifest = JSON.parse(fs.readFileSync(path.join(outFolder(), 'manifest.json'), 'utf8'));
        assert.equal(typeof manifest, 'object');
    });
});
