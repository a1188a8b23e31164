/**
 * What the language server found in the files it read or looked for through its file system: a logo a provider
 * definition names, a transformation's sample data, a test's sample order, an iomconfig.json. Checks read them, so
 * the start snapshot (start-snapshot.ts) is only used when each is still as it was found: the server's file system
 * provider records, per file and kind of access, what the last access found (a content hash, a file, a folder, or
 * nothing there), and looks again at the next start.
 */
import { type FileSystemNode, type FileSystemProvider, URI } from 'langium';
import type { Digests } from '../compiler/hash.js';

/** How a file was accessed: its kind (stat), whether it exists, its text, its bytes. */
export type Access = 'stat' | 'exists' | 'text' | 'bytes';

/** What one access found. */
export interface Observation {
    uri: string;
    access: Access;
    /** `file`, `directory`, `yes`, `no`, `missing`, or a content hash. */
    found: string;
}

const MISSING = 'missing';

/** One kind of access: how it reads a file synchronously (to look again), and what a result is recorded as. */
interface AccessKind<T> {
    access: Access;
    readSync(files: FileSystemProvider, uri: URI): T;
    describe(value: T, digests: Digests): string;
}

const STAT: AccessKind<FileSystemNode> = {
    access: 'stat',
    readSync: (files, uri) => files.statSync(uri),
    describe: node => (node.isFile ? 'file' : node.isDirectory ? 'directory' : 'other')
};
const EXISTS: AccessKind<boolean> = {
    access: 'exists',
    readSync: (files, uri) => files.existsSync(uri),
    describe: exists => (exists ? 'yes' : 'no')
};
const TEXT: AccessKind<string> = {
    access: 'text',
    readSync: (files, uri) => files.readFileSync(uri),
    describe: (text, digests) => digests.sha256Text(text)
};
const BYTES: AccessKind<Uint8Array> = {
    access: 'bytes',
    readSync: (files, uri) => files.readBinarySync(uri),
    describe: (bytes, digests) => digests.sha1Hex(bytes)
};
const KINDS = { stat: STAT, exists: EXISTS, text: TEXT, bytes: BYTES } as const;

export class ObservingFileSystemProvider implements FileSystemProvider {
    /** Per access and URI, what it found; a content is hashed only when asked for (most reads are the workspace's own documents, which the snapshot compares itself). */
    private readonly found = new Map<string, { uri: string; access: Access; found: () => string }>();

    constructor(
        private readonly files: FileSystemProvider,
        private readonly digests: () => Digests
    ) {}

    /** The last finding of every access so far, but for the files `skip` says the caller compares itself. */
    observations(skip: (uri: string) => boolean): Observation[] {
        const result: Observation[] = [];
        for (const [key, { uri, access, found }] of this.found) {
            // A skipped file's finding (its text, read at start-up) is not kept for nothing.
            if (skip(uri)) this.found.delete(key);
            else result.push({ uri, access, found: found() });
        }
        return result;
    }

    /** What the same access finds now. */
    observeAgain({ uri, access }: Observation): string {
        const kind: AccessKind<unknown> = KINDS[access] as AccessKind<unknown>;
        try {
            return kind.describe(kind.readSync(this.files, URI.parse(uri)), this.digests());
        } catch {
            return MISSING;
        }
    }

    stat(uri: URI): Promise<FileSystemNode> {
        return this.watch(uri, STAT, this.files.stat(uri));
    }

    statSync(uri: URI): FileSystemNode {
        return this.watchSync(uri, STAT);
    }

    exists(uri: URI): Promise<boolean> {
        return this.watch(uri, EXISTS, this.files.exists(uri));
    }

    existsSync(uri: URI): boolean {
        return this.watchSync(uri, EXISTS);
    }

    readBinary(uri: URI): Promise<Uint8Array> {
        return this.watch(uri, BYTES, this.files.readBinary(uri));
    }

    readBinarySync(uri: URI): Uint8Array {
        return this.watchSync(uri, BYTES);
    }

    readFile(uri: URI): Promise<string> {
        return this.watch(uri, TEXT, this.files.readFile(uri));
    }

    readFileSync(uri: URI): string {
        return this.watchSync(uri, TEXT);
    }

    /** Folders are not recorded: the snapshot compares the set of files found in the workspace folders itself. */
    readDirectory(uri: URI): Promise<FileSystemNode[]> {
        return this.files.readDirectory(uri);
    }

    readDirectorySync(uri: URI): FileSystemNode[] {
        return this.files.readDirectorySync(uri);
    }

    private record(uri: URI, access: Access, describe: () => string): void {
        const key = `${access} ${uri.toString()}`;
        let found: string | undefined;
        this.found.set(key, { uri: uri.toString(), access, found: () => (found ??= describe()) });
    }

    private watch<T>(uri: URI, kind: AccessKind<T>, result: Promise<T>): Promise<T> {
        return result.then(
            value => this.seen(uri, kind, value),
            error => this.missing(uri, kind, error)
        );
    }

    private watchSync<T>(uri: URI, kind: AccessKind<T>): T {
        try {
            return this.seen(uri, kind, kind.readSync(this.files, uri));
        } catch (error) {
            return this.missing(uri, kind, error);
        }
    }

    /** Records what an access found (described only if a snapshot asks) and passes it on. */
    private seen<T>(uri: URI, kind: AccessKind<T>, value: T): T {
        this.record(uri, kind.access, () => kind.describe(value, this.digests()));
        return value;
    }

    /** Records that an access found nothing there and passes its error on. */
    private missing(uri: URI, kind: AccessKind<unknown>, error: unknown): never {
        this.record(uri, kind.access, () => MISSING);
        throw error;
    }
}
