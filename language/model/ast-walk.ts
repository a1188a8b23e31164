import { type AstNode, type CstNode, type GenericAstNode, isCompositeCstNode, isLeafCstNode, type LeafCstNode, type ReferenceInfo } from 'langium';

/**
 * Every node and every reference of a syntax tree, found in one walk and kept for the tree's lifetime.
 *
 * A build walks each tree several times: the linker, the reference index, the document validator and the
 * whole-file checks each streamed every node with `AstUtils.streamAst` and every reference with
 * `AstUtils.streamReferences`, whose iterators allocate a state object, a key array and a result object per step
 * (about a tenth of a build's time, issue 12). The walk here visits each node once, with plain loops, and lists
 * the nodes and references in exactly the order those streams yield them, so every consumer sees the same order
 * as before.
 *
 * A tree is never restructured after it is parsed (a new text is a new tree), so the lists stay valid for as long
 * as the tree lives; they are held in a WeakMap keyed by the root and go with it.
 */
export interface TreeContents {
    /** Every node in pre-order, the root first (`AstUtils.streamAst`'s order). */
    readonly nodes: readonly AstNode[];
    /** For the node at index i, the index just past its last descendant: `nodes.slice(i, ends[i])` is its subtree. */
    readonly ends: Uint32Array;
    /** Every reference (and multi-reference) of every node, in node order, then property order (`streamReferences`). */
    readonly references: readonly ReferenceInfo[];
}

const walked = new WeakMap<AstNode, TreeContents>();

/** The nodes and references of the tree under `root` (see TreeContents), walked once per tree. */
export function treeContents(root: AstNode): TreeContents {
    let contents = walked.get(root);
    if (!contents) {
        contents = walk(root);
        walked.set(root, contents);
    }
    return contents;
}

function walk(root: AstNode): TreeContents {
    const nodes: AstNode[] = [];
    const parents: number[] = [];
    const references: ReferenceInfo[] = [];
    // An explicit stack (children pushed in reverse) rather than recursion: trees may be thousands of levels deep.
    const stack: AstNode[] = [root];
    const stackParents: number[] = [-1];
    const children: AstNode[] = [];
    while (stack.length > 0) {
        const node = stack.pop()!;
        const index = nodes.length;
        nodes.push(node);
        parents.push(stackParents.pop()!);
        const generic = node as GenericAstNode;
        for (const property in node) {
            if (property.charCodeAt(0) === 36 /* $ */) continue;
            const value = generic[property];
            if (typeof value !== 'object' || value === null) continue;
            if (Array.isArray(value)) {
                for (let i = 0; i < value.length; i++) {
                    const element: unknown = value[i];
                    if (isNode(element)) children.push(element);
                    else if (isAnyReference(element)) references.push({ reference: element, container: node, property, index: i } as ReferenceInfo);
                }
            } else if (isNode(value)) {
                children.push(value);
            } else if (isAnyReference(value)) {
                references.push({ reference: value, container: node, property } as ReferenceInfo);
            }
        }
        for (let i = children.length - 1; i >= 0; i--) {
            stack.push(children[i]!);
            stackParents.push(index);
        }
        children.length = 0;
    }
    // Pre-order: a node's subtree ends where its last descendant's does; fold the ends up from the last node.
    const ends = new Uint32Array(nodes.length);
    for (let i = nodes.length - 1; i >= 0; i--) {
        if (ends[i] === 0) ends[i] = i + 1;
        const parent = parents[i]!;
        if (parent >= 0 && ends[parent]! < ends[i]!) ends[parent] = ends[i]!;
    }
    return { nodes, ends, references };
}

function isNode(value: unknown): value is AstNode {
    return typeof value === 'object' && value !== null && typeof (value as AstNode).$type === 'string';
}

/** Langium's `isReference` or `isMultiReference`. */
function isAnyReference(value: unknown): value is ReferenceInfo['reference'] {
    return (
        typeof value === 'object' &&
        value !== null &&
        typeof (value as { $refText?: unknown }).$refText === 'string' &&
        ('ref' in value || 'items' in value)
    );
}

/** Calls `visit` for every leaf of a concrete syntax tree, in text order (`CstUtils.streamCst`'s leaves), with plain loops. */
export function forEachLeaf(root: CstNode, visit: (leaf: LeafCstNode) => void): void {
    const stack: CstNode[] = [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (isCompositeCstNode(node)) {
            const content = node.content;
            for (let i = content.length - 1; i >= 0; i--) stack.push(content[i]!);
        } else if (isLeafCstNode(node)) {
            visit(node);
        }
    }
}
