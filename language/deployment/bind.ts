/**
 * Compiled records → the rows of a Configuration Migration data package, through the Dataverse binding
 * (binding.json). What the package cannot carry (no public format, a value only the target knows, a built-in
 * record's id, an unpublished choice value) becomes an item for the deployment checklist, never silently dropped.
 * With an environment schema, every table, column, type and choice the package writes is checked against it.
 */
import type { CompiledRecord, RecordKind, Reference, SourceLocation, TypedValue } from '../compiler/records.js';
import {
    basisOf,
    binding as defaultBinding,
    type Binding,
    type ColumnBinding,
    type ColumnType,
    type FieldBinding,
    type NamedItem,
    shapeEntries,
    type ShapeEntry
} from './binding.js';
import { Diagnostics } from '../validation/diagnostics.js';
import { codedProblem, type MessageArguments } from '../validation/diagnostic-builder.js';
import { type EnvironmentSchema, environmentColumn, environmentTable, typeMatches } from './environment.js';

/** The Configuration Migration type a column type is written as (domain reference 6.1). */
export const CMT_TYPES: Record<ColumnType | 'key', string> = {
    key: 'guid',
    string: 'string',
    memo: 'string',
    choice: 'optionsetvalue',
    lookup: 'entityreference',
    bool: 'bool',
    wholeNumber: 'number'
};

export interface PackageColumn {
    name: string;
    displayName: string;
    type: ColumnType | 'key';
    /** Lookups: the table the value points to. */
    lookupTable?: string;
}

export interface PackageTable {
    shape: string;
    name: string;
    displayName: string;
    primaryId: string;
    primaryName: string;
    columns: PackageColumn[];
    rows: PackageRow[];
}

export interface PackageField {
    column: string;
    /** The artifact field the value comes from (`name`, `isActive`, … ; `$parent` for the parent lookup). */
    field: string;
    type: ColumnType | 'key';
    value: string;
    lookup?: { table: string; name: string };
}

export interface PackageRow {
    id: string;
    name: string;
    shape: string;
    record: RecordRef;
    source: SourceLocation;
    fields: PackageField[];
}

export interface RecordRef {
    kind: RecordKind;
    id: string;
    name: string;
    source: SourceLocation;
}

/** Something the package cannot carry, for the checklist: `what` to do on `target`. */
export interface ChecklistItem {
    /** The top-level record it belongs to. */
    record: RecordRef;
    /** The binding's step id (`enter-rule-definition`, `save-logic-definition`, `choice`, `builtin-lookup`, …). */
    step: string;
    /** The row or nested item concerned. */
    target: { shape: string; id: string; name: string; source: SourceLocation; table: string | null };
    field: string;
    /** Markdown instruction. */
    text: string;
    /** The value to enter, when there is one (JSON of the artifact field). */
    value?: unknown;
}

export type NameProvenance = 'documented' | 'assumed' | 'confirmed';

export interface UsedName {
    what: 'table' | 'column' | 'api' | 'parameter';
    owner?: string;
    name: string;
    provenance: NameProvenance;
    basis: string;
}

export interface DeploymentDiagnostic {
    code: 'IOM7001' | 'IOM7002' | 'IOM7003' | 'IOM7004';
    message: string;
    source: SourceLocation;
}

export interface BoundPackage {
    tables: PackageTable[];
    checklist: ChecklistItem[];
    names: UsedName[];
    diagnostics: DeploymentDiagnostic[];
}

export interface BindOptions {
    environment?: EnvironmentSchema;
    binding?: Binding;
}

const DEPLOYMENT_DIAGNOSTICS = {
    missingEnvironmentTable: Diagnostics.missingEnvironmentTable,
    missingEnvironmentColumn: Diagnostics.missingEnvironmentColumn,
    environmentColumnTypeMismatch: Diagnostics.environmentColumnTypeMismatch,
    unknownEnvironmentChoice: Diagnostics.unknownEnvironmentChoice
};

interface Item {
    [key: string]: unknown;
    id: string;
    name?: string;
    source: SourceLocation;
}

