import { type AstNode, AstUtils, type CstNode, GrammarAST, isCompositeCstNode } from 'langium';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';
import type { Check } from './check-context.js';
import { kindOf } from '../model/kinds.js';

/**
 * A single-valued setting must be given at most once per block: the grammar accepts repeats, and the last one wins.
 * A first pass over the block's own CST only looks for a repeat; if there is one, a second collects the nodes of every
 * assigned property (the same nodes `GrammarUtils.findNodesForProperty` finds for one property, without a walk per
 * property).
 */
export const settingsMustBeGivenOnce: Check<AstNode> = () => {
    // The lists the quick test works in, reused by every node (checks run one at a time).
    const scratch: Scratch = { seen: [], parents: [] };
    return (node, accept) => {
        const cst = node.$cstNode;
        if (!cst || !assignsASettingTwice(cst, node, scratch)) return;
        const assigned = assignedNodes(cst, node);
        if (assigned.size === 0) return;
        for (const [property, value] of Object.entries(node)) {
            if (property.startsWith('$') || value === undefined || Array.isArray(value)) continue;
            const nodes = assigned.get(property);
            if (!nodes || nodes.length < 2) continue;
            for (const extra of nodes.slice(1)) {
                report(
                    accept,
                    Diagnostics.duplicateSetting,
                    { node, range: extra.range },
                    { setting: settingLabel(property), kind: kindOf(node.$type) }
                );
            }
        }
    };
};

interface Scratch {
    seen: string[];
    parents: CstNode[];
}

/**
 * Whether a single-valued property is assigned more than once directly in a node's own CST. It runs for every node
 * of every file, and almost always answers no: in the caller's lists, without a map or a list per node.
 */
function assignsASettingTwice(cst: CstNode, node: AstNode, { seen, parents }: Scratch): boolean {
    const values = node as unknown as Record<string, unknown>;
    seen.length = 0;
    parents.length = 0;
    parents.push(cst);
    while (parents.length > 0) {
        const parent = parents.pop()!;
        if (!isCompositeCstNode(parent) || parent.astNode !== node) continue;
        for (const child of parent.content) {
            const feature = featureOf(child.grammarSource);
            if (feature === undefined) parents.push(child);
            else if (Array.isArray(values[feature])) continue;
            else if (seen.includes(feature)) return true;
            else seen.push(feature);
        }
    }
    return false;
}

/** The CST nodes of each property assigned directly in a node's own CST (not in its children's), in order. */
function assignedNodes(cst: CstNode, node: AstNode): Map<string, CstNode[]> {
    const result = new Map<string, CstNode[]>();
    const visit = (parent: CstNode) => {
        if (!isCompositeCstNode(parent) || parent.astNode !== node) return;
        for (const child of parent.content) {
            const feature = featureOf(child.grammarSource);
            if (feature !== undefined) {
                const list = result.get(feature);
                if (list) list.push(child);
                else result.set(feature, [child]);
            } else {
                visit(child);
            }
        }
    };
    visit(cst);
    return result;
}

const features = new WeakMap<object, string | null>();

/** The property of the assignment a grammar element belongs to, if any (cached per grammar element). */
function featureOf(element: GrammarAST.AbstractElement | undefined): string | undefined {
    if (!element) return undefined;
    let feature = features.get(element);
    if (feature === undefined) {
        feature = AstUtils.getContainerOfType(element, GrammarAST.isAssignment)?.feature ?? null;
        features.set(element, feature);
    }
    return feature ?? undefined;
}

/** `logicalName` → `logical name`. */
export function settingLabel(property: string): string {
    return property.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
