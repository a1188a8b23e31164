/**
 * The Dataverse binding (binding.json, checked by binding.schema.json): for every artifact kind and field, the
 * Dataverse table, column, column type and choice values it is written to, or the reason it is not (a checklist
 * step, a custom API parameter, a value IOM manages itself). Every name carries its provenance: `documented` with
 * the public source it comes from, or `assumed` with the reason (docs/artifacts.md, docs/deployment.md).
 */
import type { RecordKind } from '../compiler/records.js';
import bindingFile from './binding.json' with { type: 'json' };

export type ColumnType = 'string' | 'memo' | 'choice' | 'lookup' | 'bool' | 'wholeNumber';

export type Provenance = { provenance: 'documented'; source: string } | { provenance: 'assumed'; reason: string };

export type NamedItem = { name: string; displayName?: string; documentedName?: string } & Provenance;

export interface ChoiceValue {
    label: string;
    /** The option-set value, `null` where IOM does not publish it. */
    value: number | null;
    provenance?: 'documented';
    source?: string;
}

/** `entities`: the labels are the associated entities of the catalog; their values are not published. */
export type Choices = ChoiceValue[] | 'entities';

export type ColumnBinding = {
    name: string;
    type: ColumnType;
    label?: string;
    documentedName?: string;
    choices?: Choices;
    /** Lookups: the shapes (`kind` or `kind.field`) the referenced record can be. */
    targets?: string[];
} & Provenance;

export type FieldBinding =
    | { bind: 'key' }
    | { bind: 'metadata' | 'managed' | 'derived'; reason?: string }
    | { bind: 'checklist'; step: string }
    | ({ bind: 'column' } & ColumnBinding)
    | ({ bind: 'lookup' } & ColumnBinding & { targets: string[] })
    | { bind: 'parameter'; parameter: string; provenance: 'documented'; source: string; choices?: Choices }
    | { bind: 'child'; shape: Shape };

export interface Shape {
    /** package: rows of a Configuration Migration data package; api: documented custom API calls; checklist: by hand. */
    route: 'package' | 'api' | 'checklist';
    reason?: string;
    /** Built-in records of this kind are referenced, never created. */
    skipBuiltin?: boolean;
    table: NamedItem | null;
    primaryId?: NamedItem;
    /** The field whose value is the row's primary name. */
    primaryName?: string;
    /** Child rows: the lookup column to the parent row. */
    parent?: ColumnBinding;
    api?: NamedItem;
    parentParameter?: { parameter: string; provenance: 'documented'; source: string };
    fields: Record<string, FieldBinding>;
}

export interface Binding {
    formatVersion: string;
    sources: Record<string, string>;
    reasons: Record<string, string>;
    builtinIds: Array<{ kind: string; id: string; name: string | null; role: string; provenance: 'documented'; source: string }>;
    kinds: Record<RecordKind, Shape>;
}

/** A shape with its path: `policy`, `policy.rules`, … */
export interface ShapeEntry {
    path: string;
    kind: RecordKind;
    /** The field of the parent shape holding these rows; undefined for a top-level kind. */
    field?: string;
    shape: Shape;
    parent?: ShapeEntry;
}

export const binding: Binding = bindingFile as unknown as Binding;

/** Every shape of the binding, parents before children, in the binding's order. */
export function shapeEntries(source: Binding = binding): ShapeEntry[] {
    const entries: ShapeEntry[] = [];
    const visit = (entry: ShapeEntry) => {
        entries.push(entry);
        for (const [field, fieldBinding] of Object.entries(entry.shape.fields)) {
            if (fieldBinding.bind === 'child') {
                visit({ path: `${entry.path}.${field}`, kind: entry.kind, field, shape: fieldBinding.shape, parent: entry });
            }
        }
    };
    for (const [kind, shape] of Object.entries(source.kinds) as Array<[RecordKind, Shape]>) visit({ path: kind, kind, shape });
    return entries;
}

/** A Dataverse name the package or checklist uses, with its provenance. */
export interface BoundName {
    /** table, column, api or parameter. */
    what: 'table' | 'column' | 'api' | 'parameter';
    /** For columns: the table; for parameters: the API. */
    owner?: string;
    name: string;
    provenance: 'documented' | 'assumed';
    /** The documented source, or the reason of the assumption, in words. */
    basis: string;
}

/** The text of a provenance: the source's description or the assumption's reason. */
export function basisOf(item: Provenance & { documentedName?: string }, source: Binding = binding): string {
    if (item.provenance === 'documented') return source.sources[item.source] ?? item.source;
    const reason = source.reasons[item.reason] ?? item.reason;
    return item.documentedName ? reason.replace('under its schema name', `as ${item.documentedName}`) : reason;
}

/** The type of a choice column's values when the binding knows them. */
export function choiceValue(choices: Choices | undefined, label: string): number | null | undefined {
    if (!choices || choices === 'entities') return choices === 'entities' ? null : undefined;
    const choice = choices.find(candidate => candidate.label === label);
    return choice ? choice.value : undefined;
}
