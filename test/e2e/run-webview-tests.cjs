#!/usr/bin/env node
'use strict';
// Bundles test/e2e/webview/*.ts (with the language pipeline, playwright-core external) and runs them with node:test
// in headless Chromium. Needs `node esbuild.mjs` (the webview bundle) and test/e2e/setup.sh (playwright-core).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const outdir = path.join(root, 'out', 'test', 'webview');
// The root type-check leaves these files out (playwright-core is installed only by test/e2e/setup.sh): check them here.
const typecheck = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', path.join(__dirname, 'webview', 'tsconfig.json')],
    { cwd: root, stdio: 'inherit' }
);
if (typecheck.status !== 0) process.exit(typecheck.status ?? 1);
const sources = fs
    .readdirSync(path.join(__dirname, 'webview'))
    .filter(name => name.endsWith('.ts'))
    .sort();
require('esbuild').buildSync({
    absWorkingDir: root,
    entryPoints: sources.map(name => path.join(__dirname, 'webview', name)),
    outdir,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.cjs' },
    external: ['playwright-core'],
    define: { ROOT: JSON.stringify(root) },
    sourcemap: 'inline',
    logLevel: 'warning'
});
const files = sources.map(name => path.join(outdir, name.replace(/\.ts$/, '.cjs')));
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
