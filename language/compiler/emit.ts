/**
 * Typed records → deterministic JSON documents: sorted keys, two-space indentation, LF line endings, a final newline,
 * no timestamps or absolute paths. Also builds the manifest: artifact hashes, required catalog items and the
 * deployment plan.
 */
import { type Digests, PLAIN_DIGESTS } from './hash.js';
import { isReservedFileName, slug } from '../model/file-names.js';
import type { LoweredRecord } from './lower.js';
import { type CompiledRecord, FORMAT_VERSION, type Manifest, type PlanPhase, type PlanStep, type RecordKind, type Reference } from './records.js';

export { isReservedFileName, slug };

/** The folder of each record kind inside the output folder. */
export const KIND_FOLDERS: Record<RecordKind, string> = {
    connection: 'connections',
    platform: 'platform',
    providerDefinition: 'provider-definitions',
    provider: 'providers',
    businessEvent: 'business-events',
    actionType: 'action-types',
    policy: 'policies',
    journey: 'journeys',
    stateDefinition: 'state-definitions',
    stateTransition: 'state-transitions',
    entityExtension: 'entity-extensions',
    emailTemplate: 'email-templates',
    mappingGroup: 'mapping-groups',
    idMappings: 'id-mappings'
};

export const MANIFEST_FILE = 'manifest.json';

/** The compiler's name in manifest.json `compiler.name`: with `formatVersion`, the marker of our own output. */
export const COMPILER_NAME = 'iom-lang';

/** True for a manifest written by this compiler (any format version: a newer compiler's output is still ours). */
export function isOwnManifest(value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    const manifest = value as { formatVersion?: unknown; compiler?: { name?: unknown } };
    return (
        typeof manifest.formatVersion === 'string' &&
        /^\d+\.\d+$/.test(manifest.formatVersion) &&
        typeof manifest.compiler === 'object' &&
        manifest.compiler !== null &&
        manifest.compiler.name === COMPILER_NAME
    );
}

/** JSON text with object keys sorted (arrays keep their order), two-space indentation and a final LF. */
export function stableStringify(value: unknown): string {
    return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

/**
 * The value with the keys of every object in sorted order. Objects and arrays that already are (the lowering builds
 * most records with sorted keys) are returned as they are, so only the others are copied. `undefined` properties are
 * kept: JSON.stringify leaves them out either way.
 */
function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) {
        let copy: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
            const item = value[i];
            const sorted = sortKeys(item);
            if (sorted !== item && !copy) copy = value.slice(0, i);
            if (copy) copy.push(sorted);
        }
        return copy ?? value;
    }
    if (value && typeof value === 'object') {
        const object = value as Record<string, unknown>;
        // The common case, checked without allocating: keys already in order and no value needing a copy.
        let previous: string | undefined;
        let changedKey: string | undefined;
        let changedValue: unknown;
        let inOrder = true;
        for (const key in object) {
            if (previous !== undefined && previous >= key) {
                inOrder = false;
                break;
            }
            const item = object[key];
            if (item !== null && typeof item === 'object') {
                const sorted = sortKeys(item);
                if (sorted !== item) {
                    changedKey = key;
                    changedValue = sorted;
                    break;
                }
            }
            previous = key;
        }
        if (inOrder && changedKey === undefined) return value;
        const copy: Record<string, unknown> = {};
        for (const key of inOrder ? Object.keys(object) : Object.keys(object).sort()) {
            copy[key] = key === changedKey ? changedValue : sortKeys(object[key]);
        }
        return copy;
    }
    return value;
}

export function sha256(text: string, digests: Digests = PLAIN_DIGESTS): string {
    return digests.sha256Text(text);
}

/**
 * Assigns each record its artifact path: `<kind folder>/<slug>.json`; names whose slugs collide within a folder
 * (e.g. "Policy – A" and "Policy - A") all get the first 8 characters of their id appended.
 */
export function assignPaths(records: readonly CompiledRecord[]): Map<CompiledRecord, string> {
    const groups = new Map<string, CompiledRecord[]>();
    for (const record of records) {
        const key = `${KIND_FOLDERS[record.kind]}/${slug(record.name)}`;
        const group = groups.get(key);
        if (group) group.push(record);
        else groups.set(key, [record]);
    }
    const paths = new Map<CompiledRecord, string>();
    for (const [key, group] of groups) {
        for (const record of group) {
            // A Windows device name (CON, NUL, COM1, …) gets the id suffix as a collision does.
            const unique = group.length === 1 && !isReservedFileName(key.slice(key.indexOf('/') + 1));
            paths.set(record, unique ? `${key}.json` : `${key}-${record.id.slice(0, 8)}.json`);
        }
    }
    return paths;
}

