import { assert } from 'vitest';

/**
 * The item at `index` of a list (negative: from the end), failing the test with a message naming the index and the
 * list's length when it is too short (what `noUncheckedIndexedAccess` asks of every `list[i]`).
 */
export function itemAt<T>(items: readonly T[], index: number): T {
    const item = items.at(index);
    assert.isDefined(item, `expected an item at index ${index} of a list of ${items.length}`);
    return item;
}

/** The first `count` items of a list, each present, failing the test (as `itemAt` does) when the list is shorter. */
export function firstItems<T>(items: readonly T[], count: 1): [T];
export function firstItems<T>(items: readonly T[], count: 2): [T, T];
export function firstItems<T>(items: readonly T[], count: 3): [T, T, T];
export function firstItems<T>(items: readonly T[], count: 4): [T, T, T, T];
export function firstItems<T>(items: readonly T[], count: 5): [T, T, T, T, T];
export function firstItems<T>(items: readonly T[], count: number): T[] {
    return Array.from({ length: count }, (_, index) => itemAt(items, index));
}
