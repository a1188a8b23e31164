/**
 * Vitest global setup: bundles the current sources once (out/**\/*.cjs) before any test file runs, so tests that
 * spawn the real CLI or language server never depend on another test (or a manual build) having bundled first.
 * Bundles newer than everything they are made from are current: then nothing is bundled (about 4 s of every run in
 * which only tests changed; `IOM_TEST_BUNDLE=always` bundles anyway).
 *
 * Every language server a test starts without a cache folder of its own keeps its start snapshots in the user's cache
 * folder (host/snapshot-storage.ts): during the tests that is a temporary folder ($XDG_CACHE_HOME, inherited by the
 * test workers and the processes they spawn), removed afterwards, so no test reads or leaves snapshots in the home folder.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundlesAreCurrent, repositoryRoot, SOURCE_FILES, SOURCE_FOLDERS } from './helpers/bundles.js';

/** What esbuild.mjs writes. */
const BUNDLES = [
    'out/cli/main.cjs',
    'out/server/main.cjs',
    'out/host/code-cache.cjs',
    'out/client/extension.cjs',
    'out/webview/graph-view.js',
    'out/vendor/elk.bundled.cjs'
];

export default function setup(): () => void {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-test-cache-'));
    process.env.XDG_CACHE_HOME = cache;
    process.env.LOCALAPPDATA = cache;
    bundleOnce();
    return () => fs.rmSync(cache, { recursive: true, force: true });
}

function bundleOnce(): void {
    if (bundlesAreCurrent(BUNDLES, SOURCE_FOLDERS, SOURCE_FILES)) return;
    const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repositoryRoot, encoding: 'utf8' });
    if (result.status !== 0) {
        throw new Error(`bundling the sources for the tests failed:\n${result.stderr}${result.stdout}`);
    }
}
