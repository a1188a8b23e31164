/// <reference types="mocha" />
// The simulator in the editor: the Test Explorer lists and runs the workspace's test blocks (vscode.tests API), a
// failed expectation is shown inline at the expectation, and the journey's "Simulate" lens opens the trace beside
// the source with each line linked to what it talks about (docs/simulation.md).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openFile, positionOf, replaceText, requestScreenshot, revertAll, waitFor, workspaceUri } from './helpers';

interface TestingApi {
    controller: vscode.TestController;
    refresh(): Promise<void>;
    lastRun: Map<string, { outcome: string; messages: vscode.TestMessage[] }>;
}

describe('tests and the simulator', () => {
    let testing: TestingApi;
    before(async () => {
        const extension = await activateExtension();
        testing = (extension.exports as { testing: TestingApi }).testing;
    });
    afterEach(revertAll);

    const testItems = () => {
        const items: vscode.TestItem[] = [];
        testing.controller.items.forEach(file => file.children.forEach(item => items.push(item)));
        return items;
    };
    const testsUri = () => workspaceUri('tests.iom').toString();

    it('the Test Explorer lists the test blocks with their place in the source', async () => {
        await vscode.commands.executeCommand('workbench.view.testing.focus');
        const items = await waitFor('the test items', () => (testItems().length === 2 ? testItems() : undefined));
        assert.deepEqual(items.map(item => item.label).sort(), ['New Order is raised', 'Unpublished journeys never run']);
        const unpublished = items.find(item => item.label === 'Unpublished journeys never run')!;
        assert.equal(unpublished.uri?.toString(), testsUri());
        assert.equal(unpublished.range?.start.line, 1);
        await requestScreenshot('test-explorer');
    });

    it('running all tests from the Test Explorer passes them', async () => {
        await waitFor('the test items', () => testItems().length === 2);
        testing.lastRun.clear();
        await vscode.commands.executeCommand('testing.runAll');
        const results = await waitFor('the run results', () => (testing.lastRun.size === 2 ? testing.lastRun : undefined), 60_000);
        assert.deepEqual(
            [...results.values()].map(result => result.outcome),
            ['passed', 'passed']
        );
    });

    it('a failed expectation is reported at the expectation, with expected and actual', async () => {
        const editor = await openFile('tests.iom');
        await replaceText(editor, 'expect not entered', 'expect entered');
        await waitFor('the test items', () => testItems().length === 2);
        const item = testItems().find(candidate => candidate.label === 'Unpublished journeys never run')!;
        testing.lastRun.clear();
        await vscode.commands.executeCommand('testing.runAll');
        const result = await waitFor('the failed result', () => testing.lastRun.get(item.id), 60_000);
        assert.equal(result.outcome, 'failed');
        const [message] = result.messages;
        assert.ok(message, 'the failed result carries a message');
        assert.equal(message.expectedOutput, 'journey "Order Intake" entered');
        assert.match(message.actualOutput ?? '', /^not entered: it is Unpublished/);
        assert.equal(message.location?.uri.toString(), testsUri());
        assert.equal(message.location?.range.start.line, positionOf(editor.document, 'expect entered').line);
    });

    it('the Simulate lens opens the trace beside the journey, each line linked to its source', async () => {
        const editor = await openFile('journey.iom');
        const lenses = await waitFor('the Simulate lens', async () => {
            const result = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
            return result?.find(lens => lens.command?.command === 'iom.simulate');
        });
        assert.deepEqual(lenses.command?.arguments, [editor.document.uri.toString(), 'Order Intake']);
        // The lens asks for a sample order with a quick pick; the test passes the file the pick would return.
        const shown = await vscode.commands.executeCommand<{ uri: string }>(
            'iom.simulate',
            ...lenses.command!.arguments!,
            workspaceUri('orders/us.order.json').toString()
        );
        const trace = await waitFor('the trace editor', () =>
            vscode.window.visibleTextEditors.find(candidate => candidate.document.uri.toString() === shown.uri)
        );
        assert.notEqual(trace.viewColumn, editor.viewColumn);
        const text = trace.document.getText();
        assert.match(text, /Journey "Order Intake": not entered: it is Unpublished/);
        const links = await waitFor('the trace links', async () => {
            const result = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', trace.document.uri);
            return result && result.length > 0 ? result : undefined;
        });
        const journeyLink = links.find(link => trace.document.getText(link.range).startsWith('Journey "Order Intake"'));
        assert.ok(journeyLink, 'a link on the journey line');
        assert.equal(journeyLink.target?.with({ fragment: '' }).toString(), workspaceUri('journey.iom').toString());
        assert.equal(journeyLink.target?.fragment, `L${positionOf(editor.document, 'journey "Order Intake"').line + 1},1`);
    });
});
