/**
 * The emitter writes records with JSON.stringify as they are (language/compiler/emit.ts, recordText): that is
 * stableStringify's output only because the lowering builds every object with its keys in sorted order; the same
 * holds for the manifest (buildManifest, manifestText). This test keeps that true for every record and the manifest
 * of the examples and of a generated workspace with every kind of declaration.
 */
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileWorkspace, MANIFEST_FILE, stableStringify } from '../../language/compiler/index.js';
import { loadWorkspace } from '../../host/load-workspace.js';
import { examples, examplesDir } from './helpers.js';
import { compileGeneratedWorkspace } from '../helpers/language-services.js';

/** Paths of the objects whose keys are not in sorted order. */
function unsortedObjects(value: unknown, at: string, into: string[] = []): string[] {
    if (Array.isArray(value)) value.forEach((item, index) => unsortedObjects(item, `${at}[${index}]`, into));
    else if (value && typeof value === 'object') {
        const keys = Object.keys(value);
        if (keys.some((key, index) => index > 0 && keys[index - 1]! >= key) /* index - 1 is a key's index */) into.push(`${at}: ${keys.join(', ')}`);
        for (const key of keys) unsortedObjects((value as Record<string, unknown>)[key], `${at}.${key}`, into);
    }
    return into;
}

function expectSorted({ entries, manifest, artifacts }: ReturnType<typeof compileWorkspace>): void {
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
        expect(unsortedObjects(entry.record, entry.path)).toEqual([]);
        expect(entry.text).toBe(stableStringify(entry.record));
    }
    expect(unsortedObjects(manifest, MANIFEST_FILE)).toEqual([]);
    expect(artifacts.get(MANIFEST_FILE)).toBe(stableStringify(manifest));
}

describe('records are built with sorted keys', () => {
    test.each(examples)('%s', async example => {
        expectSorted(compileWorkspace(await loadWorkspace(path.join(examplesDir, example))));
    });

    test('a generated workspace with every kind of declaration', async () => {
        const result = await compileGeneratedWorkspace(6);
        expect(result.errors).toEqual([]);
        expect(new Set(result.entries.map(entry => entry.record.kind))).toEqual(
            new Set(['connection', 'platform', 'providerDefinition', 'provider', 'businessEvent', 'actionType', 'policy', 'journey'])
        );
        expectSorted(result);
    });
});
