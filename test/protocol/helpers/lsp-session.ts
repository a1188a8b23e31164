/**
 * A minimal LSP client for the protocol tests: spawns the bundled server binary (`bin/iom-language-server.cjs
 * --stdio`, which loads out/server/main.cjs) and speaks JSON-RPC to it with the official protocol packages.
 *
 * Adding a test for a new feature (formatting, code actions, semantic tokens, executeCommand, …) needs no change here:
 * check the capability in `session.capabilities`, then `session.request(SomeRequest.type, params)`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
    type ClientCapabilities,
    type Diagnostic,
    DidChangeTextDocumentNotification,
    DidCloseTextDocumentNotification,
    DidOpenTextDocumentNotification,
    ExitNotification,
    InitializedNotification,
    type InitializeResult,
    InitializeRequest,
    type Position,
    type ProtocolRequestType,
    PublishDiagnosticsNotification,
    type SemanticTokensLegend,
    type TextEdit,
    type PublishDiagnosticsParams,
    type Range,
    type ServerCapabilities,
    ShutdownRequest,
    type TextDocumentContentChangeEvent
} from 'vscode-languageserver-protocol';
import {
    createClientPipeTransport,
    createClientSocketTransport,
    createProtocolConnection,
    generateRandomPipeName,
    IPCMessageReader,
    IPCMessageWriter,
    type MessageReader,
    type MessageWriter,
    type ProtocolConnection,
    StreamMessageReader,
    StreamMessageWriter
} from 'vscode-languageserver-protocol/node';
import { firstItems, itemAt } from '../../helpers/items.js';

/** The repository root (test/protocol/helpers → ../../..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const serverBin = path.join(repoRoot, 'bin', 'iom-language-server.cjs');
export const fixturesDir = path.join(repoRoot, 'test', 'protocol', 'fixtures');

/** What a real editor announces; enough for Langium to enable every feature it offers. */
export const clientCapabilities: ClientCapabilities = {
    workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        applyEdit: true,
        workspaceEdit: { documentChanges: true }
    },
    textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        definition: { linkSupport: false },
        references: {},
        rename: { prepareSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        formatting: {},
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } } },
        semanticTokens: {
            requests: { full: true, range: true },
            tokenTypes: [],
            tokenModifiers: [],
            formats: ['relative']
        }
    }
};

/**
 * How the client talks to the server. `default` passes no transport argument (the bin then uses stdio). For `socket` and
 * `pipe` the client listens and the server connects to it, as vscode-languageserver implements those transports.
 */
export type Transport = 'stdio' | 'default' | 'node-ipc' | 'socket' | 'pipe';

export interface StartOptions {
    /** A folder to open as the single workspace folder; none: no workspace. */
    workspaceFolder?: string;
    /** Default: stdio. */
    transport?: Transport;
    /** Extra command-line arguments for the server binary. */
    args?: string[];
    /** The client capabilities to announce; default: `clientCapabilities`. */
    capabilities?: ClientCapabilities;
    /** `initializationOptions` of the initialize request (e.g. `{ cacheFolder }`). */
    initializationOptions?: unknown;
}

const DEFAULT_TIMEOUT = 15_000;

/** A running language server plus the client side of its connection. */
export class LspSession {
    readonly connection: ProtocolConnection;
    readonly initializeResult: InitializeResult;
    /** The latest published diagnostics, by document URI. */
    readonly diagnostics = new Map<string, Diagnostic[]>();
    /** Everything the server wrote to stderr, for failure messages. */
    stderr = '';
    /** The methods the server registered dynamically (client/registerCapability), in order. */
    readonly registrations: string[] = [];
    /** The messages of window/logMessage notifications, in order. */
    readonly logMessages: string[] = [];

    private readonly listeners = new Set<(params: PublishDiagnosticsParams) => void>();
    private readonly exited: Promise<number | null>;
    private readonly versions = new Map<string, number>();

    private constructor(
        readonly process: ChildProcess,
        connection: ProtocolConnection,
        initializeResult: InitializeResult,
        exited: Promise<number | null>
    ) {
        this.connection = connection;
        this.initializeResult = initializeResult;
        this.exited = exited;
    }

