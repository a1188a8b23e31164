/**
 * The language server measured from outside, over the real stdio protocol (issue 12): the bundled server
 * (`bin/iom-language-server.cjs --stdio`) is spawned as an editor spawns it and spoken to with vscode-jsonrpc.
 *
 * - Keystroke → diagnostics under fan-in: a workspace where one provider file (the hub) is referenced by N other
 *   files; the hub is open and edited (a description string, 0 diagnostics before and after), and the time from the
 *   `didChange` notification to the `publishDiagnostics` of the hub is measured. The next edit is sent as soon as
 *   that arrives, so the dependants' follow-up validation is still running when it comes (as when typing). After the
 *   last edit, the time until every dependant was published again is measured too.
 * - Completion with thousands of candidates: an `input event` reference in a workspace with ≥ 5,000 events; the
 *   round trip of `textDocument/completion` and the size of the response (its JSON text).
 * - Server start on a large workspace: two files are opened right after `initialized` (as an editor restoring its
 *   tabs does); time from `initialize` to their diagnostics, and to every file's.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { present } from '../language/model/collections.js';
import { createRandom, type GeneratedWorkspace, generateWorkspace, journeyFile, providerFile } from './generate.js';
import { DEPENDANTS_DELAY_MS } from '../language/validation/revalidation.js';

const now = () => performance.now();

// ---------------------------------------------------------------------------------------------------------------
// Workspaces

/**
 * A generated workspace (base regions) plus `fanIn` journey files whose steps reference the provider file of
 * region 1 (the hub): each is the journey file of a region of its own, with the names it takes from its own
 * provider file renamed to the hub's (the region's provider file is left out).
 */
export function fanInWorkspace(baseRegions: number, fanIn: number): { workspace: GeneratedWorkspace; hub: string; dependants: string[] } {
    const base = generateWorkspace({ regions: baseRegions });
    const files = [...base.files];
    const hub = 'regions/r0001-providers.iom';
    const hubRegion = '0001';
    // The dependant of region 1's journey file already references the hub.
    const dependants = ['regions/r0001-journey.iom'];
    const random = createRandom(4242);
    for (let i = 0; i < fanIn - 1; i++) {
        const r = 10_000 + i;
        const n = String(r).padStart(4, '0');
        const providerNames = new Set(
            [...providerFile(r, createRandom(r)).matchAll(/^\s*(?:event|action type|provider|logic)\s+"([^"]+)"/gm)].map(m => m[1])
        );
        const text = journeyFile(r, random).replace(/"((?:[^"\\]|\\.)*)"/g, (whole, name: string) =>
            providerNames.has(name) ? JSON.stringify(name.replace(`R${n}`, `R${hubRegion}`)) : whole
        );
        const file = `fanin/f${n}-journey.iom`;
        files.push({ path: file, text, lines: text.split('\n').length - 1 });
        dependants.push(file);
    }
    return { workspace: { files, lines: files.reduce((sum, f) => sum + f.lines, 0) }, hub, dependants };
}

/** A generated workspace plus one file of extra events, so that an `input event` reference has `events` candidates. */
export function manyEventsWorkspace(regions: number, events: number): { workspace: GeneratedWorkspace; journey: string } {
    const base = generateWorkspace({ regions });
    const lines: string[] = ['// Events raised by the order desk (many, for completion).', ''];
    for (let i = 0; i < events; i++) lines.push(`event "Desk event ${String(i).padStart(5, '0')}" { entity Order status "Desk ${i}" }`);
    const text = lines.join('\n') + '\n';
    const files = [...base.files, { path: 'desk-events.iom', text, lines: lines.length }];
    return { workspace: { files, lines: files.reduce((sum, f) => sum + f.lines, 0) }, journey: 'regions/r0001-journey.iom' };
}

