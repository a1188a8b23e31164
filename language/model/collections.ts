/**
 * Lookups that `noUncheckedIndexedAccess` types as possibly missing, made exact where the code knows better: a group
 * that is created with its first member is typed non-empty, so `[first]` of it is never undefined; a lookup the
 * surrounding code guarantees goes through `present`, which names what was missing instead of failing later on
 * `undefined`.
 */

/** An array with at least one item. */
export type NonEmptyArray<T> = [T, ...T[]];

/** Whether an array has an item (narrows it, so its first item is typed as present). */
export function isNonEmpty<T>(items: readonly T[]): items is readonly [T, ...T[]] {
    return items.length > 0;
}

/** Adds `value` to the group of `key` in `groups`, creating the group with `value` as its first member. */
export function addToGroup<K, V>(groups: Map<K, NonEmptyArray<V>>, key: K, value: V): void {
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
}

/** A sorted copy of a non-empty array (sorting keeps every item, so the copy is non-empty too). */
export function sortedCopy<T>(items: readonly [T, ...T[]], compare: (a: T, b: T) => number): NonEmptyArray<T> {
    return [...items].sort(compare) as NonEmptyArray<T>;
}

/**
 * A value the surrounding code guarantees (an index below the length it just checked, a key it just stored). Throws
 * an internal error naming `what` when the guarantee is broken, so the failure says where instead of surfacing later
 * as a property read of `undefined`.
 */
export function present<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`Internal error: ${what} is missing.`);
    return value;
}