/** Binds the compiled records (in artifact-path order) to package rows and checklist items. */
export function bindRecords(records: readonly CompiledRecord[], options: BindOptions = {}): BoundPackage {
    const source = options.binding ?? defaultBinding;
    const environment = options.environment;
    const entries = shapeEntries(source);
    const tables = new Map<string, PackageTable>();
    const checklist: ChecklistItem[] = [];
    const diagnostics: DeploymentDiagnostic[] = [];
    const names = new Map<string, UsedName>();
    /** Every item of the output by id, with its shape path: lookups resolve against it. */
    const items = new Map<string, { shape: ShapeEntry; item: Item }>();
    const reported = new Set<string>();

    const useName = (
        what: UsedName['what'],
        item: NamedItem | ({ name: string } & ColumnBinding) | { name: string; provenance: 'documented'; source: string },
        owner?: string,
        confirmed = false
    ) => {
        const key = `${what}:${owner ?? ''}:${item.name}`;
        const provenance: NameProvenance = item.provenance === 'documented' ? 'documented' : confirmed ? 'confirmed' : 'assumed';
        const basis =
            provenance === 'confirmed'
                ? `present in the environment schema (assumed without it: ${basisOf(item as never, source)})`
                : basisOf(item as never, source);
        const previous = names.get(key);
        if (!previous || (previous.provenance === 'assumed' && provenance === 'confirmed')) {
            names.set(key, { what, ...(owner ? { owner } : {}), name: item.name, provenance, basis });
        }
    };
    const diagnose = <K extends keyof typeof DEPLOYMENT_DIAGNOSTICS>(
        definition: K,
        args: MessageArguments<(typeof DEPLOYMENT_DIAGNOSTICS)[K]>,
        at: SourceLocation
    ) => {
        const { code, message } = codedProblem(DEPLOYMENT_DIAGNOSTICS[definition], args);
        const key = `${code}|${at.file}|${at.line}|${at.column}|${message}`;
        if (reported.has(key)) return;
        reported.add(key);
        diagnostics.push({ code, message, source: at });
    };

    // Collect every item first so lookups can resolve forward.
    const walk = (entry: ShapeEntry, item: Item, visit: (entry: ShapeEntry, item: Item, parent?: Item) => void, parent?: Item) => {
        visit(entry, item, parent);
        for (const child of entries.filter(candidate => candidate.parent === entry)) {
            for (const childItem of (item[child.field!] as Item[] | undefined) ?? []) walk(child, childItem, visit, item);
        }
    };
    const topEntry = (kind: RecordKind) => entries.find(entry => entry.path === kind)!;
    for (const record of records) walk(topEntry(record.kind), record as unknown as Item, (entry, item) => items.set(item.id, { shape: entry, item }));

    for (const record of records) {
        const recordRef: RecordRef = { kind: record.kind, id: record.id, name: record.name, source: record.source };
        walk(topEntry(record.kind), record as unknown as Item, (entry, item, parent) => {
            const shape = entry.shape;
            const itemName = displayName(item, shape.primaryName);
            const target = { shape: entry.path, id: item.id, name: itemName, source: item.source, table: shape.table?.name ?? null };
            const note = (step: string, field: string, text: string, value?: unknown) =>
                checklist.push({ record: recordRef, step, target, field, text, ...(value !== undefined ? { value } : {}) });
            const skipped = shape.skipBuiltin && item.builtin === true;
            if (shape.route === 'checklist') {
                for (const [field, fieldBinding] of Object.entries(shape.fields)) {
                    if (fieldBinding.bind === 'checklist' && hasValue(item[field])) note(fieldBinding.step, field, '', item[field]);
                }
                return;
            }
            if (shape.route === 'api') {
                useName('api', shape.api!);
                if (shape.parentParameter) useName('parameter', { name: shape.parentParameter.parameter, ...shape.parentParameter }, shape.api!.name);
                const parameters: Array<{ parameter: string; value: unknown; field: string }> = [];
                if (shape.parentParameter && parent)
                    parameters.push({ parameter: shape.parentParameter.parameter, value: parent.id, field: '$parent' });
                for (const [field, fieldBinding] of Object.entries(shape.fields)) {
                    if (fieldBinding.bind === 'parameter') {
                        useName(
                            'parameter',
                            { name: fieldBinding.parameter, provenance: 'documented', source: fieldBinding.source },
                            shape.api!.name
                        );
                        parameters.push({ parameter: fieldBinding.parameter, value: item[field], field });
                    }
                }
                note(`call:${shape.api!.name}`, '', '', parameters);
                for (const [field, fieldBinding] of Object.entries(shape.fields)) {
                    if (fieldBinding.bind === 'checklist' && hasValue(item[field]) && field !== 'name')
                        note(fieldBinding.step, field, '', item[field]);
                }
                return;
            }
            // route: package
            if (skipped) {
                note('builtin-record', '', '');
                return;
            }
            const tableItem = shape.table!;
            const envTable = environment ? environmentTable(environment, tableItem.name) : undefined;
            if (environment && !envTable) {
                diagnose(
                    'missingEnvironmentTable',
                    { table: tableItem.name, displayName: tableItem.displayName ?? entry.path, target: describe(entry, itemName) },
                    item.source
                );
            }
            useName('table', tableItem, undefined, !!envTable);
            const table = tables.get(entry.path) ?? newTable(entry, tables);
            const primaryId = shape.primaryId!;
            const envPrimary = envTable ? environmentColumn(envTable, primaryId.name) : undefined;
            if (envTable && !envPrimary) {
                diagnose(
                    'missingEnvironmentColumn',
                    { column: primaryId.name, label: 'primary id', table: tableItem.name, target: describe(entry, itemName) },
                    item.source
                );
            }
            useName('column', primaryId, tableItem.name, !!envPrimary);
            const row: PackageRow = { id: item.id, name: itemName, shape: entry.path, record: recordRef, source: item.source, fields: [] };
            row.fields.push({ column: primaryId.name, field: 'id', type: 'key', value: item.id });

            const writeColumn = (field: string, column: ColumnBinding, value: string, label: string, lookup?: PackageField['lookup']) => {
                if (envTable && !environmentHasColumn(column, label)) return;
                useName('column', column, tableItem.name, !!envTable);
                addColumn(table, column, label, lookup?.table);
                row.fields.push({ column: column.name, field, type: column.type, value, ...(lookup ? { lookup } : {}) });
            };
            const writeLookup = (
                field: string,
                column: ColumnBinding,
                reference: { id: string; name: string; builtin?: boolean } | null,
                targets: string[],
                label: string
            ) => {
                if (!reference) return;
                const found = !reference.builtin ? items.get(reference.id) : undefined;
                const targetTable = found?.shape.shape.table?.name;
                if (
                    found &&
                    targets.includes(found.shape.path) &&
                    found.shape.shape.route === 'package' &&
                    targetTable &&
                    !(found.shape.shape.skipBuiltin && found.item.builtin === true)
                ) {
                    writeColumn(field, column, reference.id, label, { table: targetTable, name: reference.name });
                } else {
                    note(reference.builtin || found?.item.builtin === true ? 'builtin-lookup' : 'target-lookup', field, label, reference.name);
                }
            };

            if (shape.parent && parent) {
                const parentEntry = entry.parent!;
                writeLookup(
                    '$parent',
                    shape.parent,
                    { id: parent.id, name: displayName(parent, parentEntry.shape.primaryName), builtin: parent.builtin === true },
                    [parentEntry.path],
                    shape.parent.label ?? shape.parent.name
                );
            }
            for (const [field, fieldBinding] of Object.entries(shape.fields)) {
                const value = item[field];
                writeField(field, fieldBinding, value);
            }
            table.rows.push(row);

            function writeField(field: string, fieldBinding: FieldBinding, value: unknown) {
                if (fieldBinding.bind === 'checklist') {
                    if (hasValue(value)) note(fieldBinding.step, field, '', value);
                    return;
                }
                if (fieldBinding.bind === 'lookup') {
                    writeLookup(field, fieldBinding, value as Reference | null, fieldBinding.targets, fieldBinding.label ?? field);
                    return;
                }
                if (fieldBinding.bind !== 'column' || value === null || value === undefined) return;
                const label = fieldBinding.label ?? field;
                if (fieldBinding.type === 'choice') {
                    const choiceLabel = typeof value === 'object' ? (value as Reference).name : String(value);
                    const known = choiceOf(fieldBinding, choiceLabel);
                    const envValues = envTable ? environmentColumn(envTable, fieldBinding.name)?.options : undefined;
                    if (envValues) {
                        const option = envValues.find(candidate => candidate.label === choiceLabel);
                        if (!option) {
                            diagnose(
                                'unknownEnvironmentChoice',
                                {
                                    value: choiceLabel,
                                    column: fieldBinding.name,
                                    label,
                                    table: tableItem.name,
                                    choices: envValues.map(candidate => `'${candidate.label}'`).join(', ') || 'none'
                                },
                                item.source
                            );
                            return;
                        }
                        writeColumn(field, fieldBinding, String(option.value), label);
                    } else if (known !== null && known !== undefined) {
                        writeColumn(field, fieldBinding, String(known), label);
                    } else {
                        if (envTable) environmentHasColumn(fieldBinding, label);
                        note('choice', field, label, choiceLabel);
                    }
                    return;
                }
                const text = encodeValue(fieldBinding.type, value);
                if (text !== undefined) writeColumn(field, fieldBinding, text, label);
            }
            /** Whether the target environment's table has the column with a matching type; reports it when not. */
            function environmentHasColumn(column: ColumnBinding, label: string): boolean {
                const envColumn = environmentColumn(envTable!, column.name);
                if (!envColumn) {
                    diagnose(
                        'missingEnvironmentColumn',
                        { column: column.name, label, table: tableItem.name, target: describe(entry, itemName) },
                        item.source
                    );
                    return false;
                }
                if (!typeMatches(column.type, envColumn.type)) {
                    diagnose(
                        'environmentColumnTypeMismatch',
                        {
                            column: column.name,
                            label,
                            table: tableItem.name,
                            actual: envColumn.type,
                            type: column.type,
                            cmtType: CMT_TYPES[column.type]
                        },
                        item.source
                    );
                    return false;
                }
                return true;
            }
        });
    }
    const order = new Map(entries.map((entry, index) => [entry.path, index]));
    return {
        tables: [...tables.values()].filter(table => table.rows.length > 0).sort((a, b) => order.get(a.shape)! - order.get(b.shape)!),
        checklist,
        names: [...names.values()],
        diagnostics
    };
}

