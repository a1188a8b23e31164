import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyExample, readTree, tempDirs } from '../compiler/helpers.js';
import { iom } from '../helpers/cli.js';

/** Issue 10 item 12: a UTF-8 byte order mark changes neither positions nor artifacts. */

const temp = tempDirs('iom-text-');

const BOM = '\uFEFF';

describe('a UTF-8 byte order mark', { timeout: 120_000 }, () => {
    test('gives byte-identical artifacts (source columns and hashes) and the same diagnostic positions', async () => {
        const plain = temp();
        const marked = temp();
        for (const [dir, prefix] of [
            [plain, ''],
            [marked, BOM]
        ] as const) {
            copyExample('seed', dir, text => prefix + text);
            // A declaration on line 1, column 1: the BOM must not move it to column 2.
            fs.writeFileSync(path.join(dir, 'events.iom'), `${prefix}event "Order packed" { entity Order }\n`);
            fs.writeFileSync(path.join(dir, 'iomconfig.json'), `${prefix}{ "build": { "out": "out" } }\n`);
        }
        expect(fs.readFileSync(path.join(marked, 'events.iom'))[0]).toBe(0xef);
        for (const dir of [plain, marked]) {
            const run = await iom(['build', '.'], dir);
            expect(run.code, run.stdout + run.stderr).toBe(0);
        }
        const artifacts = readTree(path.join(plain, 'out'));
        expect(readTree(path.join(marked, 'out'))).toEqual(artifacts);
        expect(JSON.parse(artifacts.get('business-events/order-packed.json')!).source).toEqual({ file: 'events.iom', line: 1, column: 1 });

        for (const [dir, prefix] of [
            [plain, ''],
            [marked, BOM]
        ] as const) {
            fs.writeFileSync(path.join(dir, 'broken.iom'), `${prefix}event "Broken" { entity NoSuchEntity }\n`);
        }
        const diagnostics = [(await iom(['validate', '.'], plain)).stdout, (await iom(['validate', '.'], marked)).stdout];
        expect(diagnostics[0]).toMatch(/^broken\.iom:1:\d+ - error IOM1001/m);
        expect(diagnostics[1]).toBe(diagnostics[0]);
    });
});

describe('file names in text output', { timeout: 120_000 }, () => {
    test('a newline or an ANSI escape in a file name is printed escaped: one line per diagnostic, no terminal control (item 11)', async () => {
        const dir = temp();
        const name = 'evil\n\u001b[31mred\u202e.iom';
        fs.writeFileSync(path.join(dir, name), 'event "Broken" { entity NoSuchEntity }\n');
        const run = await iom(['validate', '.'], dir);
        expect(run.code).toBe(1);
        const lines = run.stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(/^evil\\x0a\\x1b\[31mred\\u\{202e\}\.iom:1:\d+ - error IOM1001: /);
        // eslint-disable-next-line no-control-regex -- the test is that no control character reaches the terminal
        expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
        // Machine formats keep the real name (JSON escapes it itself).
        const json = JSON.parse((await iom(['validate', '.', '--format', 'json'], dir)).stdout) as Array<{ file: string }>;
        expect(json[0]?.file).toBe(name);
    });
});
