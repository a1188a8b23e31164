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
        const target = URI.parse(uri);
        try {
            switch (access) {
                case 'stat':
                    return kindOf(this.files.statSync(target));
                case 'exists':
                    return this.files.existsSync(target) ? 'yes' : 'no';
                case 'text':
                    return this.digests().sha256Text(this.files.readFileSync(target));
                case 'bytes':
                    return this.digests().sha1Hex(this.files.readBinarySync(target));
            }
        } catch {
            return MISSING;
        }
    }

    stat(uri: URI): Promise<FileSystemNode> {
        return this.watch(uri, 'stat', this.files.stat(uri), kindOf);
    }

    statSync(uri: URI): FileSystemNode {
        return this.watchSync(uri, 'stat', () => this.files.statSync(uri), kindOf);
    }

    exists(uri: URI): Promise<boolean> {
        return this.watch(uri, 'exists', this.files.exists(uri), exists => (exists ? 'yes' : 'no'));
    }

    existsSync(uri: URI): boolean {
        return this.watchSync(
            uri,
            'exists',
            () => this.files.existsSync(uri),
            exists => (exists ? 'yes' : 'no')
        );
    }

    readBinary(uri: URI): Promise<Uint8Array> {
        return this.watch(uri, 'bytes', this.files.readBinary(uri), bytes => this.digests().sha1Hex(bytes));
    }

    readBinarySync(uri: URI): Uint8Array {
        return this.watchSync(
            uri,
            'bytes',
            () => this.files.readBinarySync(uri),
            bytes => this.digests().sha1Hex(bytes)
        );
    }

    readFile(uri: URI): Promise<string> {
        return this.watch(uri, 'text', this.files.readFile(uri), text => this.digests().sha256Text(text));
    }

    readFileSync(uri: URI): string {
        return this.watchSync(
            uri,
            'text',
            () => this.files.readFileSync(uri),
            text => this.digests().sha256Text(text)
        );
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

    private async watch<T>(uri: URI, access: Access, result: Promise<T>, describe: (value: T) => string): Promise<T> {
        try {
            const value = await result;
            this.record(uri, access, () => describe(value));
            return value;
        } catch (error) {
            this.record(uri, access, () => MISSING);
            throw error;
        }
    }

    private watchSync<T>(uri: URI, access: Access, read: () => T, describe: (value: T) => string): T {
        try {
            const value = read();
            this.record(uri, access, () => describe(value));
            return value;
        } catch (error) {
            this.record(uri, access, () => MISSING);
            throw error;
        }
    }
}

function kindOf(node: FileSystemNode): string {
    return node.isFile ? 'file' : node.isDirectory ? 'directory' : 'other';
}
