// Bundles the end-to-end suite for VS Code's extension host:
//   test/e2e/suite/index.ts     -> out/test/e2e/index.cjs        (extensionTestsPath; mocha bundled in)
//   test/e2e/suite/*.test.ts    -> out/test/e2e/<name>.test.cjs  (loaded by index.cjs, mocha's globals)
// Run from anywhere: node test/e2e/build.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { nodeBundle } from '../../scripts/node-bundle.cjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const suite = path.join(here, 'suite');
const outdir = path.join(root, 'out', 'test', 'e2e');

const entryPoints = { index: path.join(suite, 'index.ts') };
for (const file of fs
    .readdirSync(suite)
    .filter(name => name.endsWith('.test.ts'))
    .sort()) {
    entryPoints[file.replace(/\.ts$/, '')] = path.join(suite, file);
}

fs.rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    ...nodeBundle,
    sourcemap: 'inline',
    logLevel: 'warning',
    // mocha's parallel mode resolves worker files at run time; the suite runs serially and never loads them.
    logOverride: { 'require-resolve-not-external': 'silent' }
});
console.log(`e2e suite: bundled ${Object.keys(entryPoints).length - 1} test file(s) into ${path.relative(root, outdir)}/`);
