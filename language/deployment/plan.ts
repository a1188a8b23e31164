/**
 * What-if: what this workspace would deploy compared with a baseline (a previous build's output folder, a data
 * package of ours, or a data package exported from an environment). Each record is Create, Modify, Delete or
 * NoChange, with its property-level changes (`~ criticality: Information -> Critical information`), nested rows
 * (rules, parameters, journey nodes) matched by id. Declaration positions (`source`) are not compared: moving a
 * declaration changes nothing in the environment.
 */
import type { SourceLocation } from '../compiler/records.js';
import type { PackageRecord } from './read-back.js';

export type PlanActionName = 'Create' | 'Modify' | 'Delete' | 'NoChange';

export interface PropertyChange {
    /** `~` changed, `+` added row, `-` removed row. */
    change: '~' | '+' | '-';
    path: string;
    before?: unknown;
    after?: unknown;
}

export interface PlanItem {
    kind: string;
    id: string;
    name: string;
    source?: SourceLocation;
    value: Record<string, unknown>;
}

export interface PlanEntry {
    action: PlanActionName;
    kind: string;
    id: string;
    name: string;
    source: SourceLocation | null;
    changes: PropertyChange[];
}

export interface WhatIfPlan {
    baseline: { path: string; type: 'build' | 'package' };
    counts: { create: number; modify: number; delete: number; noChange: number };
    entries: PlanEntry[];
}

const IGNORED_KEYS = new Set(['source']);
const ACTION_ORDER: Record<PlanActionName, number> = { Create: 0, Modify: 1, Delete: 2, NoChange: 3 };
const KIND_ORDER = ['connection', 'platform', 'providerDefinition', 'provider', 'businessEvent', 'actionType', 'policy', 'journey'];

/** The plan of `current` against `baseline`: records matched by id. */
export function whatIf(current: readonly PlanItem[], baseline: readonly PlanItem[], baselineInfo: WhatIfPlan['baseline']): WhatIfPlan {
    const before = new Map(baseline.map(item => [item.id, item]));
    const entries: PlanEntry[] = [];
    for (const item of current) {
        const old = before.get(item.id);
        before.delete(item.id);
        if (!old) {
            entries.push({ action: 'Create', kind: item.kind, id: item.id, name: item.name, source: item.source ?? null, changes: [] });
            continue;
        }
        const changes: PropertyChange[] = [];
        diff(old.value, item.value, '', changes);
        entries.push({
            action: changes.length ? 'Modify' : 'NoChange',
            kind: item.kind,
            id: item.id,
            name: item.name,
            source: item.source ?? null,
            changes
        });
    }
    for (const old of before.values()) {
        entries.push({ action: 'Delete', kind: old.kind, id: old.id, name: old.name, source: old.source ?? null, changes: [] });
    }
    const kindIndex = (kind: string) => {
        const [family = kind] = kind.split('.');
        const index = KIND_ORDER.indexOf(family);
        return index < 0 ? KIND_ORDER.length : index;
    };
    entries.sort(
        (a, b) =>
            ACTION_ORDER[a.action] - ACTION_ORDER[b.action] ||
            kindIndex(a.kind) - kindIndex(b.kind) ||
            (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
            (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1)
    );
    const count = (action: PlanActionName) => entries.filter(entry => entry.action === action).length;
    return {
        baseline: baselineInfo,
        counts: { create: count('Create'), modify: count('Modify'), delete: count('Delete'), noChange: count('NoChange') },
        entries
    };
}

/** A compiled record (or any artifact JSON object) as a plan item. */
export function planItemOfRecord(record: { kind: string; id: string; name: string; source?: SourceLocation }): PlanItem {
    return { kind: record.kind, id: record.id, name: record.name, source: record.source, value: record as unknown as Record<string, unknown> };
}

/** A package row read back (with its child rows) as a plan item. */
export function planItemOfPackageRecord(record: PackageRecord): PlanItem {
    const valueOf = (row: PackageRecord): Record<string, unknown> => ({
        id: row.id,
        name: row.name,
        ...row.fields,
        ...row.unknownColumns,
        ...Object.fromEntries(Object.entries(row.children).map(([field, rows]) => [field, rows.map(valueOf)]))
    });
    return { kind: record.shape, id: record.id, name: record.name, value: valueOf(record) };
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A reference `{ kind, name, id, builtin }` or a package lookup `{ id, name }`: compared as one value. */
function isReference(value: Json): value is { id: string; name: string } {
    if (!isObject(value) || typeof value.id !== 'string' || !('name' in value)) return false;
    const keys = Object.keys(value);
    return keys.every(key => ['kind', 'name', 'id', 'builtin', 'table'].includes(key));
}

function isKeyedList(value: Json[]): value is Array<Record<string, Json> & { id: string }> {
    return value.every(item => isObject(item) && typeof item.id === 'string');
}

function label(item: Record<string, Json>): string {
    const name = item.name ?? item.key ?? item.id;
    return JSON.stringify(String(name));
}

function equal(a: Json, b: Json): boolean {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => equal(item, b[index]));
    if (isObject(a) && isObject(b)) {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter(key => !IGNORED_KEYS.has(key)));
        for (const key of keys) if (!equal(a[key] ?? null, b[key] ?? null)) return false;
        return true;
    }
    return false;
}

function join(path: string, key: string): string {
    return path ? `${path}.${key}` : key;
}