    get capabilities(): ServerCapabilities {
        return this.initializeResult.capabilities;
    }

    /** Spawns the server, sends initialize + initialized and returns once the server answered initialize. */
    static async start(options: StartOptions = {}): Promise<LspSession> {
        if (!fs.existsSync(path.join(repoRoot, 'out', 'server', 'main.cjs'))) {
            throw new Error(
                'out/server/main.cjs is missing: the vitest global setup (test/global-setup.ts) bundles it; outside vitest run node esbuild.mjs'
            );
        }
        const { child, reader, writer } = await spawnServer(options.transport ?? 'stdio', options.args ?? []);
        const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
        const connection = createProtocolConnection(reader, writer);
        // Diagnostics can arrive before initialize resolves; buffer them on a temporary holder.
        const early: PublishDiagnosticsParams[] = [];
        let session: LspSession | undefined;
        let stderr = '';
        child.stderr!.on('data', chunk => {
            stderr += String(chunk);
            if (session) session.stderr = stderr;
        });
        connection.onNotification(PublishDiagnosticsNotification.type, params => {
            if (session) session.onDiagnostics(params);
            else early.push(params);
        });
        // Server → client requests a real editor answers.
        connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
        const registrations: string[] = [];
        const logMessages: string[] = [];
        connection.onRequest('client/registerCapability', (params: { registrations: Array<{ method: string }> }) => {
            registrations.push(...params.registrations.map(registration => registration.method));
            return null;
        });
        connection.onRequest('client/unregisterCapability', () => null);
        connection.onRequest('window/workDoneProgress/create', () => null);
        connection.onRequest('workspace/semanticTokens/refresh', () => null);
        connection.onRequest('workspace/diagnostic/refresh', () => null);
        connection.onNotification('window/logMessage', (params: { message: string }) => {
            logMessages.push(params.message);
        });
        connection.onNotification('$/progress', () => undefined);
        connection.listen();

        const folder = options.workspaceFolder;
        const folderUri = folder ? pathToFileURL(folder).toString() : null;
        let initializeResult: InitializeResult;
        try {
            initializeResult = await withTimeout(
                connection.sendRequest(InitializeRequest.type, {
                    processId: process.pid,
                    clientInfo: { name: 'iom-protocol-tests' },
                    rootUri: folderUri,
                    workspaceFolders: folderUri ? [{ uri: folderUri, name: path.basename(folder!) }] : null,
                    capabilities: options.capabilities ?? clientCapabilities,
                    initializationOptions: options.initializationOptions
                }),
                DEFAULT_TIMEOUT,
                () => `initialize did not answer; server stderr:\n${stderr}`
            );
        } catch (error) {
            child.kill();
            throw error;
        }
        session = new LspSession(child, connection, initializeResult, exited);
        session.stderr = stderr;
        (session as { registrations: string[] }).registrations = registrations;
        (session as { logMessages: string[] }).logMessages = logMessages;
        for (const params of early) session.onDiagnostics(params);
        await connection.sendNotification(InitializedNotification.type, {});
        return session;
    }

    /** Every publishDiagnostics received, in order. */
    readonly publishes: PublishDiagnosticsParams[] = [];

    private onDiagnostics(params: PublishDiagnosticsParams): void {
        this.publishes.push(params);
        this.diagnostics.set(params.uri, params.diagnostics);
        for (const listener of [...this.listeners]) listener(params);
    }

    /**
     * Resolves with the diagnostics of `uri` as soon as they satisfy `predicate`: at once if the latest published ones
     * already do, otherwise at the next matching publish.
     */
    waitForDiagnostics(
        uri: string,
        predicate: (diagnostics: Diagnostic[]) => boolean = () => true,
        timeout = DEFAULT_TIMEOUT
    ): Promise<Diagnostic[]> {
        const current = this.diagnostics.get(uri);
        if (current && predicate(current)) return Promise.resolve(current);
        return new Promise((resolve, reject) => {
            const listener = (params: PublishDiagnosticsParams) => {
                if (params.uri === uri && predicate(params.diagnostics)) {
                    this.listeners.delete(listener);
                    clearTimeout(timer);
                    resolve(params.diagnostics);
                }
            };
            const timer = setTimeout(() => {
                this.listeners.delete(listener);
                reject(new Error(`no matching diagnostics for ${uri} within ${timeout} ms; latest: ${JSON.stringify(this.diagnostics.get(uri))}`));
            }, timeout);
            this.listeners.add(listener);
        });
    }

