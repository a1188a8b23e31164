/**
 * A data package read back into records: each row becomes the fields of its artifact record the binding writes
 * (column values decoded back: strings, booleans, whole numbers, choice labels, lookups as `{ id, name }`), child
 * rows nested under their parent row by the parent lookup. Used by the round-trip test and by `iom plan` against a
 * package (ours, or one exported from an environment).
 */
import type { RecordKind } from '../compiler/records.js';
import { binding as defaultBinding, type Binding, type ColumnBinding, shapeEntries, type ShapeEntry } from './binding.js';
import type { ReadPackage } from './package.js';

export interface PackageRecord {
    /** The binding shape: `policy`, `policy.rules`, … */
    shape: string;
    kind: RecordKind;
    id: string;
    name: string;
    table: string;
    /** Artifact field → decoded value. */
    fields: Record<string, unknown>;
    /** Child field (`rules`) → rows. */
    children: Record<string, PackageRecord[]>;
    /** Columns of the row the binding does not know (e.g. of an exported package). */
    unknownColumns: Record<string, string>;
}

/** The package's rows as nested records; rows of tables the binding does not know are left out (listed in `unknownTables`). */
export function recordsFromPackage(read: ReadPackage, source: Binding = defaultBinding): { records: PackageRecord[]; unknownTables: string[] } {
    const entries = shapeEntries(source).filter(entry => entry.shape.route === 'package' && entry.shape.table);
    const byTable = new Map(entries.map(entry => [entry.shape.table!.name.toLowerCase(), entry]));
    const rows = new Map<string, { entry: ShapeEntry; record: PackageRecord; parentId?: string }>();
    const unknownTables: string[] = [];
    for (const entity of read.entities) {
        const entry = byTable.get(entity.name.toLowerCase());
        if (!entry) {
            unknownTables.push(entity.name);
            continue;
        }
        const shape = entry.shape;
        const columns = new Map<string, { field: string; column: ColumnBinding }>();
        for (const [field, fieldBinding] of Object.entries(shape.fields)) {
            if (fieldBinding.bind === 'column' || fieldBinding.bind === 'lookup')
                columns.set(fieldBinding.name.toLowerCase(), { field, column: fieldBinding });
        }
        for (const row of entity.records) {
            const record: PackageRecord = {
                shape: entry.path,
                kind: entry.kind,
                id: row.id.toLowerCase().replace(/[{}]/g, ''),
                name: '',
                table: entity.name,
                fields: {},
                children: {},
                unknownColumns: {}
            };
            let parentId: string | undefined;
            for (const field of row.fields) {
                const name = field.name.toLowerCase();
                if (name === shape.primaryId!.name.toLowerCase()) continue;
                if (shape.parent && name === shape.parent.name.toLowerCase()) {
                    parentId = field.value.toLowerCase();
                    continue;
                }
                const bound = columns.get(name);
                if (!bound) {
                    record.unknownColumns[field.name] = field.value;
                    continue;
                }
                record.fields[bound.field] = decode(bound.column, field.value, field.lookupentityname);
            }
            const primary = shape.primaryName ? record.fields[shape.primaryName] : undefined;
            record.name = typeof primary === 'string' ? primary : record.id;
            rows.set(record.id, { entry, record, parentId });
        }
    }
    const records: PackageRecord[] = [];
    for (const { entry, record, parentId } of rows.values()) {
        const parent = parentId ? rows.get(parentId) : undefined;
        if (parent && entry.parent && parent.entry === entry.parent) {
            (parent.record.children[entry.field!] ??= []).push(record);
        } else {
            records.push(record);
        }
    }
    return { records, unknownTables };
}

function decode(column: ColumnBinding, value: string, lookupName: string | undefined): unknown {
    switch (column.type) {
        case 'bool':
            return value === 'True' || value === 'true' || value === '1';
        case 'wholeNumber':
            return Number(value);
        case 'lookup':
            return { id: value.toLowerCase().replace(/[{}]/g, ''), name: lookupName ?? null };
        case 'choice': {
            const number = Number(value);
            const choice = Array.isArray(column.choices) ? column.choices.find(candidate => candidate.value === number) : undefined;
            return choice ? choice.label : number;
        }
        default:
            return value;
    }
}
