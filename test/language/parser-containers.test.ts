/**
 * The parser sets each syntax-tree node's container itself (language/parser/iom-parser.ts, `linkContainers`) instead
 * of calling Langium's `linkContentToContainer`. Every node must end up with the container, container property and
 * list index that Langium's function gives it: on the examples, on the benchmark's generated files, on a file nested
 * deep enough to be parsed in slices, and on broken input (the partial trees error recovery builds).
 */
import * as path from 'node:path';
import fc from 'fast-check';
import { type AstNode, AstUtils, EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { createIomServices } from '../../language/iom-module.js';
import { SLICE_DEPTH } from '../../language/parser/iom-parser.js';
import { createRandom, journeyFile, providerFile } from '../../bench/generate.js';
import { mutationArbitrary, nestedGroups, readExamples } from '../fuzz/cases.js';

const root = path.resolve(__dirname, '..', '..');
const { Iom } = createIomServices(EmptyFileSystem);
const CONTAINER_FIELDS = ['$container', '$containerProperty', '$containerIndex'] as const;

/** Every node of a tree, found through its properties (not through the containers under test). */
function nodesOf(rootNode: AstNode): AstNode[] {
    const nodes: AstNode[] = [];
    const stack = [rootNode];
    while (stack.length > 0) {
        const node = stack.pop()!;
        nodes.push(node);
        for (const [property, value] of Object.entries(node)) {
            if (property.startsWith('$')) continue;
            for (const item of Array.isArray(value) ? value : [value]) {
                if (typeof item === 'object' && item !== null && typeof (item as AstNode).$type === 'string') stack.push(item as AstNode);
            }
        }
    }
    return nodes;
}

/** Per node: the index of its container among the nodes, its container property and its list index. */
function containers(nodes: AstNode[]): Array<[number, string | undefined, number | undefined]> {
    const index = new Map(nodes.map((node, i) => [node, i]));
    return nodes.map(node => [node.$container ? (index.get(node.$container) ?? -2) : -1, node.$containerProperty, node.$containerIndex]);
}

/** The containers the parser set, and those Langium's `linkContentToContainer` sets on the same tree. */
function oursAndLangiums(text: string) {
    const { value } = Iom.parser.LangiumParser.parse(text);
    const nodes = nodesOf(value);
    const ours = containers(nodes);
    for (const node of nodes) for (const field of CONTAINER_FIELDS) delete (node as unknown as Record<string, unknown>)[field];
    AstUtils.linkContentToContainer(value, { deep: true });
    return { ours, langiums: containers(nodes), nodes: nodes.length };
}

describe('the parser links every node to its container as Langium does', () => {
    test('the examples', () => {
        for (const [example, files] of readExamples(root)) {
            for (const file of files) {
                const { ours, langiums, nodes } = oursAndLangiums(file.text);
                expect(nodes, `${example}/${file.name}`).toBeGreaterThan(1);
                expect(ours, `${example}/${file.name}`).toEqual(langiums);
            }
        }
    });

    test('the benchmark’s generated files', () => {
        const random = createRandom(12);
        for (let region = 0; region < 6; region++) {
            for (const text of [providerFile(region, random), journeyFile(region, random)]) {
                const { ours, langiums } = oursAndLangiums(text);
                expect(ours).toEqual(langiums);
            }
        }
    });

    test('a file nested deeper than one slice, whose slices are parsed apart and grafted', () => {
        const { ours, langiums, nodes } = oursAndLangiums(nestedGroups(SLICE_DEPTH * 3));
        expect(nodes).toBeGreaterThan(SLICE_DEPTH * 3);
        expect(ours).toEqual(langiums);
    });

    test('broken input: the partial trees of error recovery', () => {
        let broken = 0;
        fc.assert(
            fc.property(mutationArbitrary(readExamples(root)), fuzzCase => {
                for (const file of fuzzCase.files) {
                    if (fuzzCase.changed && !fuzzCase.changed.includes(file.name)) continue;
                    const { ours, langiums } = oursAndLangiums(file.text);
                    expect(ours, fuzzCase.origin).toEqual(langiums);
                    if (Iom.parser.LangiumParser.parse(file.text).parserErrors.length > 0) broken++;
                }
            }),
            { numRuns: 200, seed: 12 }
        );
        // Most mutations break the syntax: the trees of error recovery were compared.
        expect(broken).toBeGreaterThan(100);
    }, 120_000);
});
