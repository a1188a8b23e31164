/// <reference types="mocha" />
// The pictures of the marketplace readme (docs/extension.md), as tests in the real workbench: each test checks that the
// workbench shows what its picture claims (read from the page by the offline runner), then takes the picture
// (test-results/readme-*.png). `npm run screenshots` runs only these tests and copies the pictures to images/.
// The last test checks the readme the extension ships (the packaged docs/extension.md when run against the .vsix):
// its pictures are in the package, and VS Code's Markdown preview of it loads them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
    activateExtension,
    askWorkbench,
    misspellNewOrder,
    openFile,
    positionOf,
    replaceText,
    requestScreenshot,
    revertAll,
    scratchDir,
    waitFor,
    waitForWorkbenchTexts,
    workbenchTexts
} from './helpers';

/** A journey with a splitter, for the graph picture; it uses the test workspace's policy "US Orders". */
const SHOWCASE = `/** Orders shipped to the United States: validate them, decide where they are fulfilled, then hand them over. */
journey "US Fulfillment" {
    orchestration type "Order orchestration"

    step "Header validation" : "Validate Order Header" {
        input events "New Order"
        filter policies "US Orders"
    }

    step "Line validation" : "Validate Order Line" {
        input events "Validation of Order Header has Succeeded"
    }

    step "Fulfillment determination" : Custom {
        action type "Policy Based Fulfillment Determination"
        input events "Validation of Order Lines has Succeeded"
    }

    splitter "Fulfillment split" {
        branch West {
            step "Send to Seattle" : "Send to Fulfillment" {
                input events "Creation of Fulfillment Order has Succeeded"
                filter policies "West coast"
            }
        }
        branch East {
            step "Send to Boston" : "Send to Fulfillment" {
                input events "Creation of Fulfillment Order has Succeeded"
                filter policies "East coast"
            }
        }
    }
}

// Fulfillment determination starts when the order lines have been validated.
allow "Validation of Order Lines has Succeeded" as input of "Policy Based Fulfillment Determination"

/** Fulfillment orders for the west coast store. */
policy "West coast" {
    type filter
    criticality information
    entity "Fulfillment Order"
    rule "Seattle store" {
        "Fulfillment Source" = "Seattle store"
    }
}

/** Fulfillment orders for the east coast store. */
policy "East coast" {
    type filter
    criticality information
    entity "Fulfillment Order"
    rule "Boston store" {
        "Fulfillment Source" = "Boston store"
    }
}
`;

