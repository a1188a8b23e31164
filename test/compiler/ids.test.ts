import { v5 as uuidV5 } from 'uuid';
import { describe, expect, test } from 'vitest';
import { ID_NAMESPACE, stableId } from '../../language/compiler/ids.js';

// The compiler derives ids itself (the uuid package cost a third of the compile time); the package checks it here.
describe('stable ids', () => {
    const cases: Array<[string, ...string[]]> = [
        ['journey', 'Order orchestration with DOM'],
        ['rule', 'Order line validation policy', 'Min quantity'],
        ['policy', 'Filter Policy – BigCommerce'],
        ['businessEvent', 'Événement « spécial » 🚚'],
        ['connection', '']
    ];

    test.each(cases)('%s %s is the RFC 9562 UUID v5 of its kind and names', (kind, ...names) => {
        const expected = uuidV5(JSON.stringify([kind, ...names]), ID_NAMESPACE);
        expect(stableId(kind, ...names)).toBe(expected);
        expect(expected).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
});
