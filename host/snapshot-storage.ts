/**
 * Where the language server keeps its start snapshots on disk (language/workspace/start-snapshot.ts): a folder the
 * client names (VS Code's workspace storage), else the user's cache folder ({@link userCacheFolder}), one file per
 * set of workspace folders. Each file is written to a temporary name and renamed, so a reader never sees half of one;
 * the folder keeps the most recently written {@link KEPT} files. A folder that cannot be created or written means no
 * snapshot, never an error.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SnapshotHost, SnapshotStorage } from '../language/workspace/start-snapshot.js';
import { codeDigest } from './code-cache.js';

/** How many snapshots a folder keeps (one per set of workspace folders opened with it). */
export const KEPT = 8;

export class NodeSnapshotStorage implements SnapshotStorage {
    private id: string | undefined;

    /** `code`: the file whose contents identify the server's build (its bundle). */
    constructor(
        readonly folder: string,
        private readonly code: string
    ) {}

    get buildId(): string {
        if (this.id === undefined) {
            try {
                // Usually known already: the code cache hashed the bundle when it loaded it.
                this.id = codeDigest(this.code);
            } catch {
                // Unknown code: a random id, so that no snapshot is ever taken for another build.
                this.id = crypto.randomBytes(16).toString('hex');
            }
        }
        return this.id;
    }

    read(name: string): string | undefined {
        try {
            return fs.readFileSync(path.join(this.folder, name), 'utf8');
        } catch {
            return undefined;
        }
    }

    write(name: string, text: string): void {
        const file = path.join(this.folder, name);
        const temporary = `${file}.${process.pid}.tmp`;
        try {
            // Private to the user, as a cache in the home folder should be (a snapshot lists file names and diagnostics).
            fs.mkdirSync(this.folder, { recursive: true, mode: 0o700 });
            fs.writeFileSync(temporary, text, { mode: 0o600 });
            fs.renameSync(temporary, file);
            this.prune();
        } catch {
            try {
                fs.rmSync(temporary, { force: true });
            } catch {
                // Nothing was written (the folder does not exist or is not a folder).
            }
        }
    }

    /** Removes all but the {@link KEPT} newest snapshots of the folder. */
    private prune(): void {
        const snapshots = fs
            .readdirSync(this.folder)
            .filter(name => name.endsWith('.json'))
            .map(name => ({ name, time: fs.statSync(path.join(this.folder, name)).mtimeMs }))
            .sort((a, b) => b.time - a.time);
        for (const { name } of snapshots.slice(KEPT)) fs.rmSync(path.join(this.folder, name), { force: true });
    }
}

/** The snapshot host of a server whose code is `code` (its bundle): `<folder>/start-snapshots`. */
export function nodeSnapshotStorage(code: string, defaultFolder: string | undefined = userCacheFolder()): SnapshotHost {
    return { open: folder => new NodeSnapshotStorage(path.join(folder, 'start-snapshots'), code), defaultFolder };
}

/**
 * The language server's folder in the user's cache folder, as the platform places it: `$XDG_CACHE_HOME/iom-lang`
 * (else `~/.cache/iom-lang`) on Linux and other Unix systems, `~/Library/Caches/iom-lang` on macOS,
 * `%LOCALAPPDATA%\iom-lang\Cache` on Windows. Undefined when the platform names no such folder.
 */
export function userCacheFolder(
    env: NodeJS.ProcessEnv = process.env,
    platform: NodeJS.Platform = process.platform,
    home: () => string = os.homedir
): string | undefined {
    const paths = platform === 'win32' ? path.win32 : path.posix;
    // A relative folder (an unset home, a relative $XDG_CACHE_HOME, which XDG says to ignore) is no default.
    const absolute = (folder: string | undefined) => (folder && paths.isAbsolute(folder) ? folder : undefined);
    const homeFolder = () => {
        try {
            return absolute(home());
        } catch {
            return undefined; // a user without a home folder
        }
    };
    if (platform === 'win32') {
        const local = absolute(env.LOCALAPPDATA);
        return local ? paths.join(local, 'iom-lang', 'Cache') : undefined;
    }
    if (platform === 'darwin') {
        const folder = homeFolder();
        return folder ? paths.join(folder, 'Library', 'Caches', 'iom-lang') : undefined;
    }
    const cache = absolute(env.XDG_CACHE_HOME) ?? (homeFolder() ? paths.join(homeFolder()!, '.cache') : undefined);
    return cache ? paths.join(cache, 'iom-lang') : undefined;
}
