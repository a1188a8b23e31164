// Bundles the benchmark (bench/run.ts) into out/bench.mjs, and the floor of a cold server start (bench/cold-floor.ts)
// into out/cold-floor.mjs (ESM, Node 20).
// The compiler is being written alongside the benchmark: `iom-bench:compiler` resolves to language/compiler/index.ts
// when that file exists, and to an empty module otherwise, so the benchmark builds either way and reports the
// compile and ajv figures as "n/a (compiler not available)" until the compiler lands.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compilerEntry = path.join(root, 'language', 'compiler', 'index.ts');

const optionalCompiler = {
    name: 'optional-compiler',
    setup(build) {
        build.onResolve({ filter: /^iom-bench:compiler$/ }, () =>
            fs.existsSync(compilerEntry) ? { path: compilerEntry } : { path: 'absent', namespace: 'iom-bench-absent' }
        );
        build.onLoad({ filter: /.*/, namespace: 'iom-bench-absent' }, () => ({ contents: 'export {};', loader: 'js' }));
    }
};

const common = {
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    loader: { '.ts': 'ts' },
    // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" },
    plugins: [optionalCompiler],
    logLevel: 'warning'
};
await esbuild.build({ ...common, entryPoints: [path.join(root, 'bench', 'run.ts')], outfile: path.join(root, 'out', 'bench.mjs') });
// The floor of a cold server start, run as its own fresh process by the start1500 section (bench/cold-floor.ts).
await esbuild.build({ ...common, entryPoints: [path.join(root, 'bench', 'cold-floor.ts')], outfile: path.join(root, 'out', 'cold-floor.mjs') });
