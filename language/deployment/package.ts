/**
 * Writes and reads Configuration Migration data packages (domain reference 6.1): a zip of `[Content_Types].xml`,
 * `data_schema.xml` and `data.xml`. Writing is byte-deterministic: fixed entry order and timestamps, no generated
 * timestamp attributes, the same XML text for the same rows.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { XMLBuilder } from 'fast-xml-parser';
import { CMT_TYPES, type PackageTable } from './bind.js';
import { packageXmlParser } from './environment.js';

export const CONTENT_TYPES_PART = '[Content_Types].xml';
export const SCHEMA_PART = 'data_schema.xml';
export const DATA_PART = 'data.xml';
export const PACKAGE_PARTS = [CONTENT_TYPES_PART, SCHEMA_PART, DATA_PART] as const;

/** The zip entries' timestamp: 1980-01-01 00:00 in local time, the earliest a zip can hold, so no clock leaks in. */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** XML attribute text: the five markup characters and the whitespace an XML parser would otherwise normalise. */
export function escapeAttribute(text: string): string {
    return text.replace(
        /[&<>"'\t\n\r]/g,
        char =>
            ({
                '&': '&amp;',
                '<': '&lt;',
                '>': '&gt;',
                '"': '&quot;',
                "'": '&apos;',
                '\t': '&#9;',
                '\n': '&#10;',
                '\r': '&#13;'
            })[char]!
    );
}

const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    suppressBooleanAttributes: false,
    processEntities: false
});

type XmlAttributes = Record<string, string>;
const attrs = (values: Record<string, string | undefined>): XmlAttributes =>
    Object.fromEntries(
        Object.entries(values)
            .filter(([, value]) => value !== undefined)
            .map(([key, value]) => [`@_${key}`, escapeAttribute(value!)])
    );

function xml(root: Record<string, unknown>): string {
    return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, ...root }).replace(/\r\n/g, '\n');
}

export function contentTypesXml(): string {
    return xml({
        Types: {
            '@_xmlns': 'http://schemas.openxmlformats.org/package/2006/content-types',
            Default: attrs({ Extension: 'xml', ContentType: 'application/octet-stream' })
        }
    });
}

export function schemaXml(tables: readonly PackageTable[]): string {
    return xml({
        entities: {
            entity: tables.map(table => ({
                ...attrs({
                    name: table.name,
                    displayname: table.displayName,
                    primaryidfield: table.primaryId,
                    primarynamefield: table.primaryName,
                    disableplugins: 'false'
                }),
                fields: {
                    field: table.columns.map(column =>
                        attrs({
                            displayname: column.displayName,
                            name: column.name,
                            type: CMT_TYPES[column.type],
                            ...(column.type === 'key' ? { primaryKey: 'true' } : {}),
                            ...(column.lookupTable ? { lookupType: column.lookupTable } : {})
                        })
                    )
                },
                relationships: ''
            }))
        }
    });
}

export function dataXml(tables: readonly PackageTable[]): string {
    return xml({
        entities: {
            entity: tables.map(table => ({
                ...attrs({ name: table.name, displayname: table.displayName }),
                records: {
                    record: table.rows.map(row => ({
                        ...attrs({ id: row.id }),
                        field: row.fields.map(field =>
                            attrs({
                                name: field.column,
                                value: field.value,
                                ...(field.lookup ? { lookupentity: field.lookup.table, lookupentityname: field.lookup.name } : {})
                            })
                        )
                    }))
                },
                m2mrelationships: ''
            }))
        }
    });
}

/** The package's zip bytes: the three parts in a fixed order with a fixed timestamp. */
export function packageZip(tables: readonly PackageTable[]): Uint8Array {
    const parts: Record<(typeof PACKAGE_PARTS)[number], string> = {
        [CONTENT_TYPES_PART]: contentTypesXml(),
        [SCHEMA_PART]: schemaXml(tables),
        [DATA_PART]: dataXml(tables)
    };
    return zipSync(Object.fromEntries(PACKAGE_PARTS.map(name => [name, [strToU8(parts[name]), { mtime: FIXED_TIME, level: 6 }]])) as never);
}

// -- reading ---------------------------------------------------------------------------------------------------------

export class PackageReadError extends Error {}

export interface ReadField {
    name: string;
    value: string;
    lookupentity?: string;
    lookupentityname?: string;
}

export interface ReadRecord {
    id: string;
    fields: ReadField[];
}

export interface ReadEntity {
    name: string;
    displayname?: string;
    primaryidfield?: string;
    primarynamefield?: string;
    /** From data_schema.xml: field name → declared type attributes. */
    fields: Map<string, { name: string; type: string; primaryKey: boolean; lookupType?: string }>;
    records: ReadRecord[];
}

export interface ReadPackage {
    parts: string[];
    texts: Record<string, string>;
    entities: ReadEntity[];
}

/** Reads a data package's zip bytes: its parts, the schema's entities and fields, and the data's records. */
export function readPackage(bytes: Uint8Array): ReadPackage {
    let files: Record<string, Uint8Array>;
    try {
        files = unzipSync(bytes);
    } catch (error) {
        throw new PackageReadError(`not a zip file (${error instanceof Error ? error.message : String(error)})`);
    }
    const texts = Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
    const dataText = texts[DATA_PART];
    if (!dataText) throw new PackageReadError(`no ${DATA_PART} in the package`);
    const schemaText = texts[SCHEMA_PART];
    const parser = packageXmlParser();
    type Node = Record<string, unknown> & { entities?: { entity?: Array<Record<string, unknown>> } };
    const parse = (name: string, text: string): Node => {
        try {
            return parser.parse(text, true) as Node;
        } catch (error) {
            throw new PackageReadError(`${name}: not well-formed XML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
        }
    };
    const schema = schemaText ? parse(SCHEMA_PART, schemaText) : {};
    const data = parse(DATA_PART, dataText);
    const declared = new Map<string, ReadEntity>();
    for (const entity of (schema.entities?.entity ?? []) as Array<Record<string, string> & { fields?: { field?: Array<Record<string, string>> } }>) {
        // An attribute the file leaves out reads as empty, as a field's missing value does below.
        declared.set(entity.name ?? '', {
            name: entity.name ?? '',
            displayname: entity.displayname,
            primaryidfield: entity.primaryidfield,
            primarynamefield: entity.primarynamefield,
            records: [],
            fields: new Map(
                (entity.fields?.field ?? []).map(field => [
                    field.name ?? '',
                    {
                        name: field.name ?? '',
                        type: field.type ?? '',
                        primaryKey: field.primaryKey === 'true',
                        ...(field.lookupType ? { lookupType: field.lookupType } : {})
                    }
                ])
            )
        });
    }
    const entities: ReadEntity[] = [];
    for (const entity of (data.entities?.entity ?? []) as Array<Record<string, string> & { records?: { record?: Array<Record<string, unknown>> } }>) {
        const read: ReadEntity = declared.get(entity.name ?? '') ?? {
            name: entity.name ?? '',
            displayname: entity.displayname,
            fields: new Map(),
            records: []
        };
        for (const record of entity.records?.record ?? []) {
            const fields = ((record.field ?? []) as Array<Record<string, string>>).map(field => ({
                name: field.name ?? '',
                value: field.value ?? '',
                ...(field.lookupentity ? { lookupentity: field.lookupentity } : {}),
                ...(field.lookupentityname ? { lookupentityname: field.lookupentityname } : {})
            }));
            read.records.push({ id: String(record.id ?? ''), fields });
        }
        entities.push(read);
    }
    return { parts: Object.keys(files), texts, entities };
}
