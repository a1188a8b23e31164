import * as os from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        setupFiles: ['./language/groupby-polyfill.mjs'],
        globalSetup: ['./test/global-setup.ts'],
        exclude: [...configDefaults.exclude, 'test/e2e/**', 'out/**'],
        testTimeout: 30_000,
        // Measured on the project's 2-CPU machines (docs/development.md, "Tests"): vitest's default of CPUs - 1 runs
        // one file at a time (274 s for the whole suite); two workers overlap one file's waiting on a child process
        // (a language server, a spawned CLI, a fuzz worker) with another's work (147 s).
        maxWorkers: Math.max(2, os.availableParallelism() - 1),
        // Each worker keeps its modules from one test file to the next instead of importing Langium, the language
        // and the helpers again for every file (import time 72 s → 13 s, the suite 147 s → 126 s). This relies on
        // what the code base guarantees anyway: no module-level mutable state (services come from createIomServices,
        // test/validation/services.test.ts); a test that changes something global (a spy, the directory, an
        // environment variable) restores it.
        isolate: false
    }
});