export interface EmittedArtifact {
    path: string;
    text: string;
    record: CompiledRecord;
    /** SHA-256 of the text (for the manifest). */
    sha256: string;
}

/**
 * The JSON text of a record. The lowering builds every object of a record with its keys in sorted order, so the text
 * is `stableStringify`'s without walking the record to check it (a tenth of the compile on a large workspace);
 * test/compiler/sorted-keys.test.ts checks the invariant on every record of the examples and of a generated
 * workspace of every kind of declaration. Anything else (the manifest) goes through stableStringify.
 */
export function recordText(record: CompiledRecord): string {
    try {
        return JSON.stringify(record, null, 2) + '\n';
    } catch (error) {
        // JSON.stringify recurses per level: conditions nested a few thousand levels deep overflow it.
        if (error instanceof RangeError) return stringifyWithoutRecursion(record) + '\n';
        throw error;
    }
}

type StringifyTask = { text: string } | { value: unknown; indent: string };

/** The text of `JSON.stringify(value, null, 2)` for plain data, written with an explicit stack instead of recursion. */
export function stringifyWithoutRecursion(root: unknown): string {
    const out: string[] = [];
    const tasks: StringifyTask[] = [{ value: root, indent: '' }];
    while (tasks.length > 0) {
        const task = tasks.pop()!;
        if ('text' in task) {
            out.push(task.text);
            continue;
        }
        const { value, indent } = task;
        if (value === null || typeof value !== 'object') {
            out.push(JSON.stringify(value) ?? 'null');
            continue;
        }
        const inner = indent + '  ';
        const parts: StringifyTask[] = [];
        if (Array.isArray(value)) {
            if (value.length === 0) {
                out.push('[]');
                continue;
            }
            value.forEach((item, index) => {
                parts.push({ text: (index === 0 ? '[\n' : ',\n') + inner });
                parts.push({ value: item === undefined || typeof item === 'function' ? null : item, indent: inner });
            });
            parts.push({ text: '\n' + indent + ']' });
        } else {
            const entries = Object.entries(value).filter(([, item]) => item !== undefined && typeof item !== 'function');
            if (entries.length === 0) {
                out.push('{}');
                continue;
            }
            entries.forEach(([key, item], index) => {
                parts.push({ text: (index === 0 ? '{\n' : ',\n') + inner + JSON.stringify(key) + ': ' });
                parts.push({ value: item, indent: inner });
            });
            parts.push({ text: '\n' + indent + '}' });
        }
        for (const part of parts.reverse()) tasks.push(part);
    }
    return out.join('');
}

/** About how many characters of artifact text are joined into one string before they are cut into the artifacts. */
const TEXT_BLOCK = 1 << 19;

/**
 * The artifacts of the records, sorted by path, each with the SHA-256 of its text.
 *
 * How the texts are held matters on a large workspace, because they stay alive to the end of the compile (tens of
 * MiB): JSON.stringify returns a text in pieces, and a text of a few KiB lands in the young generation, whose
 * collections copy every live string (twice before it is promoted); that copying was about a third of a large
 * compile. So the texts of consecutive records are joined into blocks of about {@link TEXT_BLOCK} characters, and
 * each artifact's text is cut out of its block: cutting joins the block into one string, which is large enough to be
 * allocated outside the young generation, and each cut shares the block's characters instead of copying them. The
 * pieces die young. The texts are the same strings in every other respect.
 */
