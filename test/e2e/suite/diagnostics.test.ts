/// <reference types="mocha" />
// Live checking in the editor: a broken file shows diagnostics, which disappear after the fix; edits re-check the
// files that depend on the edited one, opened or not. Assertions compare with each file's diagnostics before the edit
// (test/e2e/workspace has no errors; `iom validate` confirms it), so new hints elsewhere in the language do not break them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
    activateExtension,
    codeOf,
    hasCode,
    openFile,
    rangeOf,
    replaceText,
    requestScreenshot,
    revertAll,
    sameDiagnostics,
    waitForCode,
    waitForDiagnostics,
    workspaceUri
} from './helpers';

describe('diagnostics', () => {
    before(activateExtension);
    afterEach(revertAll);

    it('an unresolved reference shows IOM1001 on the name and disappears after the fix', async () => {
        const editor = await openFile('journey.iom');
        const uri = editor.document.uri;
        const baseline = vscode.languages.getDiagnostics(uri);

        const range = await replaceText(editor, '"US Orders"', '"UK Orders"');
        const [diagnostic, ...others] = await waitForCode(uri, 'IOM1001');
        assert.deepEqual(others, []);
        assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
        assert.ok(diagnostic.range.isEqual(range), `range ${JSON.stringify(diagnostic.range)}`);
        assert.match(diagnostic.message, /UK Orders/);

        // Show the squiggle and the Problems panel, and let the offline runner take a picture of the workbench.
        editor.selection = new vscode.Selection(range.start, range.start);
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        await requestScreenshot('workbench-diagnostic');

        await replaceText(editor, '"UK Orders"', '"US Orders"');
        await waitForDiagnostics(uri, d => sameDiagnostics(d, baseline), 'the diagnostics from before the edit');
    });

    it('a syntax error shows IOM0002 at the offending token and disappears after the fix', async () => {
        const editor = await openFile('policies.iom');
        const uri = editor.document.uri;
        const baseline = vscode.languages.getDiagnostics(uri);
        await replaceText(editor, 'type filter', 'type filtre');
        const diagnostics = await waitForDiagnostics(uri, hasCode('IOM0002'), 'IOM0002');
        const syntax = diagnostics.find(d => codeOf(d) === 'IOM0002')!;
        assert.ok(syntax.range.isEqual(rangeOf(editor.document, 'filtre')), `range ${JSON.stringify(syntax.range)}`);

        await replaceText(editor, 'type filtre', 'type filter');
        await waitForDiagnostics(uri, d => sameDiagnostics(d, baseline), 'the diagnostics from before the edit');
    });

    it('renaming a declaration reports the broken reference in another file that is not open', async () => {
        const journey = workspaceUri('journey.iom');
        const tabs = vscode.window.tabGroups.all.flatMap(group => group.tabs);
        assert.ok(
            !tabs.some(tab => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === journey.toString()),
            'journey.iom is not open in an editor'
        );
        const baseline = vscode.languages.getDiagnostics(journey);
        const editor = await openFile('policies.iom');
        await replaceText(editor, '"US Orders"', '"Domestic Orders"');
        const [diagnostic] = await waitForCode(journey, 'IOM1001', 'IOM1001 in the closed file');
        assert.match(diagnostic.message, /US Orders/);

        await replaceText(editor, '"Domestic Orders"', '"US Orders"');
        await waitForDiagnostics(journey, d => sameDiagnostics(d, baseline), 'the diagnostics from before the edit');
    });
});
