/**
 * The environment schema: the data_schema.xml that Microsoft's Configuration Migration tool generates from an
 * environment (entities, fields, types, primary keys, lookups; domain reference 6.1). It is the authoritative list of
 * a team's tables and columns; `iom package --environment-schema` checks the package against it.
 *
 * The tool's file lists no choice values. A team may add them by hand inside a field, as
 * `<options><option value="192350000" label="Provider action" /></options>` (an iom extension, docs/deployment.md):
 * with them, choice labels are checked and written as their values.
 */
import { XMLParser } from 'fast-xml-parser';
import type { ColumnType } from './binding.js';

export interface EnvironmentColumn {
    name: string;
    type: string;
    primaryKey: boolean;
    lookupType?: string;
    options?: Array<{ value: number; label: string }>;
}

export interface EnvironmentTable {
    name: string;
    primaryIdField?: string;
    primaryNameField?: string;
    columns: Map<string, EnvironmentColumn>;
}

export interface EnvironmentSchema {
    tables: Map<string, EnvironmentTable>;
}

export class EnvironmentSchemaError extends Error {}

const ARRAYS = new Set(['entity', 'field', 'option', 'relationship', 'record']);

/** The XML parser every reader of Configuration Migration files uses: attributes without prefix, lists always arrays. */
export function packageXmlParser(): XMLParser {
    return new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '',
        htmlEntities: true,
        parseAttributeValue: false,
        parseTagValue: false,
        trimValues: false,
        isArray: name => ARRAYS.has(name)
    });
}

type Attributes = Record<string, string | undefined>;

/** Parses a data_schema.xml text; throws EnvironmentSchemaError when it is not one. */
export function parseEnvironmentSchema(text: string): EnvironmentSchema {
    let document: {
        entities?: { entity?: Array<Attributes & { fields?: { field?: Array<Attributes & { options?: { option?: Attributes[] } }> } }> };
    };
    try {
        document = packageXmlParser().parse(text, true);
    } catch (error) {
        throw new EnvironmentSchemaError(`not well-formed XML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    if (!document || typeof document !== 'object' || !document.entities || typeof document.entities !== 'object') {
        throw new EnvironmentSchemaError('not a Configuration Migration schema (no <entities> root element).');
    }
    const tables = new Map<string, EnvironmentTable>();
    for (const entity of document.entities.entity ?? []) {
        if (!entity.name) throw new EnvironmentSchemaError('an <entity> without a name attribute.');
        const columns = new Map<string, EnvironmentColumn>();
        for (const field of entity.fields?.field ?? []) {
            if (!field.name || !field.type) throw new EnvironmentSchemaError(`entity '${entity.name}': a <field> without name or type.`);
            const options = field.options?.option?.map(option => ({ value: Number(option.value), label: option.label ?? '' }));
            if (options?.some(option => !Number.isInteger(option.value))) {
                throw new EnvironmentSchemaError(`entity '${entity.name}', field '${field.name}': an <option> value is not an integer.`);
            }
            columns.set(field.name.toLowerCase(), {
                name: field.name,
                type: field.type,
                primaryKey: field.primaryKey === 'true',
                ...(field.lookupType ? { lookupType: field.lookupType } : {}),
                ...(options ? { options } : {})
            });
        }
        tables.set(entity.name.toLowerCase(), {
            name: entity.name,
            primaryIdField: entity.primaryidfield,
            primaryNameField: entity.primarynamefield,
            columns
        });
    }
    return { tables };
}

export function environmentTable(schema: EnvironmentSchema, name: string): EnvironmentTable | undefined {
    return schema.tables.get(name.toLowerCase());
}

export function environmentColumn(table: EnvironmentTable, name: string): EnvironmentColumn | undefined {
    return table.columns.get(name.toLowerCase());
}

/** The Configuration Migration types a column type accepts. */
const ACCEPTED: Record<ColumnType | 'key', string[]> = {
    key: ['guid'],
    string: ['string', 'memo'],
    memo: ['string', 'memo'],
    choice: ['optionsetvalue', 'picklist'],
    lookup: ['entityreference'],
    bool: ['bool'],
    wholeNumber: ['number']
};

export function typeMatches(type: ColumnType | 'key', environmentType: string): boolean {
    return ACCEPTED[type].includes(environmentType.toLowerCase());
}
