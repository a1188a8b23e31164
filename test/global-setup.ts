/**
 * Vitest global setup: bundles the current sources once (out/**\/*.cjs) before any test file runs, so tests that
 * spawn the real CLI or language server never depend on another test (or a manual build) having bundled first.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export default function bundleOnce(): void {
    const root = path.resolve(__dirname, '..');
    const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) {
        throw new Error(`bundling the sources for the tests failed:\n${result.stderr}${result.stdout}`);
    }
}
