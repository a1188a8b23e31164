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
// esbuild writes the code itself in ASCII (its default charset escapes every other character) but keeps comments as
// they are, and ours have dashes and arrows. One character outside Latin-1 makes V8 hold the whole 3 MB source as a
// two-byte string: twice the memory, a slower read, hash (the code cache's key) and scan at every start of the CLI
// and the server (about 20 ms of the server's initialize). Each such character in a comment becomes `?`, one UTF-16
// unit for one, so the source maps' lines and columns stay right.
const asciiComments = {
    name: 'ascii-comments',
    setup(build) {
        build.onEnd(result => {
            for (const file of Object.keys(result.metafile?.outputs ?? {})) {
                if (!file.endsWith('.cjs')) continue;
                const text = fs.readFileSync(file, 'utf8');
                if (/[\u0080-\uffff]/.test(text)) fs.writeFileSync(file, text.replace(/[\u0080-\uffff]/g, '?'));
            }
        });
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
    metafile: true,
    plugins: [elkOutside, asciiComments],
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
