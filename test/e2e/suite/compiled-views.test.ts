/// <reference types="mocha" />
// The compiler in the editor: IOM: Show Compiled Definition and the journey code lenses. (The `iom` task type's
// problem matcher is tested against the CLI's real output in test/cli: VS Code's web workbench offers no task system
// to an extension in this setup, so fetchTasks returns nothing here.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { compilingSuite, openFile, positionOf, replaceText, visibleEditorOf, waitFor } from './helpers';

describe('compiled views', () => {
    compilingSuite();

    const compiledEditor = () => visibleEditorOf('iom-compiled');

    it("Show Compiled Definition opens the journey's JSON beside the source and refreshes it on change", async () => {
        const editor = await openFile('journey.iom');
        editor.selection = new vscode.Selection(
            positionOf(editor.document, 'Validate Order Header'),
            positionOf(editor.document, 'Validate Order Header')
        );
        await vscode.commands.executeCommand('iom.showCompiledDefinition');
        const view = await waitFor('the compiled definition editor', compiledEditor);
        assert.equal(view.document.languageId, 'json');
        const journey = JSON.parse(view.document.getText());
        assert.equal(journey.kind, 'journey');
        assert.equal(journey.name, 'Order Intake');
        assert.equal(journey.source.file, 'journey.iom');

        await replaceText(
            editor,
            'orchestration type "Order orchestration"',
            'orchestration type "Order orchestration"\n    description "Refreshed"'
        );
        await waitFor('the refreshed definition', () => JSON.parse(compiledEditor()?.document.getText() ?? '{}').description === 'Refreshed');
    });

    it('each journey has code lenses to compile and to show the compiled definition', async () => {
        const editor = await openFile('journey.iom');
        const lenses = await waitFor('code lenses', async () => {
            const result = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
            return result && result.length >= 2 ? result : undefined;
        });
        assert.deepEqual(lenses.map(lens => lens.command?.command).sort(), [
            'iom.compileWorkspace',
            'iom.openJourneyGraph',
            'iom.showCompiledDefinition',
            'iom.simulate'
        ]);
        assert.ok(lenses.every(lens => lens.range.start.line === positionOf(editor.document, 'journey "Order Intake"').line));
    });
});
