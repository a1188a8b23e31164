/**
 * Sample orders: the order and its related records, keyed by the language's own entity and field names.
 *
 *   {
 *     "Order": { "Ship to Country/Region": "US", "Order Source": "BigCommerce" },
 *     "Order product": [ { "Quantity": 110 }, { "Quantity": 10 } ],
 *     "Fulfillment order": [ { "$id": "FO-1", "Fulfillment Source": "Seattle store" } ],
 *     "Fulfillment order product": [ { "$parent": "FO-1", "Quantity": 110 } ]
 *   }
 *
 * `Order` is one object; every other entity holds a list of records (or one object). `$id` names a record (default:
 * `<entity> <n>`, the order is `Order`); `$parent` names the record it belongs to (default: the single record of the
 * entity its first many-to-one relation targets). docs/simulation.md describes the format.
 */
import { type Node as JsonNode, parseTree, type ParseError, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
import { type NonEmptyArray } from '../model/collections.js';
import { didYouMean } from '../model/names.js';
import type * as ast from '../generated/ast.js';
import type { EntityCatalog, EntityInfo, FieldType } from './entities.js';

export type Value = string | number | boolean | null;

export interface SimRecord {
    entity: string;
    id: string;
    parent: string | null;
    fields: Record<string, Value>;
    /** Created by the simulation (e.g. fulfillment orders), not given in the sample. */
    created?: boolean;
}

export interface OrderData {
    /** The order's records, the Order record first. */
    records: NonEmptyArray<SimRecord>;
}

/** A problem in a sample order, located in its text (1-based line and column). */
export interface SampleProblem {
    code: SampleCode;
    message: string;
    line: number;
    column: number;
    offset: number;
    length: number;
}

export const SAMPLE_CODES = {
    invalidJson: 'IOM6500',
    unknownEntity: 'IOM6501',
    unknownField: 'IOM6502',
    wrongType: 'IOM6503',
    badLink: 'IOM6504'
} as const;

export type SampleCode = (typeof SAMPLE_CODES)[keyof typeof SAMPLE_CODES];

export class SampleOrderError extends Error {
    constructor(readonly problems: SampleProblem[]) {
        super(problems.map(problem => `${problem.line}:${problem.column} ${problem.code}: ${problem.message}`).join('\n'));
    }
}

/** A value fits a field type: numbers for number fields, booleans for boolean ones, text (or null) otherwise. */
export function valueFits(type: FieldType, value: unknown): boolean {
    if (value === null) return true;
    switch (type) {
        case 'number':
            return typeof value === 'number';
        case 'boolean':
            return typeof value === 'boolean';
        case 'date':
            return typeof value === 'string' && !Number.isNaN(Date.parse(value));
        default:
            return typeof value === 'string';
    }
}

export function describeType(type: FieldType, values: readonly string[] = []): string {
    switch (type) {
        case 'number':
            return 'a number';
        case 'boolean':
            return 'true or false';
        case 'date':
            return 'a date (e.g. "2026-11-30")';
        case 'choice':
            return values.length ? `one of ${values.map(value => JSON.stringify(value)).join(', ')}` : 'a text';
        case 'lookup':
            return 'the name of the referenced record (a text)';
        default:
            return 'a text';
    }
}

/** Parses and checks a sample order's text. Throws a {@link SampleOrderError} listing every problem. */
export function parseSampleOrder(text: string, entities: EntityCatalog): OrderData {
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    const lines = lineStarts(text);
    const problems: SampleProblem[] = [];
    const at = (offset: number, length: number, code: SampleCode, message: string) => {
        const { line, column } = position(lines, offset);
        problems.push({ code, message, line, column, offset, length });
    };
    // The first syntax error only: the parser's later errors follow from it.
    for (const error of errors.slice(0, 1))
        at(error.offset, error.length, SAMPLE_CODES.invalidJson, `Not valid JSON: ${printParseErrorCode(error.error)}.`);
    if (problems.length || !root) {
        if (!root && !problems.length) at(0, 0, SAMPLE_CODES.invalidJson, 'Not valid JSON: the file is empty.');
        throw new SampleOrderError(problems);
    }
    if (root.type !== 'object') {
        at(root.offset, root.length, SAMPLE_CODES.invalidJson, 'A sample order is a JSON object keyed by entity names, e.g. { "Order": { … } }.');
        throw new SampleOrderError(problems);
    }
    const records: SimRecord[] = [];
    let order: SimRecord | undefined;
    for (const property of root.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || !valueNode) continue;
        const key = keyNode.value as string;
        if (key === '$schema') continue;
        const entity = entities.get(key);
        if (!entity) {
            at(
                keyNode.offset,
                keyNode.length,
                SAMPLE_CODES.unknownEntity,
                `Unknown entity '${key}'. Entities: ${entities.entities.map(candidate => candidate.name).join(', ')}.`
            );
            continue;
        }
        const items = valueNode.type === 'array' ? (valueNode.children ?? []) : [valueNode];
        if (entity.name === 'Order' && items.length !== 1) {
            at(valueNode.offset, valueNode.length, SAMPLE_CODES.wrongType, 'A sample holds exactly one Order: write it as one object.');
            continue;
        }
        items.forEach((item, index) => {
            const record = readRecord(item, entity, index, at);
            if (!record) return;
            if (entity.name === 'Order') order = record;
            records.push(record);
        });
    }
    if (!order) {
        order = { entity: 'Order', id: 'Order', parent: null, fields: {} };
        records.unshift(order);
    }
    linkParents(records, entities, root, at);
    if (problems.length) throw new SampleOrderError(problems);
    // The order first, then the other records in the sample's order.
    return { records: [order, ...records.filter(record => record !== order)] };
}

