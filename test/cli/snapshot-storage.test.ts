/**
 * Where the language server keeps its start snapshots on disk (host/snapshot-storage.ts): real files in a temporary
 * folder. A snapshot is replaced whole, the folder keeps the newest few, the build id is the bundle's content, and a
 * folder that cannot be written means no snapshot, never an error. Without a folder from the client, the snapshots
 * go to the user's cache folder, where each platform keeps caches.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { KEPT, NodeSnapshotStorage, nodeSnapshotStorage, userCacheFolder } from '../../host/snapshot-storage.js';

let root: string;
let code: string;

beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-snapshots-'));
    code = path.join(root, 'main.cjs');
    fs.writeFileSync(code, 'console.log("build 1");\n');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the start snapshots on disk', () => {
    test('a written snapshot is read back; a name never written reads as none', () => {
        const storage = nodeSnapshotStorage(code).open(path.join(root, 'cache'));
        storage.write('a.json', '{"one":1}');
        expect(storage.read('a.json')).toBe('{"one":1}');
        storage.write('a.json', '{"two":2}');
        expect(storage.read('a.json')).toBe('{"two":2}');
        expect(storage.read('b.json')).toBeUndefined();
        // Kept in a folder of their own inside the client's folder, with no temporary file left behind.
        expect(fs.readdirSync(path.join(root, 'cache', 'start-snapshots'))).toEqual(['a.json']);
        // Readable by the user only: the folders it created and the file.
        if (process.platform !== 'win32') {
            for (const created of ['cache', 'cache/start-snapshots', 'cache/start-snapshots/a.json']) {
                expect(fs.statSync(path.join(root, created)).mode & 0o077, created).toBe(0);
            }
        }
    });

    test(`the folder keeps the ${KEPT} newest snapshots`, () => {
        const folder = path.join(root, 'snapshots');
        const storage = new NodeSnapshotStorage(folder, code);
        for (let i = 0; i < KEPT + 3; i++) {
            storage.write(`${i}.json`, String(i));
            // Distinct modification times, oldest first, whatever the file system's resolution.
            const time = new Date(Date.UTC(2026, 0, 1, 0, i));
            fs.utimesSync(path.join(folder, `${i}.json`), time, time);
        }
        storage.write('last.json', 'last');
        const kept = fs.readdirSync(folder).sort();
        expect(kept).toHaveLength(KEPT);
        expect(kept).toContain('last.json');
        expect(kept).not.toContain('0.json');
        expect(kept).not.toContain('3.json');
        expect(kept).toContain(`${KEPT + 2}.json`);
    });

    test('the build id is the hash of the code: the same for the same text, another for another', () => {
        const first = new NodeSnapshotStorage(root, code).buildId;
        expect(first).toMatch(/^[0-9a-f]{64}$/);
        expect(new NodeSnapshotStorage(root, code).buildId).toBe(first);
        // Another build (a process knows the code it runs by the text it read first: another file here).
        const other = path.join(root, 'other.cjs');
        fs.writeFileSync(other, 'console.log("build 2");\n');
        expect(new NodeSnapshotStorage(root, other).buildId).not.toBe(first);
        // Code that cannot be read: an id no other storage has, so that no snapshot is shared.
        const missing = path.join(root, 'missing.cjs');
        expect(new NodeSnapshotStorage(root, missing).buildId).not.toBe(new NodeSnapshotStorage(root, missing).buildId);
    });

    test('a folder that cannot be created: writing does nothing, reading finds nothing', () => {
        const blocker = path.join(root, 'blocker');
        fs.writeFileSync(blocker, 'a file where the folder should be');
        const storage = new NodeSnapshotStorage(path.join(blocker, 'snapshots'), code);
        expect(() => storage.write('a.json', '{}')).not.toThrow();
        expect(storage.read('a.json')).toBeUndefined();
        expect(fs.readdirSync(root).sort()).toEqual(['blocker', 'main.cjs']);
    });

    test('the default folder is the user’s cache folder of the platform, and none where the platform names none', () => {
        const home = () => '/home/ada';
        expect(userCacheFolder({}, 'linux', home)).toBe('/home/ada/.cache/iom-lang');
        expect(userCacheFolder({ XDG_CACHE_HOME: '/var/cache/ada' }, 'linux', home)).toBe('/var/cache/ada/iom-lang');
        // A relative $XDG_CACHE_HOME is invalid (XDG Base Directory specification) and ignored.
        expect(userCacheFolder({ XDG_CACHE_HOME: 'cache' }, 'freebsd', home)).toBe('/home/ada/.cache/iom-lang');
        expect(userCacheFolder({}, 'darwin', () => '/Users/ada')).toBe('/Users/ada/Library/Caches/iom-lang');
        expect(userCacheFolder({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', home)).toBe(
            'C:\\Users\\ada\\AppData\\Local\\iom-lang\\Cache'
        );
        expect(userCacheFolder({}, 'win32', home)).toBeUndefined();
        // No home folder: no default, never an error.
        const homeless = () => {
            throw new Error('ENOENT: no home folder');
        };
        expect(userCacheFolder({}, 'linux', homeless)).toBeUndefined();
        expect(userCacheFolder({}, 'linux', () => '')).toBeUndefined();
        expect(userCacheFolder({ XDG_CACHE_HOME: '/tmp/xdg' }, 'linux', homeless)).toBe('/tmp/xdg/iom-lang');
        // The server's host uses it unless told otherwise.
        expect(nodeSnapshotStorage(code).defaultFolder).toBe(userCacheFolder());
    });
});
