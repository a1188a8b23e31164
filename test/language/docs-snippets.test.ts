import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { formatDocumentText } from '../../language/lsp/iom-formatter.js';
import { createLspTestServices, repositoryRoot } from '../lsp/helpers.js';
import { itemAt } from '../helpers/items.js';

/**
 * The docs cannot drift from the grammar: every ```iom snippet of docs/language.md parses without a lexing or parsing
 * error (a failure names the snippet's line in the file), and is laid out exactly as the formatter lays it out, so
 * the docs and `iom format` agree on one layout (one-line blocks included). UPDATE_DOCS=1 rewrites the snippets in
 * the formatter's layout.
 */
const services = await createLspTestServices();
const parse = parseHelper(services.Iom);
const docsFile = path.join(repositoryRoot, 'docs', 'language.md');
const text = fs.readFileSync(docsFile, 'utf8');

interface Snippet {
    line: number;
    start: number;
    end: number;
    code: string;
}

function snippets(markdown: string): Snippet[] {
    const found: Snippet[] = [];
    const fence = /^```iom\n([\s\S]*?)^```$/gm;
    for (let match = fence.exec(markdown); match; match = fence.exec(markdown)) {
        const start = match.index + '```iom\n'.length;
        found.push({
            line: markdown.slice(0, match.index).split('\n').length + 1,
            start,
            end: start + itemAt(match, 1).length,
            code: itemAt(match, 1)
        });
    }
    return found;
}

const all = snippets(text);

describe('docs/language.md snippets', () => {
    test('there are snippets for every construct', () => {
        expect(all.length).toBeGreaterThanOrEqual(15);
        const joined = all.map(snippet => snippet.code).join('\n');
        for (const construct of [
            'connection ',
            'connector ',
            'platform {',
            'provider definition ',
            'provider ',
            'parameter ',
            'transformation ',
            'logic ',
            'event ',
            'action type ',
            'allow ',
            'policy ',
            'rule ',
            'journey ',
            'step ',
            'condition ',
            'splitter ',
            'branch ',
            'entity ',
            'extend entity ',
            'state ',
            'transition on ',
            'mapping group ',
            'id mappings ',
            'map ',
            'setting ',
            'paused',
            'version ',
            'logo ',
            'sample data ',
            'secret env'
        ]) {
            expect(joined, construct).toContain(construct);
        }
    });

    test.each(all.map(snippet => [snippet.line, snippet] as const))('the snippet at docs/language.md:%i parses', async (line, snippet) => {
        const document = await parse(snippet.code);
        const errors = [
            ...document.parseResult.lexerErrors.map(error => `${line + (error.line ?? 1) - 1}:${error.column}: ${error.message}`),
            ...document.parseResult.parserErrors.map(
                error => `${line + (error.token.startLine ?? 1) - 1}:${error.token.startColumn}: ${error.message}`
            )
        ];
        expect(errors, `docs/language.md:${line}`).toEqual([]);
    });

    test("every snippet is in the formatter's layout (one-line blocks included)", async () => {
        let updated = text;
        const differences: string[] = [];
        for (const snippet of [...all].reverse()) {
            const formatted = formatDocumentText(await parse(snippet.code), services.Iom, { tabSize: 4, insertSpaces: true });
            if (formatted === undefined || formatted === snippet.code) continue;
            differences.push(`docs/language.md:${snippet.line}\n${formatted}`);
            updated = updated.slice(0, snippet.start) + formatted + updated.slice(snippet.end);
        }
        if (process.env.UPDATE_DOCS === '1') fs.writeFileSync(docsFile, updated);
        else expect(differences.reverse()).toEqual([]);
    });
});
