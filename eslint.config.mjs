// ESLint (flat config) with typescript-eslint, after Langium's own configuration: the recommended rules of both,
// with the few choices this code base makes explicit below. `npm run lint` runs it with zero warnings allowed.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    {
        ignores: [
            'out/**',
            'node_modules/**',
            'language/generated/**',
            'test/e2e/node_modules/**',
            'test/e2e/webview/**',
            'test/e2e/workspace/**',
            'examples/**',
            '**/*.vsix'
        ]
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: {
            globals: {
                console: 'readonly',
                process: 'readonly',
                setTimeout: 'readonly',
                clearTimeout: 'readonly',
                setInterval: 'readonly',
                clearInterval: 'readonly',
                setImmediate: 'readonly',
                Buffer: 'readonly',
                URL: 'readonly',
                performance: 'readonly',
                structuredClone: 'readonly',
                TextDecoder: 'readonly',
                TextEncoder: 'readonly',
                AbortController: 'readonly',
                queueMicrotask: 'readonly',
                __dirname: 'readonly',
                require: 'readonly',
                module: 'writable',
                globalThis: 'readonly'
            }
        },
        rules: {
            // As in Langium: unused names starting with _ are deliberate (callbacks that ignore an argument).
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
            // Type-only imports are marked (the bundles and `verbatimModuleSyntax`-style readers rely on it).
            '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
            'no-var': 'error',
            'prefer-const': ['error', { destructuring: 'all', ignoreReadBeforeAssign: true }],
            eqeqeq: ['error', 'always', { null: 'ignore' }],
            'no-console': 'off'
        }
    },
    {
        // CommonJS entry points and the end-to-end harness (which runs in VS Code's CommonJS extension host).
        files: ['**/*.cjs', 'test/e2e/**'],
        languageOptions: { sourceType: 'commonjs' },
        rules: { '@typescript-eslint/no-require-imports': 'off' }
    },
    {
        // Functions the end-to-end harness sends to the browser (page.evaluate) read the page's globals.
        files: ['test/e2e/**'],
        languageOptions: { globals: { document: 'readonly', window: 'readonly' } }
    },
    {
        // The benchmark drops its references to a built workspace (`x = undefined`) so the garbage collector can free it.
        files: ['bench/**'],
        rules: { 'no-useless-assignment': 'off' }
    }
);
