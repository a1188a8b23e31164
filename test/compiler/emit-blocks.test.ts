/**
 * The emitter joins the texts of consecutive records into blocks and cuts each artifact's text out of its block
 * (language/compiler/emit.ts, emitRecords): on an output of several blocks, every artifact is still its record's own
 * text, whole, and the manifest's hash is the hash of that text.
 */
import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { MANIFEST_FILE } from '../../language/compiler/index.js';
import { compileGeneratedWorkspace } from '../helpers/language-services.js';

test('an output of several blocks: each artifact is its record text, hashed in the manifest', async () => {
    const result = await compileGeneratedWorkspace(12);
    expect(result.errors).toEqual([]);
    const records = result.entries.map(entry => entry.text);
    // Blocks are about 512 Ki characters: this output needs at least two.
    expect(records.reduce((sum, text) => sum + text.length, 0)).toBeGreaterThan(2 ** 19);
    const hashes = new Map(result.manifest!.artifacts.map(artifact => [artifact.path, artifact.sha256]));
    for (const entry of result.entries) {
        expect(entry.text).toBe(JSON.stringify(entry.record, null, 2) + '\n');
        expect(result.artifacts.get(entry.path)).toBe(entry.text);
        expect(hashes.get(entry.path)).toBe(createHash('sha256').update(entry.text).digest('hex'));
    }
    expect([...result.artifacts.keys()]).toEqual([...result.entries.map(entry => entry.path), MANIFEST_FILE].sort());
});
