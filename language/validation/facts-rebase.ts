/**
 * Rebasing facts onto the new trees of documents parsed again: a merged fact set lazily, category by category
 * (`rebaseMerged`), and one document's contribution (`rebase`). Keystroke path: an edit that changes no fact pays
 * only for the categories the checks it runs read.
 */
import type { AstNode, AstNodeDescription } from 'langium';
import type { ActionType, BusinessEvent } from '../generated/ast.js';
import type { DocumentFacts, WorkspaceFacts } from './facts.js';

/** Maps a node to its counterpart in its document's current parse (see `freshNodes`). */
export type Fresh = <T extends AstNode>(node: T) => T | undefined;

/** The categories of the merged facts that hold nodes, each rebased on its own when first read. */
const REBASED = [
    'allowedInputs',
    'raisedEvents',
    'activatedInstances',
    'boundConnections',
    'platforms',
    'publishedEntries',
    'entitiesWithEvents',
    'extensions',
    'transitions',
    'targetedStates',
    'idMappings'
] as const;
type Rebased = (typeof REBASED)[number];

/** A node gone from its document's new tree: the facts are merged again. */
class Gone extends Error {}

/** How each category is rebased: a collection none of whose nodes moved is kept as it is. */
function rebasers(fresh: Fresh): { [K in Rebased]: (value: WorkspaceFacts[K]) => WorkspaceFacts[K] } {
    const must = <T extends AstNode>(node: T): T => {
        const result = fresh(node);
        if (!result) throw new Gone();
        return result;
    };
    const moved = (node: AstNode): boolean => fresh(node) !== node;
    const list = <T extends AstNode>(values: T[]): T[] => (values.some(moved) ? values.map(must) : values);
    const set = <T extends AstNode>(values: Set<T>): Set<T> => {
        for (const value of values) if (moved(value)) return new Set([...values].map(must));
        return values;
    };
    const keyedMap = <K, V>(map: Map<K, V>, key: (key: K) => K, value: (value: V) => V): Map<K, V> => {
        let result: Map<K, V> | undefined;
        let index = 0;
        for (const [k, v] of map) {
            const newKey = key(k);
            const newValue = value(v);
            if (!result && (newKey !== k || newValue !== v)) result = new Map([...map].slice(0, index));
            result?.set(newKey, newValue);
            index++;
        }
        return result ?? map;
    };
    const listMap = <K extends AstNode, V extends AstNode>(map: Map<K, V[]>): Map<K, V[]> => keyedMap(map, must, list);
    return {
        allowedInputs: map => keyedMap(map, must, events => keyedMap(events, must, must)),
        raisedEvents: set,
        activatedInstances: listMap,
        boundConnections: set,
        platforms: list,
        publishedEntries: entries => {
            const rebased = entries.map(entry => {
                const journey = must(entry.journey);
                const events = set(entry.events);
                return journey === entry.journey && events === entry.events ? entry : { journey, events, filtered: entry.filtered };
            });
            return rebased.some((entry, i) => entry !== entries[i]) ? rebased : entries;
        },
        entitiesWithEvents: set,
        extensions: listMap,
        transitions: listMap,
        targetedStates: set,
        idMappings: map => keyedMap(map, key => key, list)
    };
}

/** Per lazily rebased facts: the categories not read yet, as they were in the facts they come from. */
const unread = new WeakMap<WorkspaceFacts, Map<Rebased, unknown>>();

/**
 * Merged facts with every node replaced by `fresh(node)`, each category when it is first read: an edit pays for the
 * categories the checks of the documents it validates read (editing a provider file does not rebase the published
 * journeys' entry events). A category not read keeps the value it was last computed from, so no chain of older
 * trees builds up. When a node is gone from its new tree, the category is taken from a full merge (`merge`).
 */
export function rebaseMerged(
    facts: WorkspaceFacts,
    fresh: Fresh,
    duplicates: Map<AstNode, AstNodeDescription[]>,
    merge: () => WorkspaceFacts
): WorkspaceFacts {
    const from = unread.get(facts);
    const pending = new Map<Rebased, unknown>(REBASED.map(category => [category, from?.has(category) ? from.get(category) : facts[category]]));
    const rebase = rebasers(fresh) as Record<Rebased, (value: unknown) => unknown>;
    const result = { hasActivatedIntakeProvider: facts.hasActivatedIntakeProvider, duplicates, version: facts.version } as WorkspaceFacts;
    unread.set(result, pending);
    for (const category of REBASED) {
        Object.defineProperty(result, category, {
            enumerable: true,
            configurable: true,
            get() {
                let value: unknown;
                try {
                    value = rebase[category](pending.get(category));
                } catch (error) {
                    if (!(error instanceof Gone)) throw error;
                    value = merge()[category];
                }
                pending.delete(category);
                Object.defineProperty(result, category, { value, enumerable: true, configurable: false, writable: false });
                return value;
            }
        });
    }
    return result;
}

/** A contribution with every node replaced by `fresh(node)`; entries with a node that is gone are left out. */
export function rebase(facts: DocumentFacts, fresh: Fresh): DocumentFacts {
    const nodes = <T extends AstNode>(list: readonly T[]): T[] =>
        list.flatMap(node => {
            const f = fresh(node);
            return f ? [f] : [];
        });
    const pairs = <A extends AstNode, B extends AstNode>(list: ReadonlyArray<[A, B]>): Array<[A, B]> =>
        list.flatMap(([a, b]) => {
            const fa = fresh(a),
                fb = fresh(b);
            return fa && fb ? [[fa, fb] as [A, B]] : [];
        });
    return {
        ...facts,
        allowed: facts.allowed.flatMap(([actionType, event, origin]) => {
            const a = fresh(actionType),
                e = fresh(event),
                o = fresh(origin);
            return a && e && o ? [[a, e, o] as [ActionType, BusinessEvent, AstNode]] : [];
        }),
        bound: nodes(facts.bound),
        activated: pairs(facts.activated),
        raised: nodes(facts.raised),
        events: facts.events.flatMap(([name, event]) => {
            const e = fresh(event);
            return e ? [[name, e] as [string, BusinessEvent]] : [];
        }),
        platforms: nodes(facts.platforms),
        published: facts.published.flatMap(entry => {
            const journey = fresh(entry.journey);
            return journey ? [{ journey, events: new Set(nodes([...entry.events])), filtered: entry.filtered }] : [];
        }),
        eventEntities: nodes(facts.eventEntities),
        extensions: pairs(facts.extensions),
        transitions: pairs(facts.transitions)
    };
}
