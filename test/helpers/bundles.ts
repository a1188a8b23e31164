/**
 * Whether bundles in out/ are current: every one exists and no file or folder it could be made from changed after it
 * was written. The vitest global setup (test/global-setup.ts) and the fuzz test's worker bundle skip bundling then.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const repositoryRoot = path.resolve(__dirname, '..', '..');

/** What every bundle of the code base is made from: the source folders, the bundling options and the installed packages. */
export const SOURCE_FOLDERS = ['cli', 'client', 'host', 'language', 'server', 'scripts'];
export const SOURCE_FILES = ['esbuild.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'node_modules/.package-lock.json'];

function modified(file: string): number | undefined {
    try {
        return fs.statSync(path.join(repositoryRoot, file)).mtimeMs;
    } catch {
        return undefined;
    }
}

/** `outputs`, `folders` and `files` are relative to the repository; `IOM_TEST_BUNDLE=always` makes nothing current. */
export function bundlesAreCurrent(outputs: readonly string[], folders: readonly string[], files: readonly string[]): boolean {
    if (process.env.IOM_TEST_BUNDLE === 'always') return false;
    const written = outputs.map(modified);
    if (written.some(time => time === undefined)) return false;
    const oldest = Math.min(...(written as number[]));
    const sources = [
        ...files,
        // The folders too: removing or renaming a file changes its folder's time, not any file's.
        // (Paths as strings: a Dirent's parentPath needs Node 20.12, and package.json allows 20.10.)
        ...folders.flatMap(folder => [
            folder,
            ...fs.readdirSync(path.join(repositoryRoot, folder), { recursive: true, encoding: 'utf8' }).map(entry => path.join(folder, entry))
        ])
    ];
    return sources.every(file => (modified(file) ?? 0) < oldest);
}
