// Deep nesting (issue 10 item 2, issue 12): 1,000 levels of every nestable construct parse, validate, compile and
// answer every editor request; a block nested past the limit gives one IOM0010 at the first level past it; no failure
// leaves the parser unusable for the next parse. Over the protocol and the CLI: test/protocol/nesting.test.ts.
import { AstUtils, type LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import { NODE_DIGESTS } from '../../host/node-host.js';
import { compileWorkspace } from '../../language/compiler/index.js';
import { MAX_BLOCK_DEPTH } from '../../language/parser/iom-parser.js';
import { blocksPerLevel, deeplyNested, NESTABLE } from '../helpers/deep-nesting.js';
import { createTestServices } from '../helpers/language-services.js';

const services = await createTestServices();
const { Iom } = services;

function depthOf(document: LangiumDocument): number {
    let max = 0;
    for (const node of AstUtils.streamAst(document.parseResult.value)) {
        let depth = 0;
        for (let current = node.$container; current; current = current.$container) depth++;
        if (depth > max) max = depth;
    }
    return max;
}

function positionOf(text: string, needle: string) {
    const offset = text.indexOf(needle);
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - before.lastIndexOf('\n') - 1 };
}

describe('1,000 levels of every nestable construct', () => {
    // Each construct at 1,000 levels, and two at the limit (2,500 blocks: the policy's and the rule's, then groups;
    // the journey's, then two per splitter).
    const cases = [
        ...NESTABLE.map(kind => [kind, 1000] as const),
        ['group or', MAX_BLOCK_DEPTH - 2] as const,
        ['splitter merge', (MAX_BLOCK_DEPTH - 1) / 2 - 0.5] as const
    ];
    test.each(cases)('%s × %i: parses, validates, compiles and answers every request', async (kind, levels) => {
        const text = deeplyNested(kind, levels);
        const document = await services.validate(text, `file:///deep/${kind.replace(' ', '-')}-${levels}.iom`);
        expect(document.parseResult.lexerErrors).toEqual([]);
        expect(document.parseResult.parserErrors).toEqual([]);
        expect(document.diagnostics!.filter(d => /^IOM0/.test(String(d.code)))).toEqual([]);
        expect(depthOf(document)).toBeGreaterThanOrEqual(levels * blocksPerLevel(kind));
        // Every node keeps its place: the innermost one's text is its own.
        const innermost = kind.startsWith('group') || kind === 'related' ? '"Order Number" = "innermost"' : 'step Deepest';
        const deepest = AstUtils.streamAst(document.parseResult.value)
            .toArray()
            .find(node => node.$cstNode?.text.startsWith(innermost));
        expect(deepest, 'the innermost node').toBeDefined();

        const textDocument = { uri: document.uri.toString() };
        const position = positionOf(text, innermost.startsWith('step') ? 'Validate Order Header' : 'Order Number');
        const lsp = Iom.lsp;
        const edits = await lsp.Formatter!.formatDocument(document, { textDocument, options: { tabSize: 4, insertSpaces: true } });
        expect(edits.length).toBeGreaterThan(0);
        expect((await lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument })).data.length).toBeGreaterThan(0);
        expect((await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument })).length).toBe(1);
        expect((await lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument })).length).toBeGreaterThan(1000);
        await lsp.HoverProvider!.getHoverContent(document, { textDocument, position });
        await lsp.DefinitionProvider!.getDefinition(document, { textDocument, position });
        await lsp.DocumentHighlightProvider!.getDocumentHighlight(document, { textDocument, position });
        await lsp.CodeLensProvider!.provideCodeLens(document, { textDocument });
        await lsp.InlayHintProvider!.getInlayHints(document, {
            textDocument,
            range: { start: { line: 0, character: 0 }, end: { line: 99_999, character: 0 } }
        });
        const completion = await lsp.CompletionProvider!.getCompletion(document, { textDocument, position });
        expect(completion?.items.length).toBeGreaterThan(0);
        // Node's hashes, as the CLI and the server compile (a 75 MB artifact at this depth).
        const compiled = compileWorkspace({ root: '/deep', documents: [document], digests: NODE_DIGESTS }, { allowErrors: true });
        expect(compiled.entries.length).toBe(1);
    });
});

describe('past the nesting limit', () => {
    test(`a block nested ${MAX_BLOCK_DEPTH + 1} deep: one IOM0010 at its brace, the rest of the file still checked`, async () => {
        const levels = MAX_BLOCK_DEPTH + 200;
        const text = deeplyNested('group and', levels) + 'event After { description 5 }\n';
        const document = await services.validate(text, 'file:///deep/too-deep.iom');
        const nesting = document.diagnostics!.filter(d => d.code === 'IOM0010');
        expect(nesting).toHaveLength(1);
        // policy + rule + groups: the first brace past the limit is that of group number MAX_BLOCK_DEPTH - 1.
        const lines = text.split('\n');
        const line = 5 + (MAX_BLOCK_DEPTH - 2);
        expect(lines[line]).toBe('group and {');
        expect(nesting[0]?.range.start).toEqual({ line, character: 10 });
        expect(nesting[0]?.message).toContain('2,500');
        // The file goes on being checked after the deep block.
        expect(document.diagnostics!.some(d => d.code === 'IOM0002' && String(d.message).includes("'5'"))).toBe(true);
    });

    test('two separate too-deep blocks: one IOM0010 each', async () => {
        const block = deeplyNested('related', MAX_BLOCK_DEPTH + 5);
        const document = await services.validate(block + block.replace('policy Deep', 'policy Deeper'), 'file:///deep/twice.iom');
        expect(document.diagnostics!.filter(d => d.code === 'IOM0010')).toHaveLength(2);
    });

    test('parsing goes on working after a deep file, a too-deep file and an unbalanced one', () => {
        const parser = Iom.parser.LangiumParser;
        for (const text of [
            deeplyNested('splitter', 1200),
            deeplyNested('group or', MAX_BLOCK_DEPTH + 10),
            'journey J {\n' + 'condition C { yes {\n'.repeat(1500)
        ]) {
            parser.parse(text);
            const small = parser.parse('event A');
            expect(small.parserErrors).toEqual([]);
            expect((small.value as { elements?: unknown[] }).elements).toHaveLength(1);
        }
    });
});

describe('records too deep for JSON.stringify', () => {
    test("are written with the same text by the compiler's own writer", async () => {
        const { stringifyWithoutRecursion } = await import('../../language/compiler/emit.js');
        const sample = { a: [1, 'two', null, undefined, { b: true, c: undefined, d: [] }], e: {}, f: -0.5, 'g"h': '\u00e9\n' };
        expect(stringifyWithoutRecursion(sample)).toBe(JSON.stringify(sample, null, 2));
        let deep: Record<string, unknown> = { conditions: [], type: 'row' };
        for (let i = 0; i < 5000; i++) deep = { conditions: [deep], operator: 'And', type: 'group' };
        expect(() => JSON.stringify(deep, null, 2)).toThrow(RangeError);
        const text = stringifyWithoutRecursion(deep);
        expect(text.startsWith('{\n  "conditions": [\n    {\n      "conditions": [')).toBe(true);
        expect(text.split('\n')).toHaveLength(5000 * 6 + 4);
    });
});
