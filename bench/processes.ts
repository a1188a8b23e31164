/**
 * The benchmark's own processes: the CLI and the language server spawned as a user or an editor does, and this
 * benchmark in a child process (`--child`) so that a measurement's peak memory is its own.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { loadWorkspace } from '../host/load-workspace.js';
import { MiB, now, peakRss } from './measure.js';

export function timeProcess(root: string, command: string, args: string[]): Promise<{ ms: number; code: number | null; output: string }> {
    return new Promise((resolve, reject) => {
        const start = now();
        const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', chunk => {
            output += chunk;
        });
        child.stderr.on('data', chunk => {
            output += chunk;
        });
        child.on('error', reject);
        child.on('close', code => resolve({ ms: now() - start, code, output }));
    });
}

/**
 * Spawns the language server as an editor does (`bin/iom-language-server.cjs --stdio`), opens the folder, and
 * measures from spawn to the first publishDiagnostics for a file of the folder, and to diagnostics for all of them.
 */
export async function serverStart(root: string, folder: string): Promise<{ first: number; all: number }> {
    const files = new Set<string>();
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.iom')) files.add(pathToFileURL(full).toString());
        }
    };
    walk(folder);
    const start = now();
    const child = spawn(process.execPath, [path.join(root, 'bin', 'iom-language-server.cjs'), '--stdio'], {
        cwd: root,
        stdio: ['pipe', 'pipe', 'pipe']
    });
    let stderr = '';
    child.stderr.on('data', chunk => {
        stderr += chunk;
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const normalize = (uri: string) => decodeURIComponent(uri).toLowerCase();
    const pending = new Set([...files].map(normalize));
    let first: number | undefined;
    const done = new Promise<{ first: number; all: number }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics within 30 s; server stderr:\n${stderr}`)), 30_000);
        connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
            const key = normalize(params.uri);
            if (!pending.has(key)) return;
            first ??= now() - start;
            pending.delete(key);
            if (pending.size === 0) {
                clearTimeout(timer);
                resolve({ first, all: now() - start });
            }
        });
    });
    connection.onRequest((method: string, params: unknown) => {
        if (method === 'workspace/configuration') return ((params as { items?: unknown[] })?.items ?? []).map(() => null);
        return null;
    });
    connection.onNotification(() => {
        /* log messages and the like */
    });
    connection.listen();
    const folderUri = pathToFileURL(folder).toString();
    await connection.sendRequest('initialize', {
        processId: process.pid,
        // No start snapshot: a cold start every time.
        initializationOptions: { cacheFolder: false },
        rootUri: folderUri,
        workspaceFolders: [{ uri: folderUri, name: path.basename(folder) }],
        capabilities: {
            workspace: { workspaceFolders: true, configuration: true },
            textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } }
        }
    });
    connection.sendNotification('initialized', {});
    try {
        return await done;
    } finally {
        try {
            await Promise.race([connection.sendRequest('shutdown'), new Promise(resolve => setTimeout(resolve, 2000))]);
            connection.sendNotification('exit');
        } catch {
            /* the server may already be gone */
        }
        connection.dispose();
        setTimeout(() => child.kill(), 500).unref();
    }
}

/** Runs this benchmark in a child process in one of its `--child` modes and returns what it printed (JSON). */
export function childFigures(args: string[]): Promise<{ ms: number; cpuMs: number; rssMiB: number; codes: Record<string, number> }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
        let output = '';
        child.stdout!.on('data', chunk => {
            output += String(chunk);
        });
        child.on('exit', code => (code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`child ${args.join(' ')} exited with ${code}`))));
    });
}

/** `--child validate <folder>`: loads and validates a folder as `iom validate` does; prints time, peak RSS and codes. */
export async function child(argv: string[]): Promise<void> {
    const folder = argv[argv.indexOf('--child') + 2];
    if (folder === undefined) throw new Error('--child validate needs a folder');
    const start = now();
    const cpuStart = process.cpuUsage();
    const workspace = await loadWorkspace(folder);
    const ms = now() - start;
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const codes: Record<string, number> = {};
    for (const { diagnostic } of workspace.diagnostics) codes[String(diagnostic.code)] = (codes[String(diagnostic.code)] ?? 0) + 1;
    process.stdout.write(JSON.stringify({ ms, cpuMs, rssMiB: peakRss() / MiB, codes }));
}
