/// <reference types="mocha" />
// The journey graph of the quick-start lab in VS Code (issue 16, done means). Named to run after every other e2e
// file: it copies the lab into the test workspace. The journey graph in VS Code: opened from the journey's "Graph" code lens, a click on a node in the webview reveals
// the step in the editor, and the graph follows an edit. The webview's own handlers run (the test asks the view to
// dispatch a real click through `iom.journeyGraph.automate`); `iom.journeyGraph.state` reports what the view drew.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { QUICKSTART_LAB_NODES } from '../quickstart-lab';
import { activateExtension, journeyGraphStates, positionOf, revertAll, scratchDir, waitFor } from './helpers';

declare const __dirname: string;
/** The repository's examples (this file is bundled into out/test/e2e/). */
const examples = path.resolve(__dirname, '..', '..', '..', 'examples');

describe('journey graph of the quick-start lab', () => {
    before(activateExtension);
    afterEach(revertAll);

    it('the quick-start lab: the Seattle/Chicago split as IOM\'s designer shows it, a click on "Send to Chicago" lands on its step; the cursor, a simulation and the event flow show on the graph', async function () {
        this.timeout(240_000);
        // A copy of examples/quickstart-lab inside the (temporary) test workspace, in its scratch folder. The test
        // workspace already declares the Dataverse connection, so the copy leaves out its own (otherwise a duplicate
        // name); nothing else changes. The language server sees the files through its file watcher.
        const dir = scratchDir('quickstart-lab');
        const lab = path.join(examples, 'quickstart-lab');
        fs.cpSync(lab, dir, { recursive: true });
        const connections = path.join(dir, 'connections.iom');
        const withoutDataverse = fs.readFileSync(connections, 'utf8').replace(/^connection Dataverse \{[\s\S]*?^\}\n/m, '');
        assert.doesNotMatch(withoutDataverse, /^connection Dataverse \{/m);
        fs.writeFileSync(connections, withoutDataverse);
        const journeys = vscode.Uri.file(path.join(dir, 'journeys.iom'));
        try {
            const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(journeys), { preview: false });
            // The whole lab is loaded and linked: no problems in its journey file.
            await waitFor(
                'the lab journey checked without problems',
                async () => {
                    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', journeys);
                    return (
                        lenses?.some(candidate => candidate.command?.command === 'iom.openJourneyGraph') &&
                        vscode.languages.getDiagnostics(journeys).filter(d => d.severity === vscode.DiagnosticSeverity.Error).length === 0
                    );
                },
                60_000
            );
            const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', journeys);
            const lens = lenses!.find(candidate => candidate.command?.command === 'iom.openJourneyGraph')!;
            assert.equal(lens.command!.title, 'Graph');
            await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
            const drawn = await waitFor(
                'the lab graph drawn in the webview',
                async () => {
                    const state = (await journeyGraphStates()).find(s => s.title === 'Graph: IOM Lab order journey');
                    return state && state.nodes > 0 ? state : undefined;
                },
                60_000
            );

            // The designer's picture: the entry event, the three steps in a row, the Splitter, its two branches.
            assert.deepEqual(drawn.labels, QUICKSTART_LAB_NODES);
            assert.deepEqual(drawn.kinds, ['entry', 'step', 'step', 'step', 'splitter', 'step', 'step']);
            assert.deepEqual(drawn.links, [
                { from: 'New Order', to: 'Order header validation', label: null },
                { from: 'Order header validation', to: 'Order line validation', label: null },
                { from: 'Order line validation', to: 'Simple fulfillment determination', label: null },
                { from: 'Simple fulfillment determination', to: 'Fulfillment split', label: null },
                { from: 'Fulfillment split', to: 'Send to Seattle', label: 'Seattle' },
                { from: 'Fulfillment split', to: 'Send to Chicago', label: 'Chicago' }
            ]);
            assert.equal(drawn.banner, null);
            // (The clean-up below waits until the workspace symbols no longer list the copy's journey.)
            const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>(
                'vscode.executeWorkspaceSymbolProvider',
                'IOM Lab order journey'
            );
            assert.ok(
                symbols?.some(symbol => symbol.location.uri.fsPath.startsWith(dir)),
                "the copy's journey is a workspace symbol"
            );

            // A click on "Send to Chicago" in the graph lands on its step in the editor.
            editor.selection = new vscode.Selection(0, 0, 0, 0);
            const chicago = positionOf(editor.document, 'step "Send to Chicago"');
            assert.equal(chicago.line + 1, 37);
            await vscode.commands.executeCommand('iom.journeyGraph.automate', { click: 'Send to Chicago' });
            await waitFor(
                '"Send to Chicago" revealed in the editor',
                () => {
                    const active = vscode.window.activeTextEditor;
                    return active?.document.uri.toString() === journeys.toString() && active.selection.active.isEqual(chicago);
                },
                30_000
            );

            const labState = async () => (await journeyGraphStates()).find(s => s.title === 'Graph: IOM Lab order journey');
            // Moving the cursor in the text highlights the node under it.
            const seattle = positionOf(editor.document, 'step "Send to Seattle"', 10);
            vscode.window.activeTextEditor!.selection = new vscode.Selection(seattle, seattle);
            await waitFor(
                '"Send to Seattle" highlighted under the cursor',
                async () => (await labState())?.cursorLabel === 'Send to Seattle',
                30_000
            );

            // After a simulation of the Chicago order, the graph shows the path it took.
            const simulate = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', journeys))!.find(
                candidate => candidate.command?.command === 'iom.simulate'
            )!;
            await vscode.commands.executeCommand(
                'iom.simulate',
                ...simulate.command!.arguments!,
                vscode.Uri.file(path.join(dir, 'orders', 'chicago.order.json')).toString()
            );
            const traced = await waitFor(
                'the simulation overlay on the graph',
                async () => {
                    const state = await labState();
                    return state && state.visited.length ? state : undefined;
                },
                60_000
            );
            assert.deepEqual(traced.visited, [
                'New Order',
                'Order header validation',
                'Order line validation',
                'Simple fulfillment determination',
                'Fulfillment split',
                'Send to Chicago'
            ]);
            assert.deepEqual(traced.skipped, ['Send to Seattle']);

            // The event flow view of the workspace: the lab's business events and the steps they start.
            await vscode.commands.executeCommand('iom.openEventFlow', journeys);
            const flow = await waitFor(
                'the event flow view',
                async () => {
                    const state = (await journeyGraphStates()).find(s => /Event Flow/i.test(s.title) && s.nodes > 0);
                    return state;
                },
                60_000
            );
            assert.ok(
                flow.links.some(link => link.from === 'Creation of Fulfillment Order has Succeeded' && link.to === 'Send to Chicago'),
                JSON.stringify(flow.links)
            );
        } finally {
            await vscode.commands.executeCommand('workbench.action.closeAllEditors');
            // This file runs last (mocha loads the suite's files by name), so the copy cannot disturb another test;
            // the launcher removes the whole temporary workspace afterwards. (Files deleted on disk are not always
            // forgotten by the language server on the VS Code server build: see the report of issue 16.)
            fs.rmSync(path.dirname(dir), { recursive: true, force: true });
        }
    });
});
