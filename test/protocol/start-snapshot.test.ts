// The start snapshot over the real protocol (language/workspace/start-snapshot.ts, docs/editor.md): a server started
// with a cache folder stores its diagnostics once the workspace is validated; the next server started on the same,
// unchanged workspace publishes them before it builds, and the build publishes the same again. Any change of a file,
// of the set of files or of iomconfig.json, and any snapshot the server cannot trust, means an ordinary start.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { copyWorkspace, fixturesDir, LspSession, type TempWorkspace } from './helpers/lsp-session';

const FILES = ['connections.iom', 'journey.iom', 'policies.iom', 'providers.iom'];
const RESTORED = /^Published the diagnostics of 4 files from the start snapshot/;
const TIMEOUT = 60_000;

let workspace: TempWorkspace;
let cacheFolder: string;
const sessions: LspSession[] = [];

beforeEach(() => {
    workspace = copyWorkspace(path.join(fixturesDir, 'workspace'));
    // An unresolved reference, so that the snapshot holds an error to restore.
    const journey = workspace.file('journey.iom');
    fs.writeFileSync(journey, fs.readFileSync(journey, 'utf8').replace('filter policy "US Orders"', 'filter policy "UK Orders"'));
    cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-cache-'));
});

afterEach(() => {
    for (const session of sessions.splice(0)) session.dispose();
    workspace.remove();
    fs.rmSync(cacheFolder, { recursive: true, force: true });
});

/**
 * Starts a server on the workspace. `cache`: `client` names the test's cache folder (as the VS Code client names its
 * workspace storage), `default` names none (the server's default: the user's cache folder, a temporary folder during
 * the tests: test/global-setup.ts), `off` turns snapshots off (`cacheFolder: false`).
 */
async function start(options: { cache?: 'client' | 'default' | 'off' } = {}): Promise<LspSession> {
    const cache = options.cache ?? 'client';
    const session = await LspSession.start({
        workspaceFolder: workspace.dir,
        initializationOptions: cache === 'client' ? { cacheFolder } : cache === 'off' ? { cacheFolder: false } : {}
    });
    sessions.push(session);
    return session;
}

/** Every publish for `uri`, in order. */
const publishesOf = (session: LspSession, uri: string): Diagnostic[][] =>
    session.publishes.filter((params: PublishDiagnosticsParams) => params.uri === uri).map(params => params.diagnostics);

/** Resolves once every file has been published `times` times. */
async function publishedTimes(session: LspSession, times: number): Promise<void> {
    const done = () => FILES.every(file => publishesOf(session, workspace.uri(file)).length >= times);
    for (const file of FILES) {
        await session.waitForDiagnostics(workspace.uri(file), () => done() || publishesOf(session, workspace.uri(file)).length >= times, TIMEOUT);
    }
    expect(done()).toBe(true);
}

/** The snapshot files in the cache folder, with their modification times. */
function snapshots(): Array<{ file: string; time: number }> {
    const folder = path.join(cacheFolder, 'start-snapshots');
    if (!fs.existsSync(folder)) return [];
    return fs
        .readdirSync(folder)
        .filter(name => name.endsWith('.json'))
        .map(name => ({ file: path.join(folder, name), time: fs.statSync(path.join(folder, name)).mtimeMs }));
}

/** Runs a server until the workspace is validated and its snapshot is written (polled), then shuts it down. */
async function runUntilSnapshot(): Promise<Map<string, Diagnostic[]>> {
    const before = Math.max(0, ...snapshots().map(snapshot => snapshot.time));
    const session = await start();
    const published = await session.waitForDiagnosticsOf(
        FILES.map(file => workspace.uri(file)),
        TIMEOUT
    );
    const deadline = Date.now() + TIMEOUT;
    while (!snapshots().some(snapshot => snapshot.time > before)) {
        if (Date.now() > deadline) throw new Error(`no start snapshot was written; server stderr:\n${session.stderr}`);
        await new Promise(resolve => setTimeout(resolve, 25));
    }
    await session.shutdown();
    return published;
}

