// Bundles the VS Code client, the language server and the CLI into out/*.cjs (CommonJS, as VS Code loads it).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { nodeBundle } from './scripts/node-bundle.cjs';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

// ELK (elkjs, 3.4 MB: more than half of each bundle) lays out journey graphs only. Bundled in, V8 compiles it at
// every start of the CLI and the server; kept as its own file out/vendor/elk.bundled.cjs (copied from the package,
// already a self-contained bundle) and loaded on the first graph, it costs nothing until then (issue 12).
const elkOutside = {
    name: 'elk-outside',
    setup(build) {
        build.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, () => ({ path: '../vendor/elk.bundled.cjs', external: true }));
    }
};
fs.mkdirSync('out/vendor', { recursive: true });
fs.copyFileSync('node_modules/elkjs/lib/elk.bundled.js', 'out/vendor/elk.bundled.cjs');

const options = {
    entryPoints: {
        'client/extension': 'client/extension.ts',
        'server/main': 'server/main.ts',
        'cli/main': 'cli/main.ts',
        'host/code-cache': 'host/code-cache.ts'
    },
    outdir: 'out',
    ...nodeBundle,
    // `import()` becomes `require()`: the CLI and the server run through V8's code cache (host/code-cache.ts), in
    // which Node offers no stable loader for dynamic imports; ELK is the only module loaded that way.
    supported: { 'dynamic-import': false },
    loader: { '.ts': 'ts' },
    sourcemap: !minify,
    minify,
    plugins: [elkOutside],
    logLevel: 'warning'
};

// The journey graph webview's script (client/webview/): a small browser bundle, no dependencies loaded at run time.
const webview = {
    entryPoints: { 'webview/graph-view': 'client/webview/graph-view.ts' },
    outdir: 'out',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    loader: { '.ts': 'ts' },
    sourcemap: false,
    minify: true,
    logLevel: 'warning'
};

if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
    await (await esbuild.context(webview)).watch();
    console.log('esbuild: watching for changes');
} else {
    await esbuild.build(options);
    await esbuild.build(webview);
}
