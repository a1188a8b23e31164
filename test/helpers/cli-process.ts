/**
 * Runs the real CLI as a separate process. The CLI is bundled from the current sources into a private temporary
 * folder (not out/), so test files that bundle it in parallel never read each other's half-written bundle.
 */
import { spawn, type SpawnOptions, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';

const repoRoot = path.resolve(__dirname, '..', '..');

export interface CliRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Bundles cli/main.ts into a temporary folder; returns the bundle's path and a function removing it. */
export async function bundleCli(where: 'repository' | 'temp' = 'repository'): Promise<{ cli: string; dispose: () => void }> {
    // By default inside the repository's out/ (ignored by git), so the CLI finds docs/ as an installed one does; in
    // the system's temporary folder for tests that run it as another user (who may not reach the repository).
    const bundles = where === 'temp' ? os.tmpdir() : path.join(repoRoot, 'out', 'test-bundles');
    fs.mkdirSync(bundles, { recursive: true });
    const dir = fs.mkdtempSync(path.join(bundles, 'iom-cli-'));
    const cli = path.join(dir, 'iom.cjs');
    await build({
        entryPoints: [path.join(repoRoot, 'cli', 'main.ts')],
        outfile: cli,
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        external: ['vscode'],
        loader: { '.ts': 'ts' },
        logLevel: 'error'
    });
    return { cli, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const env = () => ({ ...process.env, NO_COLOR: '1' });

/** Runs the CLI and waits for it. */
export function runCli(
    cli: string,
    args: string[],
    cwd: string,
    options: { uid?: number; gid?: number } = {},
    extraEnv: Record<string, string> = {}
): CliRun {
    const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...env(), ...extraEnv }, ...options });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the CLI; the promise settles when the process exits. */
export function startCli(cli: string, args: string[], cwd: string, options: SpawnOptions = {}): { pid: number; done: Promise<CliRun> } {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: env(), ...options });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
    });
    const done = new Promise<CliRun>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', code => resolve({ code, stdout, stderr }));
    });
    return { pid: child.pid!, done };
}