export function writeWorkspace(folder: string, workspace: GeneratedWorkspace): void {
    fs.rmSync(folder, { recursive: true, force: true });
    for (const file of workspace.files) {
        const target = path.join(folder, file.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.text);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// A client

interface Published {
    at: number;
    diagnostics: Diagnostic[];
}

export class StdioServer {
    readonly connection: MessageConnection;
    /** Every publishDiagnostics received, by normalised URI. */
    readonly published = new Map<string, Published[]>();
    private readonly listeners = new Set<(key: string, entry: Published) => void>();
    private stderr = '';
    private readonly child;
    initializeSent = 0;
    /** When the answer to initialize arrived (`now()`). */
    initializeAnswered = 0;
    /** The server's log messages. */
    readonly logs: string[] = [];

    constructor(
        root: string,
        readonly folder: string
    ) {
        // IOM_BENCH_SERVER_NODE_ARGS: extra Node options for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
        const nodeArgs = process.env.IOM_BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
        this.child = spawn(process.execPath, [...nodeArgs, path.join(root, 'bin', 'iom-language-server.cjs'), '--stdio'], {
            cwd: root,
            stdio: ['pipe', 'pipe', 'pipe']
        });
        this.child.stderr.on('data', chunk => {
            this.stderr += chunk;
        });
        this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
        this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
            const key = StdioServer.key(params.uri);
            const entry = { at: now(), diagnostics: params.diagnostics };
            let list = this.published.get(key);
            if (!list) this.published.set(key, (list = []));
            list.push(entry);
            for (const listener of this.listeners) listener(key, entry);
        });
        this.connection.onRequest((method: string, params: unknown) => {
            if (method === 'workspace/configuration') return ((params as { items?: unknown[] })?.items ?? []).map(() => null);
            return null;
        });
        this.connection.onNotification('window/logMessage', (params: { message: string }) => {
            this.logs.push(params.message);
        });
        this.connection.onNotification(() => {
            /* telemetry and the like */
        });
        this.connection.listen();
    }

    static key(uri: string): string {
        return decodeURIComponent(uri).toLowerCase();
    }

    uri(file: string): string {
        return pathToFileURL(path.join(this.folder, file)).toString();
    }

    /** Without a `cacheFolder` the server keeps no start snapshot (`false`): every start of the bench is cold. */
    async initialize(initializationOptions: { cacheFolder: string | false } = { cacheFolder: false }): Promise<void> {
        const folderUri = pathToFileURL(this.folder).toString();
        this.initializeSent = now();
        await this.connection.sendRequest('initialize', {
            processId: process.pid,
            initializationOptions,
            rootUri: folderUri,
            workspaceFolders: [{ uri: folderUri, name: path.basename(this.folder) }],
            capabilities: {
                workspace: { workspaceFolders: true, configuration: true },
                textDocument: {
                    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
                    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } }
                }
            }
        });
        this.initializeAnswered = now();
        await this.connection.sendNotification('initialized', {});
    }

    /** Resolves with the time of the first publish for `file` after now that satisfies `accept`. */
    nextPublish(file: string, timeoutMs = 120_000, accept: (entry: Published) => boolean = () => true): Promise<Published> {
        const key = StdioServer.key(this.uri(file));
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.listeners.delete(listener);
                reject(new Error(`no diagnostics for ${file} within ${timeoutMs} ms; server stderr:\n${this.stderr.slice(-2000)}`));
            }, timeoutMs);
            const listener = (k: string, entry: Published) => {
                if (k !== key || !accept(entry)) return;
                clearTimeout(timer);
                this.listeners.delete(listener);
                resolve(entry);
            };
            this.listeners.add(listener);
        });
    }

    /**
     * Resolves when every file has been published at least `times` times after `since` (once unless given); with the
     * time of the last publish that completed the count.
     */
    allPublished(files: string[], since: number, timeoutMs = 300_000, times = 1): Promise<number> {
        const counts = new Map(files.map(file => [StdioServer.key(this.uri(file)), 0]));
        const pending = new Set(counts.keys());
        let last = since;
        for (const key of [...pending]) {
            const entries = this.published.get(key)?.filter(e => e.at >= since) ?? [];
            counts.set(key, entries.length);
            if (entries.length >= times) {
                pending.delete(key);
                last = Math.max(last, entries[times - 1]!.at);
            }
        }
        if (pending.size === 0) return Promise.resolve(last);
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.listeners.delete(listener);
                reject(new Error(`${pending.size} files without diagnostics within ${timeoutMs} ms; server stderr:\n${this.stderr.slice(-2000)}`));
            }, timeoutMs);
            const listener = (key: string, entry: Published) => {
                if (!pending.has(key)) return;
                const count = (counts.get(key) ?? 0) + 1;
                counts.set(key, count);
                if (count < times) return;
                pending.delete(key);
                last = Math.max(last, entry.at);
                if (pending.size > 0) return;
                clearTimeout(timer);
                this.listeners.delete(listener);
                resolve(last);
            };
            this.listeners.add(listener);
        });
    }

    open(file: string, text: string): Promise<void> {
        return this.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: this.uri(file), languageId: 'iom', version: 1, text }
        });
    }

    change(file: string, version: number, text: string): Promise<void> {
        return this.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: this.uri(file), version },
            contentChanges: [{ text }]
        });
    }

    /** Whether the server said it published the diagnostics of the workspace's files from its start snapshot. */
    restoredFromSnapshot(): boolean {
        return this.logs.some(line => /^Published the diagnostics of \d+ files from the start snapshot/.test(line));
    }

    /** CPU time of the server process so far (user + system, from /proc; undefined where there is none). */
    cpuMs(): number | undefined {
        try {
            const fields = fs
                .readFileSync(`/proc/${this.child.pid}/stat`, 'utf8')
                .replace(/^.*\) /s, '')
                .split(' ');
            // utime and stime are fields 14 and 15 of the line (11 and 12 after the command name), in clock ticks.
            return (Number(fields[11]) + Number(fields[12])) * 10;
        } catch {
            return undefined;
        }
    }

    async stop(): Promise<void> {
        try {
            await Promise.race([this.connection.sendRequest('shutdown'), new Promise(resolve => setTimeout(resolve, 2000))]);
            await this.connection.sendNotification('exit');
        } catch {
            /* the server may already be gone */
        }
        this.connection.dispose();
        const child = this.child;
        await new Promise<void>(resolve => {
            if (child.exitCode !== null) return resolve();
            const timer = setTimeout(() => {
                child.kill();
                resolve();
            }, 2000);
            child.once('exit', () => {
                clearTimeout(timer);
                resolve();
            });
        });
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Measurements

export interface FanInResult {
    fanIn: number;
    files: number;
    times: number[];
    /** After the last edit: until every dependant was published again. */
    dependantsMs: number;
    /**
     * Keystrokes after a pause just longer than the server waits before relinking the dependants
     * (`DEPENDANTS_DELAY_MS` + 100 ms): each one arrives while the dependants' build of the previous one runs.
     */
    pausedTimes: number[];
    startMs: number;
    /**
     * The server's CPU time per keystroke (mean over the measured edits; /proc, 10 ms ticks): what a keystroke costs
     * without the waiting for the CPU that a loaded machine adds to the wall times. Includes the part of each
     * dependants' build that ran before the next keystroke cancelled it.
     */
    cpuPerEdit?: number;
}

/** How many keystrokes come after a pause (see `FanInResult.pausedTimes`). */
const PAUSED_EDITS = 12;

/** Keystrokes in the hub of a fan-in workspace, over stdio. */
export async function measureFanIn(
    root: string,
    folder: string,
    baseRegions: number,
    fanIn: number,
    edits: number,
    log: (message: string) => void
): Promise<FanInResult> {
    const { workspace, hub, dependants } = fanInWorkspace(baseRegions, fanIn);
    writeWorkspace(folder, workspace);
    const server = new StdioServer(root, folder);
    try {
        const allFiles = workspace.files.map(f => f.path);
        const started = now();
        await server.initialize();
        const hubText = workspace.files.find(f => f.path === hub)!.text;
        await server.open(hub, hubText);
        await server.allPublished(allFiles, 0, 600_000);
        const startMs = now() - started;
        for (const file of allFiles) {
            const last = server.published.get(StdioServer.key(server.uri(file)))!.at(-1)!;
            if (last.diagnostics.length > 0) {
                throw new Error(
                    `fan-in workspace: ${file} has diagnostics: ${last.diagnostics
                        .slice(0, 3)
                        .map(d => `${d.code} ${d.message}`)
                        .join('; ')}`
                );
            }
        }
        log(`fan-in ${fanIn}: ${workspace.files.length} files, all diagnosed ${startMs.toFixed(0)} ms after spawn`);
        const marker = 'description "Dataverse connection of the ';
        const at = hubText.indexOf(marker);
        if (at < 0) throw new Error('no description in the hub');
        const times: number[] = [];
        let sentLast = 0;
        let cpuStart: number | undefined;
        for (let i = 0; i < edits + 3; i++) {
            const text = hubText.slice(0, at + marker.length) + `edit ${i} ` + hubText.slice(at + marker.length);
            const published = server.nextPublish(hub);
            const sent = now();
            await server.change(hub, i + 2, text);
            const entry = await published;
            if (entry.diagnostics.length > 0) throw new Error(`the edited hub has diagnostics: ${entry.diagnostics.map(d => d.message).join('; ')}`);
            if (i === 2) cpuStart = server.cpuMs();
            if (i >= 3) times.push(entry.at - sent);
            sentLast = sent;
        }
        const cpuEnd = server.cpuMs();
        const cpuPerEdit = cpuStart !== undefined && cpuEnd !== undefined ? (cpuEnd - cpuStart) / edits : undefined;
        const dependantsDone = await server.allPublished(dependants, sentLast, 600_000);
        const pausedTimes: number[] = [];
        for (let i = 0; i < PAUSED_EDITS; i++) {
            await new Promise(resolve => setTimeout(resolve, DEPENDANTS_DELAY_MS + 100));
            const text = hubText.slice(0, at + marker.length) + `paused edit ${i} ` + hubText.slice(at + marker.length);
            const published = server.nextPublish(hub);
            const sent = now();
            await server.change(hub, edits + 5 + i, text);
            const entry = await published;
            if (entry.diagnostics.length > 0) throw new Error(`the edited hub has diagnostics: ${entry.diagnostics.map(d => d.message).join('; ')}`);
            pausedTimes.push(entry.at - sent);
        }
        return { fanIn, files: workspace.files.length, times, dependantsMs: dependantsDone - sentLast, pausedTimes, startMs, cpuPerEdit };
    } finally {
        await server.stop();
    }
}

export interface CompletionResult {
    candidates: number;
    times: number[];
    bytes: number;
    items: number;
    prefixTimes: number[];
    prefixBytes: number;
    prefixItems: number;
    /** The server's CPU time per request (mean over the measured requests; /proc's 10 ms ticks), where known. */
    cpuMs?: number;
    prefixCpuMs?: number;
}

/** Completion of an `input event` reference with thousands of candidates, over stdio. */
export async function measureBigCompletion(
    root: string,
    folder: string,
    regions: number,
    events: number,
    repeats: number
): Promise<CompletionResult> {
    const { workspace, journey } = manyEventsWorkspace(regions, events);
    writeWorkspace(folder, workspace);
    const server = new StdioServer(root, folder);
    try {
        // Every file's first diagnostics: the workspace's initial build is over before completion is measured (else
        // the requests share the server with the validation of the whole workspace, which the start-up figures measure).
        const built = server.allPublished(
            workspace.files.filter(f => f.path.endsWith('.iom')).map(f => f.path),
            0,
            600_000
        );
        await server.initialize();
        await built;
        const original = workspace.files.find(f => f.path === journey)!.text;
        // A new step's input event: `input event <cursor>` and `input event "Desk event 0042<cursor>"`.
        const anchor = original.lastIndexOf('\n}');
        const request = async (typed: string) => {
            const text =
                original.slice(0, anchor) +
                `\n    step "Completion probe" : Custom {\n        action type "Order Validation"\n        input event ${typed}\n    }` +
                original.slice(anchor);
            const lines = text.slice(0, text.indexOf(`input event ${typed}`) + `input event ${typed}`.length).split('\n');
            // An editor closes the quote: the cursor is before it.
            const position = { line: lines.length - 1, character: lines.at(-1)!.length - (typed.endsWith('"') ? 1 : 0) };
            return { text, position };
        };
        const open = await request('');
        const published = server.nextPublish(journey, 600_000);
        await server.open(journey, open.text);
        await published;
        const run = async (typed: string, version: number) => {
            const { text, position } = await request(typed);
            const ready = server.nextPublish(journey, 600_000);
            await server.change(journey, version, text);
            await ready;
            const times: number[] = [];
            let bytes = 0;
            let items = 0;
            let cpuStart: number | undefined;
            for (let i = 0; i < repeats + 2; i++) {
                if (i === 2) cpuStart = server.cpuMs();
                const start = now();
                const result = (await server.connection.sendRequest('textDocument/completion', {
                    textDocument: { uri: server.uri(journey) },
                    position
                })) as { items: unknown[] } | unknown[];
                const elapsed = now() - start;
                const list = Array.isArray(result) ? result : result.items;
                if (list.length === 0) throw new Error(`no completion items after \`input event ${typed}\``);
                if (i >= 2) times.push(elapsed);
                bytes = Buffer.byteLength(JSON.stringify(result));
                items = list.length;
            }
            const cpuEnd = server.cpuMs();
            const cpuMs = cpuStart === undefined || cpuEnd === undefined ? undefined : (cpuEnd - cpuStart) / repeats;
            return { times, bytes, items, cpuMs };
        };
        const all = await run('', 2);
        const prefix = await run('"Desk event 0042"', 3);
        return {
            candidates: events,
            times: all.times,
            bytes: all.bytes,
            items: all.items,
            prefixTimes: prefix.times,
            prefixBytes: prefix.bytes,
            prefixItems: prefix.items,
            cpuMs: all.cpuMs,
            prefixCpuMs: prefix.cpuMs
        };
    } finally {
        await server.stop();
    }
}

export interface StartResult {
    files: number;
    lines: number;
    openMs: number;
    allMs: number;
    /** initialize → its answer: the process start, the bundle and the services (the files are read after it). */
    initializeMs: number;
    /** The server's CPU time (user + system) until the open files' diagnostics, and until every file's. */
    openCpuMs?: number;
    allCpuMs?: number;
    /** With a cache folder: whether the first diagnostics came from the start snapshot. */
    restored?: boolean;
    /** With a cache folder: initialize → every file's diagnostics from the build itself. */
    builtMs?: number;
}

/**
 * Server start on a generated workspace: two files opened at once; initialize → their diagnostics, → every file's.
 * With `cacheFolder`, the server may keep and restore its start snapshot there: the figures then also give when the
 * build's own diagnostics followed the snapshot's (every file published a second time).
 */
export async function measureStart(
    root: string,
    folder: string,
    workspace: GeneratedWorkspace,
    write: boolean,
    cacheFolder?: string
): Promise<StartResult> {
    if (write) writeWorkspace(folder, workspace);
    const server = new StdioServer(root, folder);
    try {
        const opened = [workspace.files[Math.floor(workspace.files.length / 2)], workspace.files.at(-1)].map(file =>
            present(file, 'a file of the generated workspace')
        );
        let openCpuMs: number | undefined;
        let allCpuMs: number | undefined;
        const openDone = Promise.all(opened.map(file => server.nextPublish(file.path, 600_000))).then(entries => {
            openCpuMs = server.cpuMs();
            return entries;
        });
        const paths = workspace.files.map(f => f.path);
        const allDone = server.allPublished(paths, 0, 600_000).then(at => {
            allCpuMs = server.cpuMs();
            return at;
        });
        await server.initialize({ cacheFolder: cacheFolder ?? false });
        for (const file of opened) await server.open(file.path, file.text);
        const openAt = Math.max(...(await openDone).map(entry => entry.at));
        const allAt = await allDone;
        const result: StartResult = {
            files: workspace.files.length,
            lines: workspace.lines,
            openMs: openAt - server.initializeSent,
            allMs: allAt - server.initializeSent,
            initializeMs: server.initializeAnswered - server.initializeSent,
            openCpuMs,
            allCpuMs
        };
        if (cacheFolder) {
            // Restored from the snapshot: every file is published again by the build. Else the first publishes were the build's.
            const restored = server.restoredFromSnapshot();
            result.restored = restored;
            const builtAt = restored ? await server.allPublished(paths, 0, 600_000, 2) : allAt;
            result.builtMs = builtAt - server.initializeSent;
            // The snapshot of this run is written a second after the workspace is validated: the next run reads it.
            await waitForSnapshot(cacheFolder, server.initializeSent);
        }
        return result;
    } finally {
        await server.stop();
    }
}

/** Waits (polling, up to a minute) until a start snapshot newer than `since` (a `now()` time) is in `cacheFolder`. */
async function waitForSnapshot(cacheFolder: string, since: number): Promise<void> {
    const folder = path.join(cacheFolder, 'start-snapshots');
    const sinceEpoch = Date.now() - (now() - since);
    for (let waited = 0; waited < 60_000; waited += 50) {
        const fresh =
            fs.existsSync(folder) &&
            fs.readdirSync(folder).some(name => name.endsWith('.json') && fs.statSync(path.join(folder, name)).mtimeMs >= sinceEpoch);
        if (fresh) return;
        await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`no start snapshot was written to ${folder}`);
}
