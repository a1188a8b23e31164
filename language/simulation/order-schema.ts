/**
 * The JSON Schema of sample orders, generated from an entity catalog (the built-in one for the extension's
 * `*.order.json` validation, or a workspace's, custom entities included, for `iom simulate --schema`).
 */
import type { EntityCatalog, EntityField, EntityInfo } from '../orders/entities.js';

type Schema = Record<string, unknown>;

function fieldSchema(field: EntityField): Schema {
    const description = field.description ? { description: field.description } : {};
    switch (field.type) {
        case 'number':
            return { type: ['number', 'null'], ...description };
        case 'boolean':
            return { type: ['boolean', 'null'], ...description };
        case 'date':
            return { type: ['string', 'null'], format: 'date', ...description };
        case 'choice':
            return field.values.length ? { enum: [...field.values, null], ...description } : { type: ['string', 'null'], ...description };
        case 'lookup':
            return { type: ['string', 'null'], description: field.description ?? 'The name of the referenced record.' };
        default:
            return { type: ['string', 'null'], ...description };
    }
}

function recordSchema(entity: EntityInfo, order: boolean): Schema {
    const properties: Record<string, Schema> = {
        $id: { type: 'string', description: `The record's name (default: ${order ? 'Order' : `"${entity.name} <n>"`}).` }
    };
    if (!order) properties.$parent = { type: 'string', description: 'The name ($id) of the record it belongs to.' };
    for (const field of entity.fields) properties[field.name] = fieldSchema(field);
    return { type: 'object', title: entity.name, properties, additionalProperties: false };
}

/** The schema of a sample order over the given entities. */
export function sampleOrderSchema(entities: EntityCatalog): Schema {
    const properties: Record<string, Schema> = { $schema: { type: 'string' } };
    const definitions: Record<string, Schema> = {};
    for (const entity of entities.entities) {
        const key = entity.name;
        const isOrder = entity.name === 'Order';
        definitions[key] = recordSchema(entity, isOrder);
        const ref = { $ref: `#/definitions/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` };
        const schema = isOrder
            ? { ...ref, description: 'The order (one object).' }
            : { description: `${entity.name} records${entity.custom ? ' (custom entity)' : ''}.`, oneOf: [{ type: 'array', items: ref }, ref] };
        properties[key] = schema;
        for (const alias of entity.aliases) properties[alias] = schema;
    }
    return {
        $schema: 'http://json-schema.org/draft-07/schema#',
        $id: 'https://iom-lang.dev/schemas/sample-order.schema.json',
        title: 'IOM sample order',
        description: 'A sample order for `iom simulate` and `test` blocks, keyed by entity and field names (docs/simulation.md).',
        type: 'object',
        properties,
        additionalProperties: false,
        definitions
    };
}

export function sampleOrderSchemaText(entities: EntityCatalog): string {
    return JSON.stringify(sampleOrderSchema(entities), null, 2) + '\n';
}
