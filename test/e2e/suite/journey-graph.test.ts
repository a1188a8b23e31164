/// <reference types="mocha" />
// The journey graph in VS Code: opened from the journey's "Graph" code lens, a click on a node in the webview reveals
// the step in the editor, and the graph follows an edit. The webview's own handlers run (the test asks the view to
// dispatch a real click through `iom.journeyGraph.automate`); `iom.journeyGraph.state` reports what the view drew.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, journeyGraphStates, openFile, positionOf, replaceText, revertAll, waitFor } from './helpers';

const viewState = async () => (await journeyGraphStates())[0];

describe('journey graph', () => {
    before(activateExtension);
    afterEach(revertAll);

    it('opens from the code lens, reveals a clicked step, and follows an edit', async function () {
        this.timeout(180_000);
        const editor = await openFile('journey.iom');
        const lens = await waitFor('the Graph code lens', async () => {
            const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
            return lenses?.find(candidate => candidate.command?.command === 'iom.openJourneyGraph');
        });
        assert.equal(lens.command!.title, 'Graph');
        await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
        const drawn = await waitFor(
            'the graph drawn in the webview',
            async () => {
                const state = await viewState();
                return state && state.nodes > 0 ? state : undefined;
            },
            60_000
        );
        assert.equal(drawn.title, 'Graph: Order Intake');
        assert.deepEqual(drawn.labels, ['New Order', 'Validate']);
        assert.equal(drawn.edges, 1);

        // Click to source: the cursor is elsewhere; a click on the step in the graph puts it on the step.
        editor.selection = new vscode.Selection(0, 0, 0, 0);
        const step = positionOf(editor.document, 'step Validate');
        await vscode.commands.executeCommand('iom.journeyGraph.automate', { click: 'Validate' });
        await waitFor(
            'the step revealed in the editor',
            () => {
                const active = vscode.window.activeTextEditor;
                return active?.document.uri.toString() === editor.document.uri.toString() && active.selection.active.isEqual(step);
            },
            30_000
        );

        // Live update.
        await replaceText(editor, 'step Validate :', 'step "Validate header" :');
        const updated = await waitFor(
            'the graph updated after the edit',
            async () => {
                const state = await viewState();
                return state?.labels.includes('Validate header') ? state : undefined;
            },
            60_000
        );
        assert.deepEqual(updated.labels, ['New Order', 'Validate header']);
        assert.equal(updated.banner, null);
    });
});
