import type { Entity } from '../generated/ast.js';
import { formatName } from '../catalog/catalog.js';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';
import type { Check } from './check-context.js';

/**
 * A user-declared entity is a registered custom entity (catalog entities are built in and exempt). It needs its
 * entity metadata row's logical name (`table`), fields for policy rules to test, and a business event that names it
 * somewhere in the workspace (events drive orchestration of its records).
 */
export const customEntitiesMustBeRegistered: Check<Entity> = context => (node, accept) => {
    if (context.isBuiltin(node) || !node.name) return;
    if (!node.table) report(accept, Diagnostics.customEntityWithoutTable, { node, property: 'name' }, { name: node.name });
    if (node.fields.length === 0) report(accept, Diagnostics.customEntityWithoutFields, { node, property: 'name' }, { name: node.name });
    if (!context.facts.entitiesWithEvents.has(node)) {
        report(accept, Diagnostics.entityWithoutEvents, { node, property: 'name' }, { name: node.name, reference: formatName(node.name) });
    }
};