function newTable(entry: ShapeEntry, tables: Map<string, PackageTable>): PackageTable {
    const shape = entry.shape;
    const primaryName = shape.fields[shape.primaryName!] as { name: string };
    const table: PackageTable = {
        shape: entry.path,
        name: shape.table!.name,
        displayName: shape.table!.displayName ?? shape.table!.name,
        primaryId: shape.primaryId!.name,
        primaryName: primaryName.name,
        columns: [
            {
                name: shape.primaryId!.name,
                displayName: shape.table!.displayName ? `${shape.table!.displayName}` : shape.primaryId!.name,
                type: 'key'
            }
        ],
        rows: []
    };
    tables.set(entry.path, table);
    return table;
}

function addColumn(table: PackageTable, column: ColumnBinding, label: string, lookupTable?: string): void {
    if (table.columns.some(existing => existing.name === column.name)) return;
    table.columns.push({ name: column.name, displayName: label, type: column.type, ...(lookupTable ? { lookupTable } : {}) });
}

function choiceOf(column: ColumnBinding, label: string): number | null | undefined {
    if (!column.choices || column.choices === 'entities') return null;
    return column.choices.find(choice => choice.label === label)?.value ?? null;
}

/** A value as the data package writes it; undefined when there is nothing to write (null, empty). */
export function encodeValue(type: ColumnType, value: unknown): string | undefined {
    if (value === null || value === undefined) return undefined;
    const plain = typeof value === 'object' && 'value' in (value as object) ? (value as TypedValue).value : value;
    switch (type) {
        case 'bool':
            return plain === true ? 'True' : plain === false ? 'False' : undefined;
        case 'wholeNumber':
            return typeof plain === 'number' && Number.isInteger(plain) ? String(plain) : undefined;
        default:
            return String(plain);
    }
}

/** The inverse of encodeValue for the plain column types. */
export function decodeValue(type: ColumnType | 'key', text: string): string | number | boolean {
    switch (type) {
        case 'bool':
            return text === 'True' || text === 'true' || text === '1';
        case 'wholeNumber':
        case 'choice':
            return Number(text);
        default:
            return text;
    }
}

function hasValue(value: unknown): boolean {
    if (value === null || value === undefined || value === false) return false;
    if (Array.isArray(value)) return value.length > 0;
    return true;
}

function displayName(item: Item, primaryName: string | undefined): string {
    const value = primaryName ? item[primaryName] : undefined;
    return typeof value === 'string' && value !== '' ? value : (item.name ?? (item.key as string | undefined) ?? item.id);
}

function describe(entry: ShapeEntry, name: string): string {
    return `${entry.shape.table?.displayName ?? entry.path} '${name}'`;
}
