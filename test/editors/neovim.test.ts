// A real non-VS Code client: headless Neovim (Debian's package, 0.7.2 on Debian 12) loads the Neovim 0.7
// configuration of docs/editors.md exactly as written there, opens an example with an error and must receive the
// coded diagnostic from iom-language-server and a completion list. The configuration is read from the doc at test
// time, so the doc and the check cannot drift apart.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { itemAt } from '../helpers/items.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MARKER = '<!-- neovim-0.7-config';

/** The lua block that follows the marker comment in docs/editors.md. */
export function documentedConfig(markdown: string): string {
    const at = markdown.indexOf(MARKER);
    if (at < 0) throw new Error(`docs/editors.md has no ${MARKER} block`);
    const block = /```lua\n([\s\S]*?)\n```/.exec(markdown.slice(at));
    if (!block) throw new Error('no ```lua block after the marker');
    return block[1] + '\n';
}

let dir: string;

beforeAll(() => {
    let nvim = '';
    try {
        nvim = execFileSync('sh', ['-c', 'command -v nvim'], { encoding: 'utf8' }).trim();
    } catch {
        /* missing */
    }
    if (!nvim) execFileSync('sh', [path.join(repoRoot, 'test', 'editors', 'setup-neovim.sh')], { stdio: 'inherit' });
    if (!fs.existsSync(path.join(repoRoot, 'out', 'server', 'main.cjs'))) throw new Error('build the server first (npm run build)');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-neovim-'));
}, 300_000);
afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('Neovim with the documented 0.7 configuration gets the coded diagnostic and completion', async () => {
    // `iom-language-server` on PATH, as `npm install -g .` puts it there (docs/editors.md, "Get the command").
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(
        path.join(bin, 'iom-language-server'),
        `#!/bin/sh\nexec "${process.execPath}" "${path.join(repoRoot, 'bin', 'iom-language-server.cjs')}" "$@"\n`,
        { mode: 0o755 }
    );
    // The configuration, copied verbatim from the doc.
    const config = path.join(dir, 'init.lua');
    fs.writeFileSync(config, documentedConfig(fs.readFileSync(path.join(repoRoot, 'docs', 'editors.md'), 'utf8')));
    // An example workspace with one error: an input event misspelled.
    const workspace = path.join(dir, 'workspace');
    fs.cpSync(path.join(repoRoot, 'examples', 'quickstart-lab'), workspace, { recursive: true });
    fs.writeFileSync(path.join(workspace, 'iomconfig.json'), '{}\n');
    const file = path.join(workspace, 'journeys.iom');
    const original = fs.readFileSync(file, 'utf8');
    expect(original).toContain('input events "New Order"\n');
    const text = original.replace('input events "New Order"\n', 'input events "New Ordr"\n');
    fs.writeFileSync(file, text);
    const lines = text.split('\n');
    const line = lines.findIndex(l => l.includes('"New Ordr"'));
    const character = itemAt(lines, line).indexOf('"New Ordr"') + 1;

    const resultFile = path.join(dir, 'result.json');
    const child = spawn(
        'nvim',
        ['--headless', '-n', '-i', 'NONE', '-u', config, file, '-c', `luafile ${path.join(repoRoot, 'test', 'editors', 'neovim-harness.lua')}`],
        {
            cwd: workspace,
            env: {
                ...process.env,
                PATH: `${bin}${path.delimiter}${process.env.PATH}`,
                XDG_STATE_HOME: path.join(dir, 'state'),
                XDG_DATA_HOME: path.join(dir, 'data'),
                XDG_CONFIG_HOME: path.join(dir, 'config'),
                XDG_CACHE_HOME: path.join(dir, 'cache'),
                IOM_NVIM_RESULT: resultFile,
                IOM_NVIM_LINE: String(line),
                IOM_NVIM_CHARACTER: String(character)
            },
            stdio: ['ignore', 'pipe', 'pipe']
        }
    );
    let output = '';
    child.stdout.on('data', chunk => {
        output += String(chunk);
    });
    child.stderr.on('data', chunk => {
        output += String(chunk);
    });
    const code = await new Promise<number | null>((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill();
            reject(new Error(`nvim did not finish; output:\n${output}`));
        }, 150_000);
        child.on('exit', exitCode => {
            clearTimeout(timer);
            resolve(exitCode);
        });
    });
    expect(code, output).toBe(0);
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as {
        nvim: string;
        filetype: string;
        clients: number;
        error?: string;
        completion_error?: string;
        diagnostics: Array<{ lnum: number; col: number; message: string; code?: string }>;
        completion: string[];
    };
    expect(result.error, output).toBeUndefined();
    expect(result.filetype).toBe('iom');
    expect(result.clients, JSON.stringify(result)).toBe(1);
    const unresolved = result.diagnostics.find(d => d.code === 'IOM1001');
    expect(unresolved, JSON.stringify(result.diagnostics)).toBeDefined();
    expect(unresolved!.message).toContain("Cannot find business event 'New Ordr'");
    expect(unresolved!.lnum).toBe(line);
    expect(result.completion_error).toBeUndefined();
    expect(result.completion).toContain('New Order');
}, 300_000);