describe('readme screenshots', () => {
    let extension: vscode.Extension<unknown>;
    // The breadcrumbs would show the temporary copy's path in the pictures.
    const breadcrumbs = () => vscode.workspace.getConfiguration('breadcrumbs');
    before(async () => {
        extension = await activateExtension();
        await breadcrumbs().update('enabled', false, vscode.ConfigurationTarget.Global);
    });
    after(() => breadcrumbs().update('enabled', undefined, vscode.ConfigurationTarget.Global));
    afterEach(revertAll);

    it('diagnostics: the squiggle, the hover with the coded message, the Problems panel and the status bar', async () => {
        const { editor, diagnostic } = await misspellNewOrder();
        const message = diagnostic.message;
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        await vscode.window.showTextDocument(editor.document, { preview: false });
        const at = positionOf(editor.document, 'New Ordr', 2);
        editor.selection = new vscode.Selection(at, at);
        await vscode.commands.executeCommand('editor.action.showHover');
        await waitForWorkbenchTexts('the hover with the message and its code', '.monaco-hover', texts =>
            texts.some(text => text.includes(message) && text.includes('IOM1001'))
        );
        await waitForWorkbenchTexts('the Problems panel listing it', '.markers-panel .monaco-list-row', texts =>
            texts.some(text => text.includes(message))
        );
        await requestScreenshot('readme-diagnostics', {
            clip: ['.part.activitybar', '.part.sidebar', '.part.editor', '.part.panel', '.part.statusbar']
        });
    });

    it("completion: the events the step's action type allows", async () => {
        const editor = await openFile('journey.iom');
        const name = await replaceText(editor, '"New Order"', '""');
        const inside = name.start.translate(0, 1);
        editor.selection = new vscode.Selection(inside, inside);
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, inside);
        const labels = list.items.map(item => (typeof item.label === 'string' ? item.label : item.label.label));
        assert.ok(labels.includes('New Order'), `'New Order' in ${JSON.stringify(labels)}`);
        await vscode.commands.executeCommand('editor.action.triggerSuggest');
        await waitForWorkbenchTexts('the suggestion list with New Order', '.suggest-widget .monaco-list-row', texts =>
            texts.some(text => text.includes('New Order'))
        );
        await requestScreenshot('readme-completion', { clip: ['.part.editor'] });
        await vscode.commands.executeCommand('hideSuggestWidget');
    });

    it('the journey graph: steps, the splitter and its branches beside the source', async () => {
        const dir = scratchDir('readme');
        const file = vscode.Uri.file(path.join(dir, 'fulfillment.iom'));
        fs.writeFileSync(file.fsPath, SHOWCASE);
        try {
            const editor = await vscode.window.showTextDocument(file, { preview: false });
            await vscode.commands.executeCommand('iom.openJourneyGraph', editor.document.uri);
            const drawn = await waitFor('the drawn graph', async () => {
                const state = (await vscode.commands.executeCommand<Array<{ nodes: number; labels: string[] }>>('iom.journeyGraph.state'))?.[0];
                return state && ['Send to Seattle', 'Send to Boston', 'Fulfillment split'].every(label => state.labels.some(l => l.includes(label)))
                    ? state
                    : undefined;
            });
            assert.ok(drawn.nodes >= 6, `${drawn.nodes} nodes`);
            const errors = vscode.languages.getDiagnostics(file).filter(d => d.severity === vscode.DiagnosticSeverity.Error);
            assert.deepEqual(
                errors.map(d => d.message),
                [],
                'the pictured journey has no errors'
            );
            await requestScreenshot('readme-journey-graph', { clip: ['.part.editor'] });
        } finally {
            await vscode.commands.executeCommand('workbench.action.closeAllEditors');
            fs.rmSync(path.dirname(dir), { recursive: true, force: true });
        }
    });

    it('the readme the extension ships has the pictures, and rendered they load', async () => {
        // Installed from the .vsix, the readme is docs/extension.md (vsce --readme-path); from the source tree, README.md.
        const readmeName = fs.readdirSync(extension.extensionPath).find(name => /^readme\.md$/i.test(name));
        assert.ok(readmeName, 'the extension has a readme');
        const readme = fs.readFileSync(path.join(extension.extensionPath, readmeName), 'utf8');
        // The target of each picture link: the match itself, after the `![alt](` that the lookbehind requires.
        const pictures: string[] = readme.match(/(?<=!\[[^\]]*\]\()[^)\s]+(?=\))/g) ?? [];
        for (const picture of pictures) {
            const image = path.join(extension.extensionPath, picture);
            assert.ok(fs.existsSync(image), `${picture} is in the extension`);
            assert.equal(fs.readFileSync(image).subarray(1, 4).toString('latin1'), 'PNG', `${picture} is a PNG`);
        }
        const marketplace = readme.includes('The marketplace readme');
        if (marketplace) {
            assert.ok(
                ['diagnostics', 'completion', 'journey-graph'].every(name => pictures.includes(`images/screenshot-${name}.png`)),
                JSON.stringify(pictures)
            );
        }
        if (pictures.length === 0) return;
        // Rendered as VS Code renders Markdown (the extension page needs the gallery, which is offline here): the
        // relative picture links resolve inside the installed extension and the pictures load.
        await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(path.join(extension.extensionPath, readmeName)));
        if ((await workbenchTexts('.part.editor')) === undefined) return;
        const images = await waitFor('the readme pictures in the preview', async () => {
            const found = await askWorkbench<Array<{ src: string | null; loaded: boolean }>>({
                action: 'webviewElements',
                selector: 'img[src*="screenshot-"]'
            });
            return found && found.length === pictures.filter(p => p.includes('screenshot-')).length && found.every(image => image.loaded)
                ? found
                : undefined;
        });
        assert.ok(images.length > 0);
        if (marketplace) await requestScreenshot('packaged-readme');
    });
});
