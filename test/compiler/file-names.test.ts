import { describe, expect, test } from 'vitest';
import { assignPaths } from '../../language/compiler/emit.js';
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