    /** Waits until diagnostics were published for every given URI. */
    async waitForDiagnosticsOf(uris: string[], timeout = DEFAULT_TIMEOUT): Promise<Map<string, Diagnostic[]>> {
        const result = new Map<string, Diagnostic[]>();
        await Promise.all(uris.map(async uri => result.set(uri, await this.waitForDiagnostics(uri, () => true, timeout))));
        return result;
    }

    /** Sends a request and waits for its answer; pass a typed request (`HoverRequest.type`) or a method name. */
    request<P, R>(type: ProtocolRequestType<P, R, unknown, unknown, unknown>, params: P, timeout?: number): Promise<R>;
    request<R, P = unknown>(method: string, params: P, timeout?: number): Promise<R>;
    request(type: { method: string } | string, params: unknown, timeout = DEFAULT_TIMEOUT): Promise<unknown> {
        const method = typeof type === 'string' ? type : type.method;
        return withTimeout(this.connection.sendRequest(method, params), timeout, () => `${method} did not answer`);
    }

    async open(uri: string, text: string, languageId = 'iom'): Promise<void> {
        this.versions.set(uri, 1);
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    }

    /** Opens a file of the workspace with its text on disk. */
    async openFile(file: string): Promise<{ uri: string; text: string }> {
        const text = fs.readFileSync(file, 'utf8');
        const uri = pathToFileURL(file).toString();
        await this.open(uri, text);
        return { uri, text };
    }

    /** Sends didChange: a whole new text, or incremental range edits. */
    async change(uri: string, change: string | TextDocumentContentChangeEvent[]): Promise<void> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        const contentChanges = typeof change === 'string' ? [{ text: change }] : change;
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
    }

    async close(uri: string): Promise<void> {
        this.versions.delete(uri);
        await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }

    /** shutdown + exit, as an editor does; resolves with the process's exit code. */
    async shutdown(timeout = DEFAULT_TIMEOUT): Promise<number | null> {
        await withTimeout(this.connection.sendRequest(ShutdownRequest.type), timeout, () => 'shutdown did not answer');
        await this.connection.sendNotification(ExitNotification.type);
        const code = await withTimeout(this.exited, timeout, () => 'the server did not exit after shutdown/exit');
        this.connection.dispose();
        return code;
    }

    /** Resolves with the exit code when the process ends. */
    waitForExit(timeout = DEFAULT_TIMEOUT): Promise<number | null> {
        return withTimeout(this.exited, timeout, () => 'the server did not exit');
    }

    /** Ends the server if a test left it running (use in afterAll/afterEach). */
    dispose(): void {
        this.connection.dispose();
        if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill();
    }
}

async function spawnServer(transport: Transport, args: string[]): Promise<{ child: ChildProcess; reader: MessageReader; writer: MessageWriter }> {
    const spawnWith = (transportArgs: string[], ipc = false) =>
        spawn(process.execPath, [serverBin, ...transportArgs, ...args], {
            cwd: repoRoot,
            stdio: ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe']
        });
    switch (transport) {
        case 'stdio':
        case 'default': {
            const child = spawnWith(transport === 'stdio' ? ['--stdio'] : []);
            return { child, reader: new StreamMessageReader(child.stdout!), writer: new StreamMessageWriter(child.stdin!) };
        }
        case 'node-ipc': {
            const child = spawnWith(['--node-ipc'], true);
            return { child, reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child) };
        }
        case 'socket': {
            const port = await freePort();
            const listening = await createClientSocketTransport(port);
            const child = spawnWith([`--socket=${port}`]);
            const [reader, writer] = await withTimeout(listening.onConnected(), DEFAULT_TIMEOUT, () => 'the server did not connect to the socket');
            return { child, reader, writer };
        }
        case 'pipe': {
            const pipeName = generateRandomPipeName();
            const listening = await createClientPipeTransport(pipeName);
            const child = spawnWith([`--pipe=${pipeName}`]);
            const [reader, writer] = await withTimeout(listening.onConnected(), DEFAULT_TIMEOUT, () => 'the server did not connect to the pipe');
            return { child, reader, writer };
        }
    }
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
    let timer: NodeJS.Timeout;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message())), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ------------------------------------------------------------------------------------------------------------------
