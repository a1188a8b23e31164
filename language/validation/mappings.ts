import { AstUtils } from 'langium';
import type { IdMappings } from '../generated/ast.js';
import { type Check, locationOf } from './check-context.js';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';
import { idMappingKey } from './facts.js';
import { MAPPING_TABLES } from '../model/mapping-tables.js';

/**
 * ID mappings (domain reference 2.7): they belong to a provider and/or a mapping group; one external value of a
 * mapping table is mapped once per scope (across the workspace); a provider's mappings are in its mapping group.
 */
export const idMappingsMustBeUsable: Check<IdMappings> = context => (node, accept) => {
    if (context.isBuiltin(node) || !node.name) return;
    if (!node.provider && !node.mappingGroup) {
        report(accept, Diagnostics.idMappingsWithoutScope, { node, property: 'name' }, { name: node.name });
    }
    const provider = node.provider?.ref;
    const group = node.mappingGroup?.ref;
    const used = provider?.mappingGroup?.ref;
    if (provider && group && used && used !== group) {
        report(
            accept,
            Diagnostics.mappingGroupMismatch,
            { node, property: 'mappingGroup' },
            { provider: provider.name, used: used.name, group: group.name }
        );
    }
    const documents = context.services.shared.workspace.LangiumDocuments;
    for (const row of node.rows) {
        if (!row.table || row.externalValue === undefined) continue;
        const rows = context.facts.idMappings.get(idMappingKey(node.provider?.$refText, node.mappingGroup?.$refText, row)) ?? [];
        const first = rows[0];
        if (!first || first === row) continue;
        const where = locationOf(documents.getDocument(AstUtils.getDocument(first).uri), first.$cstNode?.range.start.line);
        report(
            accept,
            Diagnostics.duplicateIdMapping,
            { node: row, property: 'externalValue' },
            { table: MAPPING_TABLES[row.table] ?? row.table, value: row.externalValue, field: row.externalField, other: `first at ${where}` }
        );
    }
};