describe('a language server restarted on an unchanged workspace', () => {
    test('publishes every file’s diagnostics from the snapshot before the build, and the build publishes the same', async () => {
        const first = await runUntilSnapshot();
        expect(first.get(workspace.uri('journey.iom'))!.some(d => d.code === 'IOM1001')).toBe(true);

        const session = await start();
        await publishedTimes(session, 2);
        expect(session.logMessages.some(line => RESTORED.test(line))).toBe(true);
        // The snapshot's publishes come first, one per file, then the build's.
        expect(new Set(session.publishes.slice(0, FILES.length).map(params => params.uri))).toEqual(new Set(FILES.map(workspace.uri)));
        for (const file of FILES) {
            const [restored, built] = publishesOf(session, workspace.uri(file));
            expect(restored, file).toEqual(first.get(workspace.uri(file)));
            expect(built, file).toEqual(restored);
        }
    }, 120_000);

    test('a file changed on disk since: an ordinary start, whose diagnostics are those of the new text', async () => {
        await runUntilSnapshot();
        const journey = workspace.file('journey.iom');
        fs.writeFileSync(journey, fs.readFileSync(journey, 'utf8').replace('filter policy "UK Orders"', 'filter policy "US Orders"'));

        const session = await start();
        const first = await session.waitForDiagnostics(workspace.uri('journey.iom'), () => true, TIMEOUT);
        expect(first.some(d => d.code === 'IOM1001')).toBe(false);
        expect(publishesOf(session, workspace.uri('journey.iom'))[0]).toEqual(first);
        expect(session.logMessages.some(line => RESTORED.test(line))).toBe(false);
    }, 120_000);

    test('a file added, or iomconfig.json added: an ordinary start', async () => {
        await runUntilSnapshot();
        fs.writeFileSync(
            workspace.file('extra.iom'),
            fs.readFileSync(workspace.file('connections.iom'), 'utf8').replaceAll('connection ', 'connection Extra')
        );
        let session = await start();
        await session.waitForDiagnosticsOf([...FILES, 'extra.iom'].map(workspace.uri), TIMEOUT);
        expect(session.logMessages.some(line => /from the start snapshot/.test(line))).toBe(false);
        await session.shutdown();

        await runUntilSnapshot();
        fs.writeFileSync(workspace.file('iomconfig.json'), '{\n  "build": { "out": "out" }\n}\n');
        session = await start();
        await session.waitForDiagnosticsOf(FILES.map(workspace.uri), TIMEOUT);
        expect(session.logMessages.some(line => /from the start snapshot/.test(line))).toBe(false);
    }, 180_000);

    test("a file a check read has changed since (a provider definition's logo, deleted): an ordinary start", async () => {
        fs.writeFileSync(workspace.file('logo.png'), 'not really a picture');
        fs.writeFileSync(
            workspace.file('definitions.iom'),
            'provider definition Lab {\n    logical name msdyn_Lab\n    service type "Order intake"\n    logo "logo.png"\n    active\n}\n'
        );
        await runUntilSnapshot();
        let session = await start();
        const restored = await session.waitForDiagnostics(workspace.uri('definitions.iom'), () => true, TIMEOUT);
        expect(session.logMessages.some(line => /^Published the diagnostics of 5 files from the start snapshot/.test(line))).toBe(true);
        expect(restored.some(d => d.code === 'IOM3025')).toBe(false);
        await session.shutdown();

        fs.rmSync(workspace.file('logo.png'));
        session = await start();
        const rebuilt = await session.waitForDiagnostics(workspace.uri('definitions.iom'), () => true, TIMEOUT);
        expect(rebuilt.some(d => d.code === 'IOM3025')).toBe(true);
        expect(session.logMessages.some(line => /from the start snapshot/.test(line))).toBe(false);
    }, 180_000);

    test('a snapshot of another build, a damaged snapshot, or no cache folder: an ordinary start', async () => {
        await runUntilSnapshot();
        const [snapshot] = snapshots();
        const stored = JSON.parse(fs.readFileSync(snapshot!.file, 'utf8')) as { key: string };
        fs.writeFileSync(snapshot!.file, JSON.stringify({ ...stored, key: stored.key.replace(/[0-9a-f]{64}/, '0'.repeat(64)) }));
        let session = await start();
        await session.waitForDiagnosticsOf(FILES.map(workspace.uri), TIMEOUT);
        expect(session.logMessages.some(line => /from the start snapshot/.test(line))).toBe(false);
        await session.shutdown();

        fs.writeFileSync(snapshot!.file, fs.readFileSync(snapshot!.file, 'utf8').slice(0, 40));
        session = await start({ cache: 'client' });
        const published = await session.waitForDiagnosticsOf(FILES.map(workspace.uri), TIMEOUT);
        expect(published.get(workspace.uri('journey.iom'))!.some(d => d.code === 'IOM1001')).toBe(true);
        expect(session.logMessages.some(line => /from the start snapshot/.test(line))).toBe(false);
        await session.shutdown();

        session = await start({ cache: 'off' });
        await session.waitForDiagnosticsOf(FILES.map(workspace.uri), TIMEOUT);
        expect(session.logMessages.some(line => /from the start snapshot/.test(line))).toBe(false);
        expect(session.logMessages.some(line => /start snapshots in/.test(line))).toBe(false);
    }, 180_000);

    test('a client that names no cache folder: the snapshots are kept in the user’s cache folder', async () => {
        const userCache = path.join(process.env.XDG_CACHE_HOME!, 'iom-lang', 'start-snapshots');
        let session = await start({ cache: 'default' });
        const first = await session.waitForDiagnosticsOf(FILES.map(workspace.uri), TIMEOUT);
        // The server says where it keeps them (its first log line, written before any diagnostics).
        expect(session.logMessages).toContainEqual(expect.stringContaining(`; start snapshots in ${userCache}.`));
        // Written once the workspace has stayed validated for a second; the restart below shows it was.
        await waitForFile(userCache, first);
        await session.shutdown();

        session = await start({ cache: 'default' });
        await publishedTimes(session, 2);
        expect(session.logMessages.some(line => RESTORED.test(line))).toBe(true);
        expect(snapshots()).toEqual([]);
    }, 120_000);
});

/** Waits (polled) until `folder` holds a snapshot listing the workspace's files. */
async function waitForFile(folder: string, published: Map<string, Diagnostic[]>): Promise<void> {
    const deadline = Date.now() + TIMEOUT;
    const names = () => (fs.existsSync(folder) ? fs.readdirSync(folder).filter(name => name.endsWith('.json')) : []);
    const holdsWorkspace = (name: string) => {
        try {
            const text = fs.readFileSync(path.join(folder, name), 'utf8');
            return [...published.keys()].every(uri => text.includes(JSON.stringify(uri)));
        } catch {
            return false;
        }
    };
    while (!names().some(holdsWorkspace)) {
        if (Date.now() > deadline) throw new Error(`no start snapshot of the workspace in ${folder}`);
        await new Promise(resolve => setTimeout(resolve, 25));
    }
}
