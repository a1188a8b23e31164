// Bundles the VS Code client, the language server and the CLI into out/*.cjs (CommonJS, as VS Code loads it).
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const options = {
    entryPoints: {
        'client/extension': 'client/extension.ts',
        'server/main': 'server/main.ts',
        'cli/main': 'cli/main.ts'
    },
    outdir: 'out',
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.cjs' },
    external: ['vscode'],
    loader: { '.ts': 'ts' },
    sourcemap: !minify,
    minify,
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
