/**
 * The journey graph webview in headless Chromium (playwright-core from test/e2e/node_modules): the real bundle
 * (out/webview/graph-view.js) in the real page (client/webview/graph-html.ts, with its content security policy),
 * fed graphs the real language pipeline builds, with a fake `acquireVsCodeApi` message channel in place of VS Code.
 * Bundled and run by test/e2e/run-webview-tests.cjs. Saves screenshots to test-results/.
 */
import '../../../language/groupby-polyfill.mjs';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { e2eFolderOf, launchChromium } from '../chromium.cjs';
import { QUICKSTART_LAB_NODES } from '../quickstart-lab';
import { compileWorkspace } from '../../../language/compiler/index.js';
import { documentSources, type GraphOverlay, graphsFor, journeysOf, layoutGraph, type LaidOutGraph } from '../../../language/graph/index.js';
import { loadWorkspace } from '../../../host/load-workspace.js';
import { graphHtml } from '../../../client/webview/graph-html.js';

declare const ROOT: string;
const root = ROOT;
const results = path.join(root, 'test-results');

async function labGraph(
    rewrite: (text: string) => string = t => t,
    overlay?: (ids: (name: string) => string) => GraphOverlay
): Promise<{ graph: LaidOutGraph; journeys: string[] }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-webview-'));
    try {
        const example = path.join(root, 'examples', 'quickstart-lab');
        for (const file of fs.readdirSync(example).filter(f => f.endsWith('.iom'))) {
            fs.writeFileSync(path.join(dir, file), rewrite(fs.readFileSync(path.join(example, file), 'utf8')));
        }
        const workspace = await loadWorkspace(dir);
        const journeys = journeysOf(compileWorkspace(workspace, { allowErrors: true }));
        const ids = (name: string) => {
            const node = journeys[0]?.nodes.find(candidate => candidate.name === name);
            assert.ok(node, `the first journey has a node "${name}"`);
            return node.id;
        };
        const [model] = graphsFor(journeys, {
            sources: documentSources(workspace.root, workspace.documents),
            overlays: overlay ? [overlay(ids)] : undefined
        });
        assert.ok(model, 'the lab has a journey to draw');
        return { graph: await layoutGraph(model), journeys: journeys.map(j => j.name) };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

type Posted = { type: string; [key: string]: unknown };

describe('journey graph webview', () => {
    let browser: Browser;
    let page: Page;
    let lab: { graph: LaidOutGraph; journeys: string[] };

    const posted = () => page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted);
    const clearPosted = () =>
        page.evaluate(() => {
            (window as unknown as { __posted: Posted[] }).__posted.length = 0;
        });
    /** Waits for a message of a type posted by the view (after clearPosted). */
    const waitForPosted = async (type: string) => {
        await page.waitForFunction(t => (window as unknown as { __posted: Posted[] }).__posted.some(m => m.type === t), type, { timeout: 30_000 });
        return (await posted()).filter(m => m.type === type).at(-1)!;
    };
    const send = async (message: unknown) => {
        await clearPosted();
        await page.evaluate(m => window.postMessage(m, '*'), message);
    };
    const showGraph = async (graph: LaidOutGraph, extra: Record<string, unknown> = {}) => {
        await send({ type: 'graph', graph, journeys: lab.journeys, syntaxErrors: 0, ...extra });
        return waitForPosted('rendered');
    };

    before(async () => {
        lab = await labGraph();
        const script = path.join(root, 'out', 'webview', 'graph-view.js');
        assert.ok(fs.existsSync(script), 'run node esbuild.mjs first');
        fs.mkdirSync(results, { recursive: true });
        const page_ = path.join(results, 'graph-webview.html');
        fs.writeFileSync(
            page_,
            graphHtml({ scriptUri: pathToFileURL(script).toString(), cspSource: 'file:', nonce: 'dGVzdG5vbmNl', title: 'Journey Graph' })
        );
        browser = await launchChromium(e2eFolderOf(root));
        page = await browser.newPage({ viewport: { width: 1000, height: 820 } });
        page.setDefaultTimeout(60_000);
        const violations: string[] = [];
        page.on('console', message => {
            if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
        });
        (page as unknown as { violations: string[] }).violations = violations;
        // The fake VS Code: acquireVsCodeApi records what the view posts.
        await page.addInitScript(() => {
            const w = window as unknown as { __posted: unknown[]; __state: unknown; acquireVsCodeApi: () => unknown };
            w.__posted = [];
            w.acquireVsCodeApi = () => ({
                postMessage: (m: unknown) => w.__posted.push(m),
                getState: () => w.__state,
                setState: (s: unknown) => {
                    w.__state = s;
                }
            });
        });
        const requests: string[] = [];
        page.on('request', request => requests.push(request.url()));
        await page.goto(pathToFileURL(page_).toString());
        await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some(m => m.type === 'ready'));
        // Nothing but the page and its script is loaded.
        assert.deepEqual(
            requests.filter(url => !url.endsWith('graph-webview.html') && !url.endsWith('graph-view.js')),
            []
        );
    });

    after(async () => {
        await browser?.close();
    });

    it('draws the quick-start lab: nodes, edges, labels, the Seattle/Chicago split', async () => {
        const rendered = await showGraph(lab.graph);
        assert.equal(rendered.nodes, 7);
        assert.equal(rendered.edges, 6);
        assert.deepEqual(rendered.kinds, ['entry', 'step', 'step', 'step', 'splitter', 'step', 'step']);
        assert.deepEqual((rendered.links as Array<{ label: string | null }>).slice(4), [
            { from: 'Fulfillment split', to: 'Send to Seattle', label: 'Seattle' },
            { from: 'Fulfillment split', to: 'Send to Chicago', label: 'Chicago' }
        ]);
        assert.deepEqual(await page.locator('.node .name').allTextContents(), QUICKSTART_LAB_NODES);
        assert.deepEqual(await page.locator('.edge .label text').allTextContents(), ['Seattle', 'Chicago']);
        assert.equal(await page.locator('.node.kind-splitter .sub').textContent(), 'Splitter');
        assert.equal(await page.locator('.node[aria-label^="Step Send to Chicago"] .badge').count(), 2);
        // Icons are inline SVG.
        assert.equal((await page.locator('.node .icon path').count()) > 7, true);
        assert.deepEqual((page as unknown as { violations: string[] }).violations, []);
        await page.screenshot({ path: path.join(results, 'graph-webview.png') });
    });

    it('a click on "Send to Chicago" posts its source range; a click on a branch label posts the branch', async () => {
        await clearPosted();
        await page.locator('.node[aria-label^="Step Send to Chicago"]').click();
        const reveal = await waitForPosted('reveal');
        assert.deepEqual(reveal.source, { file: 'journeys.iom', line: 37, column: 13, endLine: 42, endColumn: 14 });
        await clearPosted();
        await page.locator('.edge .label', { hasText: 'Seattle' }).click();
        const branch = await waitForPosted('reveal');
        assert.deepEqual((branch.source as { line: number }).line, 29 - 1);
    });

    it('hovering a node shows its input and output events', async () => {
        await page.locator('.node[aria-label^="Step Send to Seattle"] .box').hover();
        const text = await page.locator('#tooltip').innerText();
        assert.match(text, /Input events: Creation of Fulfillment Order has Succeeded/);
        assert.match(text, /Output events: none/);
        assert.match(text, /Provider action: IOM Lab Send to Fulfillment \(Outlook\)/);
    });

    it('the cursor in the text highlights its node', async () => {
        await send({ type: 'cursor', file: 'journeys.iom', line: 39, column: 20 });
        const rendered = await waitForPosted('rendered');
        assert.equal(rendered.cursor, lab.graph.nodes.find(n => n.label === 'Send to Chicago')!.id);
        assert.equal(
            await page
                .locator('.node.cursor')
                .getAttribute('aria-label')
                .then(a => a?.startsWith('Step Send to Chicago')),
            true
        );
    });

    it('keyboard: arrows move between nodes, Enter reveals', async () => {
        await page.locator('.node[aria-label^="Step Order header validation"]').focus();
        await page.keyboard.press('ArrowDown');
        assert.match(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''), /^Step Order line validation/);
        await clearPosted();
        await page.keyboard.press('Enter');
        const reveal = await waitForPosted('reveal');
        assert.equal((reveal.source as { line: number }).line, 15);
    });

    it('diagnostics render as markers with the message on hover', async () => {
        const broken = await labGraph(text =>
            text.replace('filter policies "Fulfillment filter policy - Chicago"', 'filter policies "No such policy"')
        );
        await showGraph(broken.graph);
        assert.equal(await page.locator('.node.diag-error').count(), 1);
        await page.locator('.node.diag-error .marker').hover();
        assert.match(await page.locator('#tooltip').innerText(), /error IOM1001: Cannot find policy 'No such policy'/);
        assert.match(await page.locator('#info').innerText(), /1 problem/);
    });

    it('keeps the last good graph with a banner while the source has syntax errors', async () => {
        await showGraph(lab.graph);
        await send({ type: 'graph', graph: null, journeys: lab.journeys, syntaxErrors: 2, syntaxError: 'journeys.iom:12:5 Expecting "}"' });
        const rendered = await waitForPosted('rendered');
        assert.equal(rendered.nodes, 7);
        assert.match(String(rendered.banner), /syntax errors; showing the last good graph\. journeys\.iom:12:5/);
        assert.equal(await page.locator('#banner').isVisible(), true);
        const fixed = await showGraph(lab.graph);
        assert.equal(fixed.banner, null);
    });

    it('a simulation overlay highlights the visited path and dims the skipped steps', async () => {
        const traced = await labGraph(undefined, ids => ({
            journey: 'IOM Lab order journey',
            visited: [
                'Order header validation',
                'Order line validation',
                'Simple fulfillment determination',
                'Fulfillment split',
                'Send to Seattle'
            ].map(ids),
            skipped: [ids('Send to Chicago')]
        }));
        await showGraph(traced.graph);
        assert.equal(await page.locator('.node.state-visited').count(), 6);
        assert.equal(await page.locator('.node.state-skipped').count(), 1);
        assert.equal(await page.locator('.edge.state-visited').count(), 5);
        const opacity = await page.locator('.node.state-skipped').evaluate(e => getComputedStyle(e).opacity);
        assert.equal(opacity, '0.35');
        await page.screenshot({ path: path.join(results, 'graph-webview-overlay.png') });
    });

    it("follows the theme: light, dark and high contrast colours come from VS Code's variables", async () => {
        await showGraph(lab.graph);
        const box = page.locator('.node[aria-label^="Step Send to Chicago"] .box');
        const light = await box.evaluate(e => getComputedStyle(e).fill);
        await page.evaluate(() => {
            document.body.className = 'vscode-dark';
            document.documentElement.style.setProperty('--vscode-editorWidget-background', '#252526');
            document.documentElement.style.setProperty('--vscode-editor-background', '#1e1e1e');
            document.documentElement.style.setProperty('--vscode-editor-foreground', '#d4d4d4');
        });
        const dark = await box.evaluate(e => getComputedStyle(e).fill);
        assert.notEqual(dark, light);
        assert.equal(dark, 'rgb(37, 37, 38)');
        assert.equal(
            await page
                .locator('.node .name')
                .first()
                .evaluate(e => getComputedStyle(e).fill),
            'rgb(212, 212, 212)'
        );
        await page.screenshot({ path: path.join(results, 'graph-webview-dark.png') });
        await page.evaluate(() => {
            document.body.className = 'vscode-high-contrast';
            document.documentElement.style.setProperty('--vscode-contrastBorder', '#6fc3df');
        });
        const plain = page.locator('.node[aria-label^="Step Simple fulfillment determination"] .box');
        assert.equal(await plain.evaluate(e => getComputedStyle(e).stroke), 'rgb(111, 195, 223)');
        await page.evaluate(() => {
            document.body.className = '';
            document.documentElement.removeAttribute('style');
        });
    });

    it('zoom and fit change the viewport; an update of the same journey keeps it', async () => {
        await showGraph(lab.graph);
        const viewport = page.locator('.viewport');
        const fitted = await viewport.getAttribute('transform');
        await page.locator('#zoom-in').click();
        const zoomed = await viewport.getAttribute('transform');
        assert.notEqual(zoomed, fitted);
        await showGraph(lab.graph);
        assert.equal(await viewport.getAttribute('transform'), zoomed);
        await page.locator('#fit').click();
        assert.equal(await viewport.getAttribute('transform'), fitted);
    });

    it('pan by dragging the background, zoom with the wheel and the keys, 0 fits, Escape clears the selection', async () => {
        await showGraph(lab.graph);
        await page.locator('#fit').click();
        const viewport = page.locator('.viewport');
        const parse = async () => {
            const transform = (await viewport.getAttribute('transform')) ?? '';
            const match = /translate\(([-\d.e]+) ([-\d.e]+)\) scale\(([-\d.e]+)\)/.exec(transform);
            assert.ok(match?.[1] && match[2] && match[3], `the viewport is translated and scaled: "${transform}"`);
            return { x: Number(match[1]), y: Number(match[2]), k: Number(match[3]) };
        };
        const fitted = await parse();
        // Drag on an empty part of the canvas (the top-left corner, left of the centred graph).
        const canvas = (await page.locator('#canvas').boundingBox())!;
        await page.mouse.move(canvas.x + 12, canvas.y + canvas.height - 12);
        await page.mouse.down();
        await page.mouse.move(canvas.x + 92, canvas.y + canvas.height - 52, { steps: 4 });
        await page.mouse.up();
        const panned = await parse();
        assert.deepEqual({ dx: Math.round(panned.x - fitted.x), dy: Math.round(panned.y - fitted.y), k: panned.k }, { dx: 80, dy: -40, k: fitted.k });
        // Wheel up zooms in around the pointer.
        await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
        await page.mouse.wheel(0, -100);
        await page.waitForFunction(
            // Until the scale differs (a transform without one ends the wait too: parse() below then names it).
            k => /scale\(([-\d.e]+)\)/.exec(document.querySelector('.viewport')?.getAttribute('transform') ?? '')?.[1] !== String(k),
            panned.k
        );
        assert.ok((await parse()).k > panned.k);
        // Keys: - zooms out, + zooms in, 0 fits.
        await page.locator('.node[aria-label^="Step Send to Seattle"]').focus();
        const before = (await parse()).k;
        await page.keyboard.press('-');
        assert.ok((await parse()).k < before);
        await page.keyboard.press('+');
        assert.ok(Math.abs((await parse()).k - before) < 1e-9);
        await page.keyboard.press('0');
        assert.deepEqual(await parse(), fitted);
        // A click selects a node; Escape clears the selection.
        await page.locator('.node[aria-label^="Step Send to Seattle"]').click();
        assert.equal(await page.locator('.node.selected').count(), 1);
        await page.keyboard.press('Escape');
        assert.equal(await page.locator('.node.selected').count(), 0);
        // Tab moves the focus from node to node.
        await page.locator('.node[aria-label^="Step Order header validation"]').focus();
        await page.keyboard.press('Tab');
        assert.match(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''), /^Step Order line validation/);
    });

    it('exports SVG and PNG', async () => {
        await clearPosted();
        await page.locator('#export-svg').click();
        const svg = await waitForPosted('export');
        assert.equal(svg.format, 'svg');
        assert.match(String(svg.data), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*Send to Chicago[\s\S]*<\/svg>$/);
        await clearPosted();
        await page.locator('#export-png').click();
        const png = await waitForPosted('export');
        assert.equal(png.format, 'png');
        assert.equal(Buffer.from(String(png.data), 'base64').subarray(1, 4).toString(), 'PNG');
    });
});
