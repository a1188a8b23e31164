import * as fs from 'node:fs';
import * as path from 'node:path';
import { type AstNode, AstUtils, CstUtils, EmptyFileSystem, isLeafCstNode } from 'langium';
import { describe, expect, test } from 'vitest';
import { createIomServices } from '../../language/iom-module.js';
import { forEachLeaf, treeContents } from '../../language/model/ast-walk.js';
import { deeplyNested } from '../helpers/deep-nesting.js';

const { Iom } = createIomServices(EmptyFileSystem);
const parse = (text: string) => Iom.parser.LangiumParser.parse(text).value;

/** Every .iom file of the bundled examples. */
function exampleSources(): Array<[string, string]> {
    const root = path.resolve(__dirname, '../../examples');
    return fs
        .readdirSync(root, { recursive: true, encoding: 'utf8' })
        .filter(file => file.endsWith('.iom'))
        .sort()
        .map(file => [file, fs.readFileSync(path.join(root, file), 'utf8')]);
}

describe('one walk per tree lists what Langium’s streams yield, in their order', () => {
    test.each(exampleSources())('%s: the nodes, the references and the leaves', (_file, text) => {
        const root = parse(text);
        const contents = treeContents(root);
        expect(contents.nodes).toEqual(AstUtils.streamAst(root).toArray());
        const references = AstUtils.streamAst(root)
            .flatMap(node => AstUtils.streamReferences(node))
            .toArray();
        expect(contents.references.length).toBeGreaterThan(0);
        expect(contents.references.map(r => [r.container, r.property, r.index, r.reference])).toEqual(
            references.map(r => [r.container, r.property, r.index, r.reference])
        );
        const leaves: unknown[] = [];
        forEachLeaf(root.$cstNode!, leaf => leaves.push(leaf));
        expect(leaves).toEqual(CstUtils.streamCst(root.$cstNode!).filter(isLeafCstNode).toArray());
    });

    test('each node’s subtree is the slice up to its end, as a pruned stream skips it', () => {
        const [, text] = exampleSources().find(([file]) => file.endsWith('journeys.iom'))!;
        const root = parse(text);
        const { nodes, ends } = treeContents(root);
        nodes.forEach((node, i) => {
            expect(nodes.slice(i + 1, ends[i])).toEqual(AstUtils.streamAllContents(node).toArray());
        });
    });

    test('the walk is done once per tree, and a new parse of the same text is a new walk', () => {
        const text = exampleSources()[0]![1];
        const root = parse(text);
        expect(treeContents(root)).toBe(treeContents(root));
        expect(treeContents(parse(text))).not.toBe(treeContents(root));
    });

    test('a tree 1,000 levels deep is walked without recursion', () => {
        const root = parse(deeplyNested('condition merge', 1000));
        const { nodes, ends } = treeContents(root);
        const depth = (node: AstNode) => {
            let levels = 0;
            for (let at = node.$container; at; at = at.$container) levels++;
            return levels;
        };
        expect(Math.max(...nodes.map(depth))).toBeGreaterThan(1000);
        expect(ends[0]).toBe(nodes.length);
        expect(nodes.length).toBe(AstUtils.streamAst(root).count());
    });
});
