import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assignPaths } from '../../language/compiler/emit.js';
import { isReservedFileName, reservedSlugOf, slug } from '../../language/model/file-names.js';
import type { CompiledRecord } from '../../language/compiler/records.js';

/** Issue 10 item 10: record names that would give a Windows device file name get the id suffix. */
describe('artifact file names', () => {
    test('CON, nul and COM1 are never file names; CONSOLE and COM10 are', () => {
        const record = (name: string, id: string) => ({ kind: 'businessEvent', name, id }) as unknown as CompiledRecord;
        const records = [
            record('CON', 'aaaaaaaa-1'),
            record('nul', 'bbbbbbbb-2'),
            record('COM1', 'cccccccc-3'),
            record('CONSOLE', 'dddddddd-4'),
            record('COM10', 'eeeeeeee-5')
        ];
        expect([...assignPaths(records).values()]).toEqual([
            'business-events/con-aaaaaaaa.json',
            'business-events/nul-bbbbbbbb.json',
            'business-events/com1-cccccccc.json',
            'business-events/console.json',
            'business-events/com10.json'
        ]);
    });
});

/** The check's quick answer (language/validation/literals.ts) is the slug's: the same names, the same file. */
describe('reserved file names, answered without a slug for long names', () => {
    const bySlug = (name: string) => (isReservedFileName(slug(name)) ? slug(name) : undefined);

    test('the same answer as the slug for names made of reserved words, separators, letters and other scripts', () => {
        const pieces = [
            'con',
            'CON',
            'Nul',
            'prn',
            'AUX',
            'com1',
            'LPT9',
            'com10',
            'cons',
            'c',
            'o',
            'n',
            '1',
            ' ',
            '-',
            '.',
            '_',
            '  ',
            '\t',
            'é',
            'ｃｏｎ',
            'ﬁ',
            '\u0301',
            'Ω',
            '😀'
        ];
        fc.assert(
            fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 6 }), parts => {
                const name = parts.join('');
                expect(reservedSlugOf(name), JSON.stringify(name)).toBe(bySlug(name));
            }),
            { numRuns: 3000, seed: 20261201 }
        );
        fc.assert(
            fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), name => {
                expect(reservedSlugOf(name), JSON.stringify(name)).toBe(bySlug(name));
            }),
            { numRuns: 3000, seed: 7 }
        );
    });

    test('examples: device names in any case and padding, and the full-width letters that normalise to one', () => {
        expect(reservedSlugOf('CON')).toBe('con');
        expect(reservedSlugOf(' -Nul- ')).toBe('nul');
        expect(reservedSlugOf('ｃｏｎ')).toBe('con');
        expect(reservedSlugOf('COM10')).toBeUndefined();
        expect(reservedSlugOf('C O N')).toBeUndefined();
        expect(reservedSlugOf('Contoso Order Provider')).toBeUndefined();
    });
});
