import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { iom } from '../helpers/cli.js';
import { repositoryRoot } from './helpers.js';

let folder: string;
/** The lines the last run printed: stdout's, and stderr's in `errors`. */
let output: string[];
let errors: string[];

/** `iom format …args`, in-process; its exit code. */
async function run(...args: string[]): Promise<number> {
    const result = await iom(['format', ...args], folder);
    const lines = (text: string) => text.split('\n').filter(line => line !== '');
    output = lines(result.stdout);
    errors = lines(result.stderr);
    return result.code!;
}

beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-format-'));
});
afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
});

describe('iom format', () => {
    const messy = 'journey J{published // p\nstep a:Custom{description "d"}}';
    const clean = 'journey J {\n    published // p\n    step a : Custom { description "d" }\n}\n';

    test('--check lists the files that would change, exits 1 and writes nothing', async () => {
        fs.writeFileSync(path.join(folder, 'a.iom'), messy);
        fs.mkdirSync(path.join(folder, 'sub'));
        fs.writeFileSync(path.join(folder, 'sub', 'b.iom'), clean);
        expect(await run(folder, '--check')).toBe(1);
        expect(output).toEqual([path.join(folder, 'a.iom'), '1 of 2 file(s) not formatted.']);
        expect(fs.readFileSync(path.join(folder, 'a.iom'), 'utf8')).toBe(messy);
    });

    test('formats files in place, whole, and is then clean', async () => {
        const file = path.join(folder, 'a.iom');
        fs.writeFileSync(file, messy);
        expect(await run(file)).toBe(0);
        expect(fs.readFileSync(file, 'utf8')).toBe(clean);
        expect(fs.readdirSync(folder)).toEqual(['a.iom']);
        expect(await run(folder, '--check')).toBe(0);
        expect(output).toEqual(['1 file(s) already formatted.']);
    });

    test('honours --tabs and --tab-size', async () => {
        const file = path.join(folder, 'a.iom');
        fs.writeFileSync(file, messy);
        await run(file, '--tabs');
        expect(fs.readFileSync(file, 'utf8')).toBe(clean.replace(/ {4}/g, '\t'));
        await run(file, '--tab-size', '2');
        expect(fs.readFileSync(file, 'utf8')).toBe(clean.replace(/ {4}/g, '  '));
    });

    test('a file with syntax errors is reported and left alone (exit 1)', async () => {
        const file = path.join(folder, 'broken.iom');
        fs.writeFileSync(file, 'journey J { step');
        expect(await run(file)).toBe(1);
        expect(fs.readFileSync(file, 'utf8')).toBe('journey J { step');
        expect(errors).toEqual([`${file}: not formatted: it has syntax errors (see iom validate)`]);
        expect(output).toEqual(['0 of 1 file(s) formatted.']);
    });

    test('the examples are formatted', async () => {
        expect(await run(path.join(repositoryRoot, 'examples'), '--check')).toBe(0);
    });
});
