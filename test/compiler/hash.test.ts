import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { sha1Hex, sha256Hex, utf8 } from '../../language/compiler/hash.js';

const node = (algorithm: 'sha1' | 'sha256', bytes: Uint8Array) => createHash(algorithm).update(bytes).digest('hex');

describe('the compiler hashes (plain TypeScript, no node:crypto in language/)', () => {
    test('the standard test vectors (FIPS 180-4 examples)', () => {
        expect(sha1Hex(utf8('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
        expect(sha256Hex(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
        expect(sha1Hex(utf8(''))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
        expect(sha256Hex(utf8(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    });

    test('every length around the block boundaries', () => {
        for (let length = 0; length <= 200; length++) {
            const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
            expect(sha1Hex(bytes), `sha1 of ${length} bytes`).toBe(node('sha1', bytes));
            expect(sha256Hex(bytes), `sha256 of ${length} bytes`).toBe(node('sha256', bytes));
        }
    });

    test('agree with Node on any text (UTF-8, lone surrogates included)', () => {
        fc.assert(
            fc.property(fc.string({ unit: 'binary', maxLength: 300 }), text => {
                expect(sha1Hex(utf8(text))).toBe(createHash('sha1').update(text, 'utf8').digest('hex'));
                expect(sha256Hex(utf8(text))).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
            }),
            { numRuns: 300 }
        );
    });
});