function diff(before: Json, after: Json, path: string, out: PropertyChange[]): void {
    before = before ?? null;
    after = after ?? null;
    if (equal(before, after)) return;
    if (isReference(before) || isReference(after)) {
        if (isReference(before) && isReference(after) && before.id === after.id && before.name === after.name) return;
        out.push({ change: '~', path, before, after });
        return;
    }
    if (Array.isArray(before) && Array.isArray(after)) {
        if (isKeyedList(before) && isKeyedList(after) && (before.length > 0 || after.length > 0)) {
            const old = new Map(before.map(item => [item.id, item]));
            for (const item of after) {
                const previous = old.get(item.id);
                old.delete(item.id);
                if (previous) diff(previous, item, `${path}[${label(item)}]`, out);
                else out.push({ change: '+', path: `${path}[${label(item)}]`, after: item });
            }
            for (const item of old.values()) out.push({ change: '-', path: `${path}[${label(item)}]`, before: item });
            return;
        }
        if (before.length === after.length) {
            before.forEach((item, index) => diff(item, after[index], `${path}[${index}]`, out));
            return;
        }
    } else if (isObject(before) && isObject(after)) {
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(key => !IGNORED_KEYS.has(key)).sort();
        for (const key of keys) diff(before[key], after[key], join(path, key), out);
        return;
    }
    out.push({ change: '~', path, before, after });
}

// -- rendering -------------------------------------------------------------------------------------------------------

export function valueText(value: unknown): string {
    if (value === null || value === undefined) return 'null';
    if (isReference(value)) return String(value.name ?? value.id);
    if (typeof value === 'string') return value === '' ? '""' : value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (isObject(value) && 'value' in value && 'type' in value && Object.keys(value).length === 2) return valueText(value.value);
    const text = JSON.stringify(value, (key, item) => (IGNORED_KEYS.has(key) ? undefined : item));
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export function changeText(change: PropertyChange): string {
    if (change.change === '+') return `+ ${change.path}`;
    if (change.change === '-') return `- ${change.path}`;
    return `~ ${change.path}: ${valueText(change.before)} -> ${valueText(change.after)}`;
}

const SYMBOL: Record<PlanActionName, string> = { Create: '+', Modify: '~', Delete: '-', NoChange: '=' };
const at = (source: SourceLocation | null) => (source ? ` (${source.file}:${source.line})` : '');
const baselineText = (plan: WhatIfPlan) => `${plan.baseline.path} (${plan.baseline.type === 'build' ? 'a build output folder' : 'a data package'})`;

/** Against a data package only what a package carries is compared (docs/deployment.md). */
export const PACKAGE_BASELINE_NOTE =
    'Compared as data package rows: what the package cannot carry (rule conditions and actions, journey graphs, unpublished choice values, built-in lookups) is not compared.';

export function countsText(plan: WhatIfPlan): string {
    const { create, modify, delete: remove, noChange } = plan.counts;
    return `${create} to create, ${modify} to modify, ${remove} to delete, ${noChange} unchanged`;
}

export function planText(plan: WhatIfPlan): string {
    const lines = [
        `Plan against ${baselineText(plan)}: ${countsText(plan)}.`,
        ...(plan.baseline.type === 'package' ? [PACKAGE_BASELINE_NOTE] : []),
        ''
    ];
    for (const entry of plan.entries) {
        lines.push(`${SYMBOL[entry.action]} ${entry.action} ${entry.kind} ${JSON.stringify(entry.name)}${at(entry.source)}`);
        for (const change of entry.changes) lines.push(`    ${changeText(change)}`);
    }
    return lines.join('\n') + '\n';
}

export function planJson(plan: WhatIfPlan): string {
    return JSON.stringify(plan, null, 2) + '\n';
}

/** Markdown for a pull-request comment. */
export function planMarkdown(plan: WhatIfPlan): string {
    const changed = plan.entries.filter(entry => entry.action !== 'NoChange');
    const unchanged = plan.entries.filter(entry => entry.action === 'NoChange');
    const cell = (text: string) => text.replace(/\|/g, '\\|');
    const lines = [
        '## IOM deployment plan',
        '',
        `Against \`${plan.baseline.path}\` (${plan.baseline.type === 'build' ? 'a build output folder' : 'a data package'}): **${countsText(plan)}**.`,
        ''
    ];
    if (plan.baseline.type === 'package') lines.push(`_${PACKAGE_BASELINE_NOTE}_`, '');
    if (changed.length === 0) lines.push('No changes.', '');
    else {
        lines.push('| change | kind | name | declared at |', '|---|---|---|---|');
        for (const entry of changed) {
            lines.push(
                `| ${SYMBOL[entry.action]} ${entry.action} | ${entry.kind} | ${cell(entry.name)} | ${entry.source ? `${entry.source.file}:${entry.source.line}` : ''} |`
            );
        }
        lines.push('');
        for (const entry of changed.filter(item => item.changes.length > 0)) {
            lines.push(`### ${SYMBOL[entry.action]} ${entry.action} ${entry.kind} ${cell(entry.name)}`, '', '```diff');
            for (const change of entry.changes) lines.push(changeText(change));
            lines.push('```', '');
        }
    }
    if (unchanged.length > 0) {
        lines.push(`<details><summary>${unchanged.length} unchanged</summary>`, '');
        for (const entry of unchanged) lines.push(`- ${entry.kind} ${cell(entry.name)}`);
        lines.push('', '</details>', '');
    }
    return lines.join('\n');
}
