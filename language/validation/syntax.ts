import { type AstNode, AstUtils, type CstNode, GrammarAST, isCompositeCstNode } from 'langium';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';
import type { Check } from './check-context.js';
import { kindOf } from '../model/kinds.js';
import { assignedASettingTwice } from '../parser/iom-parser.js';

/**
 * A single-valued setting must be given at most once per block: the grammar accepts repeats, and the last one wins.
 * The parser notes each node it assigned a setting twice (`assignedASettingTwice`, parser/iom-parser.ts); only in
 * those is every repeat found in the node's own CST.
 */
export const settingsMustBeGivenOnce: Check<AstNode> = () => (node, accept) => {
    if (!assignedASettingTwice(node)) return;
    for (const [property, nodes] of repeatedSettings(node)) {
        for (const extra of nodes.slice(1)) {
            report(accept, Diagnostics.duplicateSetting, { node, range: extra.range }, { setting: settingLabel(property), kind: kindOf(node.$type) });
        }
    }
};

/**
 * Each single-valued property given more than once directly in a node's own CST (not in its children's), with the
 * CST node of each time it is given, in order.
 */
export function repeatedSettings(node: AstNode): Array<[string, CstNode[]]> {
    const cst = node.$cstNode;
    if (!cst) return [];
    const assigned = assignedNodes(cst, node);
    const result: Array<[string, CstNode[]]> = [];
    for (const [property, value] of Object.entries(node)) {
        if (property.startsWith('$') || value === undefined || Array.isArray(value)) continue;
        const nodes = assigned.get(property);
        if (nodes && nodes.length > 1) result.push([property, nodes]);
    }
    return result;
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
