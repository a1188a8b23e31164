/**
 * The language's parser is built by our own builder (language/parser/iom-parser-builder.ts), not Langium's
 * `createParser`. It must parse exactly like a parser built by Langium's builder from the same grammar: the same
 * AST, the same CST, the same syntax errors with the same recovery. These tests compare the two parsers on the
 * examples, the benchmark's generated workspaces and thousands of mutations of the examples (broken input is where
 * error recovery, and so the recorded grammar, matters).
 */
import * as path from 'node:path';
import fc from 'fast-check';
import { type AstNode, type CstNode, EmptyFileSystem, type LangiumParser, createParser, isAstNode, isCompositeCstNode, isReference } from 'langium';
import { createLangiumGrammarServices } from 'langium/grammar';
import { parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { createIomServices } from '../../language/iom-module.js';
import { IomParser } from '../../language/parser/iom-parser.js';
import { supportsGrammar, unsupportedFeature } from '../../language/parser/iom-parser-builder.js';
import { applyEdit, mutationArbitrary, nestedGroups, nestedSplitters, readExamples } from '../fuzz/cases.js';
import { journeyFile, providerFile, createRandom } from '../../bench/generate.js';

const root = path.resolve(__dirname, '..', '..');
const { Iom } = createIomServices(EmptyFileSystem);
const ours = Iom.parser.LangiumParser;

/** The same parser class with its rules built by Langium's builder: the reference. */
function langiumBuiltParser(): LangiumParser {
    const parser = createParser(Iom.Grammar, new IomParser(Iom), Iom.parser.Lexer.definition);
    parser.finalize();
    return parser;
}
const reference = langiumBuiltParser();

/** Grammar elements by identity, numbered in the order first met (both parsers share the grammar's objects). */
const elementIds = new Map<object, number>();
const idOf = (element: object | undefined) => {
    if (!element) return -1;
    let id = elementIds.get(element);
    if (id === undefined) elementIds.set(element, (id = elementIds.size));
    return id;
};

/**
 * A parse result as lines of plain text: every AST node (its properties, references by text), every CST node (its
 * grammar element by id) and every error. Walked without recursion, so thousands of nesting levels are fine.
 */
function describeParse(parser: LangiumParser, text: string): string[] {
    const result = parser.parse(text);
    const lines: string[] = [];
    const nodes: AstNode[] = [result.value];
    for (let node = nodes.pop(); node; node = nodes.pop()) {
        const fields: string[] = [];
        for (const [key, value] of Object.entries(node)) {
            if (key === '$container' || key === '$document' || key === '$cstNode') continue;
            const describe = (item: unknown): string => {
                if (isReference(item)) return `ref ${item.$refText} @${item.$refNode?.offset}+${item.$refNode?.length}`;
                if (isAstNode(item)) {
                    nodes.push(item);
                    return `node ${item.$type}`;
                }
                return JSON.stringify(item);
            };
            fields.push(`${key}=${Array.isArray(value) ? `[${value.map(describe).join(', ')}]` : describe(value)}`);
        }
        lines.push(`ast ${node.$cstNode?.offset}+${node.$cstNode?.length} ${fields.join(' ')}`);
    }
    const cst: CstNode[] = result.value.$cstNode ? [result.value.$cstNode] : [];
    for (let node = cst.pop(); node; node = cst.pop()) {
        const kind = isCompositeCstNode(node) ? `composite of ${node.content.length}` : `leaf ${JSON.stringify(node.text)}`;
        lines.push(`cst ${node.offset}+${node.length} hidden=${node.hidden} grammar=${idOf(node.grammarSource)} ast=${node.astNode.$type} ${kind}`);
        if (isCompositeCstNode(node)) cst.push(...[...node.content].reverse());
    }
    for (const { offset, length, message } of result.lexerErrors) lines.push(`lexer error ${offset}+${length} ${message}`);
    for (const error of result.parserErrors) {
        const { image, startOffset, tokenType } = error.token;
        lines.push(
            `parser error ${error.name} ${error.message} at ${JSON.stringify(image)} ${startOffset} ${tokenType?.name} ` +
                `after ${(error as { previousToken?: { startOffset: number } }).previousToken?.startOffset} in ${error.context?.ruleStack?.join('/')}`
        );
    }
    return lines;
}

function expectSameParse(text: string): void {
    const [mine, langiums] = [describeParse(ours, text), describeParse(reference, text)];
    // Compared as one string first: a diff of thousands of lines is only worth computing when they differ.
    if (mine.join('\n') !== langiums.join('\n')) expect(mine).toEqual(langiums);
}

const examples = readExamples(root);

describe('the parser built by our builder parses like one built by Langium', () => {
    test("IOM's grammar is built by our builder", () => {
        expect(unsupportedFeature(Iom.Grammar)).toBeUndefined();
        expect(supportsGrammar(Iom.Grammar)).toBe(true);
    });

    test('the examples: the same AST, CST and (no) errors', () => {
        let files = 0;
        for (const file of [...examples.values()].flat()) {
            expectSameParse(file.text);
            files++;
        }
        expect(files).toBeGreaterThan(10);
        expect(describeParse(ours, [...examples.values()][0]![0]!.text).filter(line => line.includes(' error '))).toEqual([]);
    });

    test("the benchmark's generated provider and journey files", () => {
        const random = createRandom(12);
        for (let r = 0; r < 6; r++) {
            expectSameParse(providerFile(r, random));
            expectSameParse(journeyFile(r, random));
        }
    });

    test('nesting past the slice depth (the parser parses it in slices)', () => {
        expectSameParse(nestedGroups(60));
        expectSameParse(nestedSplitters(30));
    });

    test('mutated examples: the same syntax errors, the same recovered trees', () => {
        let broken = 0;
        fc.assert(
            fc.property(mutationArbitrary(examples), fuzzCase => {
                for (const file of fuzzCase.files) {
                    if (fuzzCase.changed && !fuzzCase.changed.includes(file.name)) continue;
                    expectSameParse(file.text);
                    if (ours.parse(file.text).parserErrors.length > 0) broken++;
                }
            }),
            { seed: 20261201, numRuns: 400 }
        );
        // Most mutations break the syntax: error recovery is what was compared.
        expect(broken).toBeGreaterThan(200);
    }, 120_000);

    test('edits of every kind at many places of one file', () => {
        const text = examples.get('quickstart-lab')!.find(file => file.name === 'policies.iom')!.text;
        for (let i = 0; i <= 40; i++) {
            const at = i / 40;
            expectSameParse(applyEdit(text, { kind: 'truncate', at }));
            expectSameParse(applyEdit(text, { kind: 'delete', at, length: 7 }));
            expectSameParse(applyEdit(text, { kind: 'insert', at, token: '}' }));
            expectSameParse(applyEdit(text, { kind: 'insert', at, token: 'group and {' }));
        }
    });

    test('the same through the language services (a document parsed, linked and validated)', async () => {
        const parse = parseHelper(Iom);
        const document = await parse([...examples.values()][0]![0]!.text, { validation: true });
        expect(document.parseResult.parserErrors).toEqual([]);
        expect(document.parseResult.value.$type).toBe('Model');
    });
});

describe('grammars our builder leaves to Langium', () => {
    const grammarServices = createLangiumGrammarServices(EmptyFileSystem).grammar;
    const grammarOf = async (text: string) => {
        const document = await parseHelper(grammarServices)(text);
        return document.parseResult.value as unknown as typeof Iom.Grammar;
    };
    const header = 'grammar G\nentry Model: items+=Item*;\nhidden terminal WS: /\\s+/;\nterminal ID: /[a-z]+/;\n';

    test('a plain grammar is ours', async () => {
        expect(unsupportedFeature(await grammarOf(`${header}Item: 'item' name=ID ('a' | 'b')? ;`))).toBeUndefined();
    });

    test.each([
        ['rule parameters', `${header}Item<p>: 'item' name=ID;`, 'parameters of rule Item'],
        ['rule arguments', `${header}Item: 'item' name=ID Other<true>;\nOther<p>: (<p> 'x')?;`, 'rule arguments in rule Item'],
        ['unordered groups', `${header}Item: 'item' (name=ID & 'x');`, 'an unordered group in rule Item'],
        ['assigning actions', `${header}Item: 'item' {infer Pair.left=current} 'x';`, 'an assigning action in rule Item']
    ])('%s', async (_, text, expected) => {
        const grammar = await grammarOf(text);
        expect(unsupportedFeature(grammar)).toContain(expected);
        expect(supportsGrammar(grammar)).toBe(false);
    });
});
