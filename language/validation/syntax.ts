import { type AstNode, GrammarUtils } from 'langium';
import { Diagnostics, report } from './diagnostics.js';
import type { Check } from './check-context.js';
import { kindOf } from './kinds.js';

/** A single-valued setting must be given at most once per block: the grammar accepts repeats, and the last one wins. */
export const settingsMustBeGivenOnce: Check<AstNode> = () => (node, accept) => {
    const cst = node.$cstNode;
    if (!cst) return;
    for (const [property, value] of Object.entries(node)) {
        if (property.startsWith('$') || value === undefined || Array.isArray(value)) continue;
        const assigned = GrammarUtils.findNodesForProperty(cst, property);
        for (const extra of assigned.slice(1)) {
            report(accept, Diagnostics.duplicateSetting, { node, range: extra.range },
                { setting: settingLabel(property), kind: kindOf(node.$type) },
                { fix: 'remove-range', range: extra.range });
        }
    }
};

/** `logicalName` → `logical name`. */
export function settingLabel(property: string): string {
    return property.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