type At = (offset: number, length: number, code: SampleCode, message: string) => void;

function readRecord(node: JsonNode, entity: EntityInfo, index: number, at: At): SimRecord | undefined {
    if (node.type !== 'object') {
        at(node.offset, node.length, SAMPLE_CODES.wrongType, `A ${entity.name} record is a JSON object of field values.`);
        return undefined;
    }
    const record: SimRecord = {
        entity: entity.name,
        id: entity.name === 'Order' ? 'Order' : `${entity.name} ${index + 1}`,
        parent: null,
        fields: {}
    };
    for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || !valueNode) continue;
        const key = keyNode.value as string;
        if (key === '$id' || key === '$parent') {
            if (valueNode.type !== 'string') {
                at(valueNode.offset, valueNode.length, SAMPLE_CODES.wrongType, `'${key}' is a text: a record's name.`);
                continue;
            }
            if (key === '$id') record.id = valueNode.value as string;
            else {
                record.parent = valueNode.value as string;
                parentNodes.set(record, valueNode);
            }
            continue;
        }
        const field = entity.fields.find(candidate => candidate.name === key);
        if (!field) {
            const near = entity.fields.find(candidate => candidate.name.toLowerCase() === key.toLowerCase());
            at(
                keyNode.offset,
                keyNode.length,
                SAMPLE_CODES.unknownField,
                `'${key}' is not a field of ${entity.name}.${near ? didYouMean(near.name) : ` Fields: ${entity.fields.map(f => f.name).join(', ')}.`}`
            );
            continue;
        }
        const value = valueNode.value as unknown;
        if (
            !['string', 'number', 'boolean', 'null'].includes(valueNode.type) ||
            !valueFits(field.type, value) ||
            (field.type === 'choice' && field.values.length > 0 && typeof value === 'string' && !field.values.includes(value))
        ) {
            at(
                valueNode.offset,
                valueNode.length,
                SAMPLE_CODES.wrongType,
                `${entity.name} '${field.name}' is ${describeType(field.type, field.values)}, not ${JSON.stringify(value ?? valueNode.type)}.`
            );
            continue;
        }
        record.fields[field.name] = value as Value;
    }
    return record;
}

const parentNodes = new WeakMap<SimRecord, JsonNode>();

/** Gives each record its parent: the `$parent` it names, or the single record its first many-to-one relation targets. */
export function linkParents(records: SimRecord[], entities: EntityCatalog, root?: JsonNode, at?: At): void {
    const ids = new Map<string, SimRecord>();
    for (const record of records) {
        if (ids.has(record.id) && at) {
            at(root?.offset ?? 0, 0, SAMPLE_CODES.badLink, `Two records are named '${record.id}': give each its own "$id".`);
        }
        ids.set(record.id, record);
    }
    for (const record of records) {
        if (record.entity === 'Order') continue;
        const relation = entities.get(record.entity)?.relations.find(candidate => candidate.cardinality === 'many to one');
        if (record.parent !== null) {
            if (!ids.has(record.parent) && at) {
                const node = parentNodes.get(record);
                at(node?.offset ?? 0, node?.length ?? 0, SAMPLE_CODES.badLink, `No record is named '${record.parent}' ("$parent" of ${record.id}).`);
            }
            continue;
        }
        if (!relation) continue;
        const candidates = records.filter(candidate => candidate.entity === entities.get(relation.target)?.name);
        const [only] = candidates;
        if (only && candidates.length === 1) record.parent = only.id;
        else if (candidates.length > 1 && at) {
            at(
                root?.offset ?? 0,
                0,
                SAMPLE_CODES.badLink,
                `${record.id} belongs to one of ${candidates.length} ${relation.target} records: say which with "$parent".`
            );
        }
    }
}

function lineStarts(text: string): number[] {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
    return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
    let low = 0,
        high = starts.length - 1;
    while (low < high) {
        const mid = (low + high + 1) >> 1;
        // mid and low stay within 0..starts.length - 1 (starts always has the first line's 0).
        if (starts[mid]! <= offset) low = mid;
        else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
}

/** A deep copy of order data (the simulation changes its copy). */
export function cloneOrder(order: OrderData): OrderData {
    const copy = (record: SimRecord): SimRecord => ({ ...record, fields: { ...record.fields } });
    const [first, ...rest] = order.records;
    return { records: [copy(first), ...rest.map(copy)] };
}

/** The value of a literal written in a test (an inline record's field, an expectation). */
export function literalValue(literal: ast.Literal | undefined): Value {
    return literal ? literal.value : null;
}
