import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyExample, repoRoot, tempDirs } from '../compiler/helpers.js';
import { iom, spawnIom } from '../helpers/cli.js';
import { itemAt } from '../helpers/items.js';

const temp = tempDirs('iom-graph-cli-');
function lab(rewrite?: (text: string) => string): string {
    const dir = temp();
    copyExample('quickstart-lab', dir, rewrite);
    return dir;
}

describe('iom graph', () => {
    test('prints the quick-start lab as Mermaid, the same bytes as the golden file', async () => {
        const dir = lab();
        const run = await iom(['graph', '.', '--format', 'mermaid'], dir);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toBe(fs.readFileSync(path.join(repoRoot, 'test', 'graph', 'baselines', 'quickstart-lab.mmd'), 'utf8'));
        expect(run.stdout).toMatch(/^flowchart TD\n/);
        expect(run.stdout).toContain('-->|"Chicago"|');
    });

    test("docs/graph.md shows the quick-start lab as a ```mermaid block that is the CLI's exact output", async () => {
        const run = await iom(['graph', '.', '--format', 'mermaid'], lab());
        expect(run.code, run.stderr).toBe(0);
        const docs = fs.readFileSync(path.join(repoRoot, 'docs', 'graph.md'), 'utf8');
        const blocks = [...docs.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map(match => match[1]);
        expect(blocks).toEqual([run.stdout]);
    });

    test('--out writes the format its extension names; two runs give the same bytes', async () => {
        const dir = lab();
        const first = await iom(['graph', '.', '--journey', 'IOM Lab order journey', '--out', 'journey.svg'], dir);
        expect(first.code, first.stderr).toBe(0);
        const svg = fs.readFileSync(path.join(dir, 'journey.svg'), 'utf8');
        expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        expect(svg).toBe(fs.readFileSync(path.join(repoRoot, 'test', 'graph', 'baselines', 'quickstart-lab.svg'), 'utf8'));
        expect((await iom(['graph', '.', '--out', 'journey.svg'], dir)).code).toBe(0);
        expect(fs.readFileSync(path.join(dir, 'journey.svg'), 'utf8')).toBe(svg);
        expect(fs.readdirSync(dir).filter(name => name.endsWith('.tmp'))).toEqual([]);
        expect((await iom(['graph', '.', '--out', 'g.dot'], dir)).code).toBe(0);
        expect(fs.readFileSync(path.join(dir, 'g.dot'), 'utf8')).toMatch(/^digraph "IOM Lab order journey" \{/);
        expect((await iom(['graph', '.', '--format', 'markdown'], dir)).stdout).toMatch(
            /^# IOM Lab order journey\n\n```mermaid\nflowchart TD\n[\s\S]*```\n$/
        );
    }, 120_000);

    test('--view events draws which steps each business event starts', async () => {
        const run = await iom(['graph', '.', '--view', 'events', '--format', 'mermaid'], lab());
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toMatch(/n\d+\(\["New Order"\]\)/);
        expect(run.stdout).toContain('IOM Lab order journey · Validate Order Header');
    });

    test('--overlay marks the visited and skipped steps', async () => {
        const dir = lab();
        const model = JSON.parse((await iom(['graph', '.', '--format', 'json'], dir)).stdout) as {
            graphs: Array<{ nodes: Array<{ id: string; label: string }> }>;
        };
        const id = (label: string) => itemAt(model.graphs, 0).nodes.find(node => node.label === label)!.id;
        fs.writeFileSync(
            path.join(dir, 'trace.json'),
            JSON.stringify({ journey: 'IOM Lab order journey', visited: [id('Send to Seattle')], skipped: [id('Send to Chicago')] })
        );
        const run = await iom(['graph', '.', '--overlay', 'trace.json', '--format', 'mermaid'], dir);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toContain('(simulation: 1 visited, 1 skipped)');
        expect(run.stdout).toMatch(/class n\d+ skipped/);
    });

    test('bad input: clear messages, exit 2 (usage) or 1 (errors in the workspace), nothing written', async () => {
        const dir = lab();
        fs.writeFileSync(path.join(dir, 'bad.json'), '{\n  "journey": "IOM Lab order journey",\n  "visited": [1,\n}');
        const badJson = await iom(['graph', '.', '--overlay', 'bad.json'], dir);
        expect(badJson.code).toBe(2);
        expect(badJson.stderr).toMatch(/^iom: bad\.json:4:1: not valid JSON/);
        fs.writeFileSync(path.join(dir, 'wrong.json'), '{ "journey": "IOM Lab order journey", "visited": [1] }');
        expect((await iom(['graph', '.', '--overlay', 'wrong.json'], dir)).stderr).toBe(
            'iom: wrong.json: the overlay: "visited" must be a list of node ids\n'
        );
        const unknown = await iom(['graph', '.', '--journey', 'Nope'], dir);
        expect(unknown).toMatchObject({ code: 2, stderr: 'iom: no journey named "Nope" (journeys: "IOM Lab order journey")\n' });
        expect((await iom(['graph', '.', '--format', 'png'], dir)).stderr).toBe(
            "iom: unknown format 'png' (expected svg, mermaid, markdown, dot, json)\n"
        );

        const broken = lab(text => text.replace('filter policies "Fulfillment filter policy - Chicago"', 'filter policies "No such policy"'));
        const refused = await iom(['graph', '.', '--out', 'g.svg'], broken);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(/journeys\.iom:40:\d+ - error IOM1001: Cannot find policy 'No such policy'/);
        expect(fs.existsSync(path.join(broken, 'g.svg'))).toBe(false);
        const drawn = await iom(['graph', '.', '--allow-errors', '--format', 'mermaid'], broken);
        expect(drawn.code).toBe(0);
        expect(drawn.stdout).toContain('1 error: IOM1001');
    }, 120_000);
});

describe('iom graph as a process (bin/iom.cjs): smoke test', () => {
    test('draws the SVG with the layout engine the bundle loads from out/vendor', () => {
        const dir = lab();
        const run = spawnIom(['graph', '.', '--format', 'svg'], dir);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toBe(fs.readFileSync(path.join(repoRoot, 'test', 'graph', 'baselines', 'quickstart-lab.svg'), 'utf8'));
    });
});
