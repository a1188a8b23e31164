'use strict';
// The esbuild options every CommonJS bundle for Node shares (esbuild.mjs, test/e2e/build.mjs): one `.cjs` file per
// entry, for Node 20, with `vscode` left to the extension host that loads it.
exports.nodeBundle = {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.cjs' },
    external: ['vscode']
};