// Workspaces and positions

/** A temporary copy of a fixture or example folder; `remove()` deletes it. */
export interface TempWorkspace {
    dir: string;
    /** Absolute paths of the `.iom` files, sorted. */
    files: string[];
    uri(relativePath: string): string;
    file(relativePath: string): string;
    read(relativePath: string): string;
    remove(): void;
}

export function copyWorkspace(source: string): TempWorkspace {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-protocol-'));
    fs.cpSync(source, dir, { recursive: true });
    const files = listIomFiles(dir);
    return {
        dir,
        files,
        uri: relative => pathToFileURL(path.join(dir, relative)).toString(),
        file: relative => path.join(dir, relative),
        read: relative => fs.readFileSync(path.join(dir, relative), 'utf8'),
        remove: () => fs.rmSync(dir, { recursive: true, force: true })
    };
}

export function listIomFiles(dir: string): string[] {
    return fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter(entry => entry.isFile() && entry.name.endsWith('.iom'))
        .map(entry => path.join(entry.parentPath, entry.name))
        .sort();
}

/** Applies LSP text edits (non-overlapping, any order) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
    const resolved = edits
        .map(edit => ({ start: positionToOffset(text, edit.range.start), end: positionToOffset(text, edit.range.end), newText: edit.newText }))
        .sort((a, b) => b.start - a.start || b.end - a.end);
    let result = text;
    for (const edit of resolved) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    return result;
}

export interface DecodedToken {
    line: number;
    character: number;
    length: number;
    type: string;
    modifiers: string[];
    /** The source text the token covers. */
    text: string;
}

/** Decodes the relative `data` of a semantic tokens result with the server's legend. */
export function decodeSemanticTokens(text: string, data: number[], legend: SemanticTokensLegend): DecodedToken[] {
    const lines = text.split('\n');
    const tokens: DecodedToken[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i + 4 < data.length; i += 5) {
        const [deltaLine, deltaStart, length, typeIndex, modifierBits] = firstItems(data.slice(i, i + 5), 5);
        line += deltaLine;
        character = deltaLine === 0 ? character + deltaStart : deltaStart;
        const modifiers = legend.tokenModifiers.filter((_, bit) => (modifierBits & (1 << bit)) !== 0);
        tokens.push({
            line,
            character,
            length,
            type: itemAt(legend.tokenTypes, typeIndex),
            modifiers,
            text: itemAt(lines, line).slice(character, character + length)
        });
    }
    return tokens;
}

/** Whether two diagnostic lists hold the same diagnostics (code, severity, range, message), in any order. */
export function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
    const key = (d: Diagnostic) => JSON.stringify([d.code, d.severity, d.range, d.message]);
    const keys = (list: Diagnostic[]) => list.map(key).sort().join('\n');
    return a.length === b.length && keys(a) === keys(b);
}

/** The position of the `occurrence`-th (0-based) `needle` in `text`, plus `offset` characters. */
export function positionOf(text: string, needle: string, offset = 0, occurrence = 0): Position {
    let index = -1;
    for (let i = 0; i <= occurrence; i++) {
        index = text.indexOf(needle, index + 1);
        if (index < 0) throw new Error(`'${needle}' (occurrence ${occurrence}) not found`);
    }
    return offsetToPosition(text, index + offset);
}

/** The range that `needle` covers in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
    const start = positionOf(text, needle, 0, occurrence);
    return { start, end: offsetToPosition(text, positionToOffset(text, start) + needle.length) };
}

export function offsetToPosition(text: string, offset: number): Position {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: itemAt(before, -1).length };
}

export function positionToOffset(text: string, position: Position): number {
    const lines = text.split('\n');
    let offset = 0;
    for (let line = 0; line < position.line; line++) offset += itemAt(lines, line).length + 1;
    return offset + position.character;
}
