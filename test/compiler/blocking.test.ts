import * as fs from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { compileWorkspace } from '../../language/compiler/index.js';
import { loadWorkspace } from '../../host/load-workspace.js';
import { copyExample, tempDir } from './helpers.js';

const cleanup: string[] = [];
afterEach(() => {
    for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Issue 10, item 3: the compiler never emits a workspace whose documents failed to lex, parse or link, even when their
 * diagnostics (filtered by whatever configuration) do not say so: it reads the documents' own errors.
 */
describe('the compiler reads lexer, parser and linker errors itself', () => {
    test.each([
        ['a parser error', (text: string) => text.replace('criticality critical', 'criticality critcal'), 'IOM0002'],
        ['a lexer error', (text: string) => text.replace('criticality critical', 'criticality critical §'), 'IOM0001'],
        ['an unresolved reference', (text: string) => text.replace('entity Order\n', 'entity Ordr\n'), 'IOM1001']
    ] as const)('%s blocks the emit even with its diagnostics removed', async (_name, rewrite, code) => {
        const dir = tempDir();
        cleanup.push(dir);
        copyExample('quickstart-lab', dir, text => rewrite(text));
        const workspace = await loadWorkspace(dir);
        expect(workspace.documents.flatMap(d => d.diagnostics ?? []).map(d => d.code)).toContain(code);
        for (const document of workspace.documents) document.diagnostics = [];
        const result = compileWorkspace(workspace);
        expect(result.ok).toBe(false);
        expect(result.artifacts.size).toBe(0);
        expect(result.errors.map(error => [error.file, error.code])).toContainEqual(['policies.iom', code]);
    });
});
