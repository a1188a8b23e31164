import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import * as path from 'node:path';
import { NODE_DIGESTS } from '../../host/node-host.js';
import { loadWorkspace } from '../../host/load-workspace.js';
import { compileWorkspace } from '../../language/compiler/index.js';
import { PLAIN_DIGESTS, sha1Hex, sha256Hex, utf8 } from '../../language/compiler/hash.js';
import { examplesDir } from './helpers.js';

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

describe('the Node host hashes with its crypto, to the same digests', () => {
    test('the Node digests agree with the plain ones on any bytes and any text (lone surrogates included)', () => {
        fc.assert(
            fc.property(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), (bytes, text) => {
                expect(NODE_DIGESTS.sha1Hex(bytes)).toBe(sha1Hex(bytes));
                expect(NODE_DIGESTS.sha256Text(text)).toBe(PLAIN_DIGESTS.sha256Text(text));
            }),
            { numRuns: 300 }
        );
    });

    test('a workspace loaded on Node compiles with Node’s digests to the same artifacts as with the plain ones', async () => {
        const workspace = await loadWorkspace(path.join(examplesDir, 'quickstart-lab'));
        expect(workspace.digests).toBe(NODE_DIGESTS);
        const node = compileWorkspace(workspace);
        const plain = compileWorkspace({ ...workspace, digests: PLAIN_DIGESTS });
        expect(node.ok).toBe(true);
        expect([...node.artifacts]).toEqual([...plain.artifacts]);
    });
});
