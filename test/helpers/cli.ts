/**
 * Runs the `iom` CLI in tests, two ways:
 * - `iom(args, cwd)`: in-process, through the program's `main(argv, io)` (cli/program.ts) with buffers for stdout and
 *   stderr. No process start and no bundle: most CLI tests run this way.
 * - `spawnIom` / `startIom`: the bundled bin (bin/iom.cjs, bundled once by the vitest global setup) as a real process,
 *   for the few smoke tests of what only a process shows: the bin's exit code, `--watch` and its signals, builds
 *   racing for an output folder, another user's file permissions, the documentation link found from the bundle.
 */
import { type ChildProcess, spawn, type SpawnOptions, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../cli/program.js';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const iomBin = path.join(repoRoot, 'bin', 'iom.cjs');

export interface CliRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

// The CLI resolves its paths against the current directory: in-process runs take turns, each in its own `cwd`.
let turn: Promise<unknown> = Promise.resolve();

/** Runs `iom …args` in-process in `cwd`, with `env` added to the environment; resolves when the command is done. */
export function iom(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
    const run = turn.then(async () => {
        let stdout = '';
        let stderr = '';
        const previous = process.cwd();
        process.chdir(cwd);
        try {
            const code = await main(args, {
                stdout: { write: text => (stdout += text) },
                stderr: { write: text => (stderr += text) },
                env: { ...process.env, NO_COLOR: '1', ...env }
            });
            return { code, stdout, stderr };
        } finally {
            process.chdir(previous);
        }
    });
    turn = run.catch(() => undefined);
    return run;
}

const processEnv = (extra: Record<string, string> = {}) => ({ ...process.env, NO_COLOR: '1', ...extra });

/** Runs the bundled CLI (`cli`: default bin/iom.cjs) as a process and waits for it. */
export function spawnIom(
    args: string[],
    cwd: string,
    options: { uid?: number; gid?: number; env?: Record<string, string>; cli?: string } = {}
): CliRun {
    const { cli = iomBin, env, ...ids } = options;
    const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: processEnv(env), maxBuffer: 64 * 1024 * 1024, ...ids });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the bundled CLI as a process; `done` settles when it exits. */
export function startIom(args: string[], cwd: string, options: SpawnOptions = {}): { child: ChildProcess; pid: number; done: Promise<CliRun> } {
    const child = spawn(process.execPath, [iomBin, ...args], { cwd, env: processEnv(), ...options });
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
    return { child, pid: child.pid!, done };
}

/**
 * A copy of the bundled CLI in the system's temporary folder, readable by everyone, for tests that run it as another
 * user (who may not reach the repository); `dispose` removes it.
 */
export function cliCopyForAnyUser(): { cli: string; dispose: () => void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-cli-'));
    fs.chmodSync(dir, 0o755);
    for (const file of ['cli/main.cjs', 'vendor/elk.bundled.cjs']) {
        fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true, mode: 0o755 });
        fs.copyFileSync(path.join(repoRoot, 'out', file), path.join(dir, file));
        fs.chmodSync(path.join(dir, file), 0o644);
    }
    return { cli: path.join(dir, 'cli', 'main.cjs'), dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
