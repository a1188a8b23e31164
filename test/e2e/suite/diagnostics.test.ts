/// <reference types="mocha" />
// Live checking in the editor: a broken file shows diagnostics, which disappear after the fix; edits re-check the
// files that depend on the edited one, opened or not.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
    activateExtension, openFile, rangeOf, replaceText, requestScreenshot, revertAll, waitForDiagnostics, workspaceUri
} from './helpers';

describe('diagnostics', () => {
    before(activateExtension);
    afterEach(revertAll);

    it('an unresolved reference shows IOM1001 on the name and disappears after the fix', async () => {
        const editor = await openFile('journey.iom');
        const uri = editor.document.uri;
        await waitForDiagnostics(uri, d => d.length === 0, 'no diagnostics at first');

        const range = await replaceText(editor, '"US Orders"', '"UK Orders"');
        const [diagnostic, ...others] = await waitForDiagnostics(uri, d => d.length > 0, 'IOM1001');
        assert.deepEqual(others, []);
        assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code, 'IOM1001');
        assert.ok(diagnostic.range.isEqual(range), `range ${JSON.stringify(diagnostic.range)}`);
        assert.match(diagnostic.message, /UK Orders/);

        // Show the squiggle and the Problems panel, and let the offline runner take a picture of the workbench.
        editor.selection = new vscode.Selection(range.start, range.start);
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        await requestScreenshot('workbench-diagnostic');

        await replaceText(editor, '"UK Orders"', '"US Orders"');
        await waitForDiagnostics(uri, d => d.length === 0, 'diagnostics cleared after the fix');
    });

    it('a syntax error shows IOM0002 at the offending token and disappears after the fix', async () => {
        const editor = await openFile('policies.iom');
        const uri = editor.document.uri;
        const range = await replaceText(editor, 'type filter', 'type filtre');
        const diagnostics = await waitForDiagnostics(uri, d => d.length > 0, 'IOM0002');
        const syntax = diagnostics.find(d => (typeof d.code === 'object' ? d.code.value : d.code) === 'IOM0002');
        assert.ok(syntax, JSON.stringify(diagnostics));
        assert.ok(syntax.range.isEqual(rangeOf(editor.document, 'filtre')), `range ${JSON.stringify(syntax.range)} of ${JSON.stringify(range)}`);

        await replaceText(editor, 'type filtre', 'type filter');
        await waitForDiagnostics(uri, d => d.length === 0, 'diagnostics cleared after the fix');
    });

    it('renaming a declaration reports the broken reference in another file that is not open', async () => {
        const journey = workspaceUri('journey.iom');
        const tabs = vscode.window.tabGroups.all.flatMap(group => group.tabs);
        assert.ok(!tabs.some(tab => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === journey.toString()),
            'journey.iom is not open in an editor');
        const editor = await openFile('policies.iom');
        await replaceText(editor, '"US Orders"', '"Domestic Orders"');
        const [diagnostic] = await waitForDiagnostics(journey, d => d.length > 0, 'IOM1001 in the closed file');
        assert.match(diagnostic.message, /US Orders/);

        await replaceText(editor, '"Domestic Orders"', '"US Orders"');
        await waitForDiagnostics(journey, d => d.length === 0, 'diagnostics cleared after the fix');
    });
});
