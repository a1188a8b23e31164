/**
 * The start snapshot: a language server that starts on a workspace it validated before, unchanged since, publishes
 * every file's diagnostics at once, before it parses anything, then builds the workspace as usual (docs/editors.md,
 * "Start-up snapshot").
 *
 * Once the workspace is validated and no follow-up is pending, the server stores a snapshot: per document, the
 * SHA-256 of the text it was validated from and the diagnostics it published, and what every other file the server
 * read or looked for held when it did (observed-files.ts: each folder's iomconfig.json, a logo, sample data, a sample
 * order). At the next start, the files found in the folders are read (the text of a file the editor has open is
 * taken from the editor) and hashed. Only when every file, and nothing else, has the hash the snapshot recorded, every
 * other file holds what it held, and the snapshot comes from this very build of the server (the host's build id)
 * with the same documentation links and workspace folders, are its diagnostics published. The build that follows
 * publishes the same diagnostics again, since it reads the same inputs.
 *
 * Snapshots are kept where the host can store them (the Node host: host/snapshot-storage.ts), in the folder the client
 * names (`initializationOptions.cacheFolder`: the VS Code client gives its workspace storage folder), else in the
 * host's default folder (the user's cache folder); a client that passes `cacheFolder: false` turns them off.
 */
import { DocumentState, type LangiumDocument, type URI } from 'langium';
import type { Diagnostic, WorkspaceFolder } from 'vscode-languageserver';
import type { IomSharedServices } from '../iom-module.js';
import { isBuiltinDocument } from '../model/builtin.js';
import { IomDocumentBuilder } from '../validation/revalidation.js';
import { IomWorkspaceManager } from './iom-workspace-manager.js';
import { type Observation, ObservingFileSystemProvider } from './observed-files.js';

/** Where the host keeps snapshots, and which build of the server writes and reads them. */
export interface SnapshotStorage {
    /** Where the snapshots are kept (for the log). */
    readonly folder: string;
    /** Identifies the server's code: a snapshot written by another build is never used. */
    readonly buildId: string;
    /** The text stored under `name`, or undefined when there is none or it cannot be read. */
    read(name: string): string | undefined;
    /** Stores `text` under `name` so that a reader sees either the old text or the new one; a failure is silent. */
    write(name: string, text: string): void;
}

/** Where the host can keep snapshots. */
export interface SnapshotHost {
    /** Opens the storage in a folder (the client's `cacheFolder`, else `defaultFolder`). */
    open(folder: string): SnapshotStorage;
    /** The folder used when the client names none (the user's cache folder); none: no snapshots then. */
    readonly defaultFolder?: string;
}

/** A file read at start-up: its URI and the text the build will validate. */
export interface StartFile {
    uri: URI;
    text: string;
}

const FORMAT = 'iom-start-snapshot 3';
/** How long the workspace stays validated before a snapshot is taken (edits in between postpone it). */
export const SNAPSHOT_DELAY_MS = 1_000;

interface SnapshotFile {
    format: string;
    /** The build id, the documentation base and the workspace folders. */
    key: string;
    /** Per document: its URI, the hash of its text, its diagnostics. */
    files: Array<[string, string, Diagnostic[]]>;
    /** What the other files read or looked for held (iomconfig.json, a logo, sample data, a sample order: observed-files.ts). */
    observed: Observation[];
}

export class StartSnapshot {
    private storage: SnapshotStorage | undefined;
    /** The last text hashed per URI, so that a snapshot hashes only the texts that changed since the last. */
    private readonly hashes = new Map<string, { text: string; hash: string }>();
    private timer: ReturnType<typeof setTimeout> | undefined;

    constructor(
        private readonly shared: IomSharedServices,
        private readonly host?: SnapshotHost
    ) {
        const builder = shared.workspace.DocumentBuilder;
        builder.onBuildPhase(DocumentState.Validated, () => this.schedule());
        builder.onUpdate(() => this.cancel());
    }

    /**
     * Keeps snapshots in `folder` (the client's `cacheFolder`; undefined: the host's default folder; false: none),
     * when the host can store them and the file system records what the checks find in the files they read.
     */
    enable(folder: string | false | undefined): void {
        const where = folder === undefined ? this.host?.defaultFolder : folder;
        if (!where || !(this.shared.workspace.FileSystemProvider instanceof ObservingFileSystemProvider)) return;
        this.storage = this.host?.open(where);
    }

    /** The folder of the snapshots, once `enable` found one. */
    get folder(): string | undefined {
        return this.storage?.folder;
    }

    get enabled(): boolean {
        return this.storage !== undefined;
    }

