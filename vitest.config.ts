import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        setupFiles: ['./language/groupby-polyfill.mjs'],
        globalSetup: ['./test/global-setup.ts'],
        exclude: [...configDefaults.exclude, 'test/e2e/**', 'out/**'],
        testTimeout: 30_000
    }
});
