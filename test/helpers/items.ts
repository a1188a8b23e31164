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