export function emitRecords(lowered: readonly LoweredRecord[], digests: Digests = PLAIN_DIGESTS): EmittedArtifact[] {
    const paths = assignPaths(lowered.map(item => item.record));
    const emitted: EmittedArtifact[] = [];
    const lengths: number[] = [];
    let block = '';
    const cut = (end: number) => {
        let at = 0;
        for (let index = emitted.length; index < end; index++) {
            const { record } = lowered[index]!;
            const length = lengths[index]!;
            const text = block.slice(at, at + length);
            at += length;
            emitted.push({ path: paths.get(record)!, text, record, sha256: sha256(text, digests) });
        }
        block = '';
    };
    for (let index = 0; index < lowered.length; index++) {
        const text = recordText(lowered[index]!.record);
        lengths.push(text.length);
        block += text;
        if (block.length >= TEXT_BLOCK) cut(index + 1);
    }
    cut(lowered.length);
    return emitted.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The manifest, built with the keys of every object in sorted order (as the lowering builds records), so that its
 * text is written with JSON.stringify as it is ({@link manifestText}); test/compiler/sorted-keys.test.ts checks it.
 */
export function buildManifest(artifacts: readonly EmittedArtifact[], requires: Iterable<Reference>, compilerVersion: string): Manifest {
    return {
        artifacts: artifacts.map(({ path, record, sha256 }) => ({
            id: record.id,
            kind: record.kind,
            name: record.name,
            path,
            sha256,
            source: record.source,
            table: record.table
        })),
        compiler: { name: COMPILER_NAME, version: compilerVersion },
        deploymentPlan: {
            activationOrder: 'providers-policies-journeys',
            phases: deploymentPlan(artifacts).map(({ description, name, order, steps }) => ({ description, name, order, steps }))
        },
        formatVersion: FORMAT_VERSION,
        requires: [...requires].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    };
}

/**
 * The text of manifest.json: `stableStringify`'s, without its walk over some hundred thousand objects to sort keys
 * that {@link buildManifest} already wrote in order.
 */
export function manifestText(manifest: Manifest): string {
    return JSON.stringify(manifest, null, 2) + '\n';
}

/**
 * The deployment plan: IOM's documented order, with order (B) of the domain reference for the two conflicting
 * post-import orders (providers, then policies, then journeys). docs/artifacts.md explains the choice.
 */
export function deploymentPlan(artifacts: readonly EmittedArtifact[]): PlanPhase[] {
    const of = <K extends RecordKind>(kind: K) =>
        artifacts.filter(a => a.record.kind === kind) as Array<EmittedArtifact & { record: Extract<CompiledRecord, { kind: K }> }>;
    const step = (action: PlanStep['action'], artifact: EmittedArtifact): PlanStep => ({
        action,
        artifact: artifact.path,
        id: artifact.record.id,
        kind: artifact.record.kind,
        name: artifact.record.name
    });

    const journeys = of('journey');
    const providers = of('provider');
    const policies = of('policy');
    const platform = of('platform');
    return [
        {
            order: 1,
            name: 'unpublish-replaced',
            description:
                'Before importing, unpublish the journeys, deactivate the provider instances and unpublish the policies this output replaces (skip those the target environment does not have).',
            steps: [
                ...journeys.map(a => step('unpublish', a)),
                ...providers.map(a => step('deactivate', a)),
                ...policies.map(a => step('unpublish', a))
            ]
        },
        {
            order: 2,
            name: 'connections',
            description:
                'Check that every connection exists at its connection URL, bind the platform connection references, then run Activate System.',
            steps: [
                ...of('connection').map(a => step('verifyConnection', a)),
                ...platform.map(a => step('bindPlatformReference', a)),
                ...platform.filter(a => a.record.activateSystem).map(a => step('activateSystem', a)),
                ...platform.filter(a => a.record.environmentSettings.length > 0).map(a => step('setEnvironmentSettings', a))
            ]
        },
        {
            order: 3,
            name: 'providers',
            description:
                'Create the mapping groups and update the provider definitions, install the provider instances with their parameters and mapping group, save and activate their connection references, activate the instances marked Activated, then add the ID mappings (before any order runs).',
            steps: [
                ...of('mappingGroup').map(a => step('upsert', a)),
                ...of('providerDefinition').map(a => step('upsert', a)),
                ...providers.map(a => step('install', a)),
                ...providers.filter(a => a.record.connectionReferences.length > 0).map(a => step('activateConnectionReferences', a)),
                ...providers.filter(a => a.record.state === 'Activated').map(a => step('activate', a)),
                ...of('emailTemplate').map(a => step('upsert', a)),
                ...of('idMappings').map(a => step('upsert', a))
            ]
        },
        {
            order: 4,
            name: 'action-types',
            description:
                'Create the business event definitions and action types this output declares, then add the Action Type Input Business Event rows; then create the state definitions (with their reasons and timeline positions) and the state transition rows.',
            steps: [
                ...of('businessEvent').map(a => step('upsert', a)),
                ...of('actionType')
                    .filter(a => !a.record.builtin)
                    .map(a => step('upsert', a)),
                ...of('actionType')
                    .filter(a => a.record.inputBusinessEvents.length > 0)
                    .map(a => step('addInputEvents', a)),
                ...of('stateDefinition').map(a => step('upsert', a)),
                ...of('stateTransition').map(a => step('upsert', a))
            ]
        },
        {
            order: 5,
            name: 'policies',
            description: 'Create or update each policy with its rules, then publish the policies marked Published.',
            steps: [...policies.map(a => step('upsert', a)), ...policies.filter(a => a.record.status === 'Published').map(a => step('publish', a))]
        },
        {
            order: 6,
            name: 'journeys',
            description: 'Create or update each journey, then publish the journeys marked Published, last of all.',
            steps: [
                ...journeys.map(a => step('upsert', a)),
                ...journeys.filter(a => a.record.status === 'Published').map(a => step('publish', a)),
                ...journeys.filter(a => a.record.status === 'Published' && a.record.paused).map(a => step('pause', a))
            ]
        }
    ];
}
