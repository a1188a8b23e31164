/**
 * `iom graph --format mermaid` renders in a Markdown preview (issue 16, done means): the CLI's output for the three
 * examples and the deeply nested journey, and the ```mermaid block of docs/graph.md, are rendered by the real Mermaid
 * library (the root devDependency `mermaid`, its browser bundle) in headless Chromium, the way a Markdown preview
 * with Mermaid does it (GitHub's, VS Code's Markdown Mermaid extension): the fenced block's text goes into a
 * `<pre class="mermaid">` element and `mermaid.run` replaces it with the diagram. Each must render without a parse
 * error, with one SVG node per node of the flowchart and the expected labels. Screenshots go to test-results/.
 * Bundled and run by test/e2e/run-webview-tests.cjs (after `node esbuild.mjs`, which builds the CLI).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { e2eFolderOf, launchChromium } from '../chromium.cjs';
import { QUICKSTART_LAB_NODES } from '../quickstart-lab';

declare const ROOT: string;
const root = ROOT;
const results = path.join(root, 'test-results');

const workspaces = {
    'quickstart-lab': path.join(root, 'examples', 'quickstart-lab'),
    seed: path.join(root, 'examples', 'seed'),
    'splitter-merge': path.join(root, 'examples', 'splitter-merge'),
    nested: path.join(root, 'test', 'graph', 'fixtures', 'nested')
};

/** Runs the real CLI on a temporary copy of a workspace. */
function iomGraph(name: keyof typeof workspaces, ...args: string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `iom-mermaid-${name}-`));
    try {
        fs.cpSync(workspaces[name], dir, { recursive: true });
        const run = spawnSync(process.execPath, [path.join(root, 'bin', 'iom.cjs'), 'graph', '.', ...args], {
            cwd: dir,
            encoding: 'utf8',
            env: { ...process.env, NO_COLOR: '1' }
        });
        assert.equal(run.status, 0, run.stderr);
        return run.stdout;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The ```mermaid blocks of a Markdown text, as a Markdown renderer finds them. */
function mermaidBlocks(markdown: string): string[] {
    return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].flatMap(match => match[1] ?? []);
}

/** The labels of the flowchart's node declarations (`n1["Name<br/>…"]`): their first line. */
function declaredNodes(text: string): string[] {
    return [...text.matchAll(/^\s+n\d+[([{]+"([^"]*?)(?:<br\/>[^"]*)?"/gm)].flatMap(match => match[1] ?? []);
}

interface Rendered {
    error: string | null;
    svgs: number;
    nodes: string[];
    edgeLabels: string[];
    width: number;
    height: number;
}

describe('iom graph --format mermaid in a Markdown preview (the real Mermaid)', () => {
    let browser: Browser;
    let page: Page;

    /** Renders a diagram's text as a Markdown preview does and reads back what was drawn. */
    const render = async (text: string, screenshot: string): Promise<Rendered> => {
        const rendered = await page.evaluate(async source => {
            const mermaid = (window as unknown as { mermaid: { run(options: { nodes: HTMLElement[]; suppressErrors: boolean }): Promise<void> } })
                .mermaid;
            const host = document.getElementById('preview')!;
            host.innerHTML = '';
            const block = document.createElement('pre');
            block.className = 'mermaid';
            // A Markdown renderer HTML-escapes the block; Mermaid reads the element's text.
            block.textContent = source;
            host.appendChild(block);
            let error: string | null = null;
            try {
                await mermaid.run({ nodes: [block], suppressErrors: false });
            } catch (caught) {
                error = String((caught as Error).message ?? caught);
            }
            const svg = host.querySelector('svg');
            const box = svg?.getBoundingClientRect();
            return {
                error,
                svgs: host.querySelectorAll('svg').length,
                nodes: [...host.querySelectorAll('g.node')].map(node => (node as HTMLElement).textContent ?? ''),
                edgeLabels: [...host.querySelectorAll('g.edgeLabel')].map(label => (label.textContent ?? '').trim()).filter(Boolean),
                width: box?.width ?? 0,
                height: box?.height ?? 0
            };
        }, text);
        await page
            .locator('#preview svg')
            .first()
            .screenshot({ path: path.join(results, screenshot) })
            .catch(() => undefined);
        return rendered;
    };

    before(async () => {
        assert.ok(fs.existsSync(path.join(root, 'out', 'cli', 'main.cjs')), 'run node esbuild.mjs first');
        const mermaidScript = path.join(root, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');
        assert.ok(fs.existsSync(mermaidScript), 'mermaid is a root devDependency');
        fs.mkdirSync(results, { recursive: true });
        const html = path.join(results, 'mermaid-preview.html');
        fs.writeFileSync(
            html,
            `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Markdown preview</title>
<script src="${pathToFileURL(mermaidScript)}"></script></head>
<body style="margin:0;background:#fff"><div id="preview"></div></body></html>`
        );
        browser = await launchChromium(e2eFolderOf(root));
        page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        page.setDefaultTimeout(60_000);
        await page.goto(pathToFileURL(html).toString());
        await page.waitForFunction(() => typeof (window as unknown as { mermaid?: unknown }).mermaid === 'object');
        // As a Markdown preview configures it: no automatic start, strict security (no script in labels).
        await page.evaluate(() =>
            (window as unknown as { mermaid: { initialize(config: object): void } }).mermaid.initialize({
                startOnLoad: false,
                securityLevel: 'strict',
                theme: 'default'
            })
        );
    });

    after(async () => {
        await browser?.close();
    });

    it('the quick-start lab renders: the Seattle/Chicago split, every node and branch label', async () => {
        const text = iomGraph('quickstart-lab', '--format', 'mermaid');
        const rendered = await render(text, 'mermaid-quickstart-lab.png');
        assert.equal(rendered.error, null);
        assert.equal(rendered.svgs, 1);
        assert.deepEqual(
            rendered.nodes.map(node => node.split(/(?=Validate|Send to Fulfillment|Custom ·|Splitter)/)[0]?.trim()),
            QUICKSTART_LAB_NODES
        );
        assert.ok(rendered.nodes.some(node => node.includes('Send to Chicago') && node.includes('filter: Fulfillment filter policy - Chicago')));
        assert.deepEqual(rendered.edgeLabels, ['Seattle', 'Chicago']);
        assert.ok(rendered.width > 100 && rendered.height > 300, `${rendered.width}×${rendered.height}`);
    });

    for (const name of ['seed', 'splitter-merge', 'nested'] as const) {
        it(`${name} renders with all its nodes and labels`, async () => {
            const text = iomGraph(name, '--format', 'mermaid');
            const declared = declaredNodes(text);
            assert.ok(declared.length >= 2, text);
            const rendered = await render(text, `mermaid-${name}.png`);
            assert.equal(rendered.error, null);
            assert.equal(rendered.svgs, 1);
            // One drawn node per declared node, each with its name (merge points are drawn as empty circles).
            assert.equal(rendered.nodes.length, declared.length);
            const drawn = rendered.nodes.join('\n');
            for (const label of declared) assert.ok(drawn.includes(label), `"${label}" is drawn`);
            const branches = [...text.matchAll(/-->\|"([^"]+)"\|/g)].flatMap(match => match[1] ?? []);
            assert.deepEqual([...rendered.edgeLabels].sort(), [...branches].sort());
        });
    }

    it('the ```mermaid block of `iom graph --format markdown` and of docs/graph.md render the same diagram', async () => {
        const cli = iomGraph('quickstart-lab', '--format', 'mermaid');
        const [block] = mermaidBlocks(iomGraph('quickstart-lab', '--format', 'markdown'));
        assert.equal(block, cli);
        const docs = mermaidBlocks(fs.readFileSync(path.join(root, 'docs', 'graph.md'), 'utf8'));
        assert.deepEqual(docs, [cli]);
        const rendered = await render(cli, 'mermaid-docs-graph.png'); // the docs' one block, equal to the CLI's
        assert.equal(rendered.error, null);
        assert.ok(rendered.nodes.some(node => node.startsWith('Send to Chicago')));
    });

    it('a broken diagram is reported as a parse error (the check above can fail)', async () => {
        const rendered = await render('flowchart TD\n  n1["unclosed\n', 'mermaid-broken.png');
        assert.match(String(rendered.error), /Parse error|Lexical error|Syntax error/i);
    });
});
