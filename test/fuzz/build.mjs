// Bundles the fuzz harness: the worker thread that runs the cases (out/test/fuzz/worker.cjs) and the command line of
// `npm run fuzz` (out/test/fuzz/cli.cjs). Used by `npm run fuzz` and by the bounded run in test/fuzz/fuzz.test.ts.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
await esbuild.build({
    entryPoints: { worker: path.join(root, 'test', 'fuzz', 'worker.ts'), cli: path.join(root, 'test', 'fuzz', 'cli.ts') },
    outdir: path.join(root, 'out', 'test', 'fuzz'),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    loader: { '.ts': 'ts' },
    logLevel: 'warning'
});