    /**
     * Publishes the diagnostics of the snapshot when it matches the workspace exactly: the same workspace folders,
     * `files` (every file of the workspace) with the texts it was taken from, and every other file the server read
     * (iomconfig.json, a logo…) as it was found then. Returns
     * whether it did, once the diagnostics are written to the client: the connection writes one message after the
     * other, each once the last is written, and a parse that started meanwhile would hold them back for seconds.
     */
    async restore(folders: readonly WorkspaceFolder[], files: readonly StartFile[]): Promise<boolean> {
        const storage = this.storage;
        const connection = this.shared.lsp.Connection;
        if (!storage || !connection) return false;
        const snapshot = parse(storage.read(this.name(storage, folders)));
        if (!snapshot || snapshot.key !== this.key(storage, folders) || snapshot.files.length !== files.length) return false;
        const recorded = new Map(snapshot.files.map(([uri, hash]) => [uri, hash]));
        for (const file of files) {
            const uri = file.uri.toString();
            if (recorded.get(uri) !== this.hash(uri, file.text)) return false;
        }
        const observing = this.shared.workspace.FileSystemProvider as ObservingFileSystemProvider;
        if (snapshot.observed.some(entry => observing.observeAgain(entry) !== entry.found)) return false;
        connection.console.info(`Published the diagnostics of ${files.length} files from the start snapshot; the workspace is being built.`);
        // The open files first, then the files with diagnostics, then the others (their empty lists change nothing
        // on a client that just started, but say that the file was checked).
        const open = this.shared.workspace.TextDocuments;
        const rank = ([uri, , diagnostics]: SnapshotFile['files'][number]) => (open?.get(uri) ? 0 : diagnostics.length > 0 ? 1 : 2);
        const ordered = snapshot.files.map(file => ({ file, rank: rank(file) })).sort((a, b) => a.rank - b.rank);
        await Promise.all(ordered.map(({ file: [uri, , diagnostics] }) => connection.sendDiagnostics({ uri, diagnostics })));
        return true;
    }

    /** Takes a snapshot once the workspace has stayed validated for {@link SNAPSHOT_DELAY_MS}. */
    private schedule(): void {
        if (!this.storage) return;
        this.cancel();
        this.timer = setTimeout(() => {
            this.timer = undefined;
            // A snapshot is an optimisation of the next start: whatever goes wrong here, the server goes on without.
            this.shared.workspace.WorkspaceLock.read(() => this.take()).catch(() => undefined);
        }, SNAPSHOT_DELAY_MS);
        this.timer.unref?.();
    }

    private cancel(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
    }

    /**
     * Writes the snapshot of the workspace as it is validated now. Nothing is written while a document waits to be
     * built or validated again (the build that follows schedules the next snapshot), nor when a file could not be
     * read at start-up.
     */
    private take(): boolean {
        const storage = this.storage;
        const folders = this.shared.workspace.WorkspaceManager.workspaceFolders;
        if (!storage || !folders?.length) return false;
        const manager = this.shared.workspace.WorkspaceManager;
        const builder = this.shared.workspace.DocumentBuilder;
        if (manager instanceof IomWorkspaceManager && manager.unreadable.length > 0) return false;
        if (builder instanceof IomDocumentBuilder && builder.outOfDate().length > 0) return false;
        const files: SnapshotFile['files'] = [];
        for (const document of this.shared.workspace.LangiumDocuments.allDocuments()) {
            if (isBuiltinDocument(document)) continue;
            if (!isSettled(document)) return false;
            const uri = document.uri.toString();
            files.push([uri, this.hash(uri, document.textDocument.getText()), document.diagnostics ?? []]);
        }
        const documents = new Set(files.map(([uri]) => uri));
        const observing = this.shared.workspace.FileSystemProvider as ObservingFileSystemProvider;
        const observed = observing.observations(uri => documents.has(uri));
        const snapshot: SnapshotFile = { format: FORMAT, key: this.key(storage, folders), files, observed };
        storage.write(this.name(storage, folders), JSON.stringify(snapshot));
        return true;
    }

    /** What a snapshot must have been taken with: this build, these documentation links, these folders. */
    private key(storage: SnapshotStorage, folders: readonly WorkspaceFolder[]): string {
        const documentation = this.shared.validation.DiagnosticDocumentation.base ?? '';
        return JSON.stringify([storage.buildId, documentation, folders.map(folder => folder.uri)]);
    }

    /** One snapshot per set of workspace folders. */
    private name(storage: SnapshotStorage, folders: readonly WorkspaceFolder[]): string {
        return `${this.shared.workspace.Digests.sha256Text(this.key(storage, folders)).slice(0, 32)}.json`;
    }

    private hash(uri: string, text: string): string {
        const known = this.hashes.get(uri);
        if (known?.text === text) return known.hash;
        const hash = this.shared.workspace.Digests.sha256Text(text);
        this.hashes.set(uri, { text, hash });
        return hash;
    }
}

function isSettled(document: LangiumDocument): boolean {
    return document.state === DocumentState.Validated && document.diagnostics !== undefined;
}

function parse(text: string | undefined): SnapshotFile | undefined {
    if (text === undefined) return undefined;
    try {
        const value = JSON.parse(text) as Partial<SnapshotFile> | null;
        return value?.format === FORMAT && typeof value.key === 'string' && Array.isArray(value.files) && Array.isArray(value.observed)
            ? (value as SnapshotFile)
            : undefined;
    } catch {
        return undefined;
    }
}
