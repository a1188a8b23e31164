/**
 * The CLI runs its bundle through V8's code cache kept beside it (host/code-cache.ts): a copy of the installed layout
 * (bin/, out/host, out/cli, out/vendor) in a temporary folder is run as a user runs it, and each run must print the
 * same as a run without any cache, whatever the cache file holds.
 */
import { isAscii } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repositoryRoot } from '../helpers/bundles.js';

let root: string;
const cacheFile = () => path.join(root, 'out', 'cli', 'main.cjs.v8cache');
const example = path.join(repositoryRoot, 'examples', 'seed');

function iom(...args: string[]) {
    const result = spawnSync(process.execPath, [path.join(root, 'bin', 'iom.cjs'), ...args], { encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const header = () => fs.readFileSync(cacheFile()).subarray(0, 200).toString('latin1').split('\n')[0]!;

beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-code-cache-'));
    for (const file of ['bin/iom.cjs', 'out/host/code-cache.cjs', 'out/cli/main.cjs', 'out/vendor/elk.bundled.cjs']) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.copyFileSync(path.join(repositoryRoot, file), path.join(root, file));
    }
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the CLI through its code cache', () => {
    test('the first run writes the cache, later runs read it, and every run prints the same', () => {
        const first = iom('validate', example);
        expect(first.code).toBe(0);
        expect(first.stdout).toMatch(/file\(s\) checked: 0 error\(s\)/);
        expect(header()).toMatch(/^IOM-V8-CACHE 1 \| [0-9a-f]{64} \| \d+$/);
        const written = fs.statSync(cacheFile()).mtimeMs;
        const second = iom('validate', example);
        expect(second).toEqual(first);
        // A run no longer than the one that wrote it leaves the cache as it is.
        expect(iom('--version').code).toBe(0);
        expect(fs.statSync(cacheFile()).mtimeMs).toBe(written);
    });

    test('a damaged cache, or one made from another bundle, is not used and is written again', () => {
        const expected = iom('validate', example);
        const [, key, runMs] = header().split(' | ');
        fs.writeFileSync(cacheFile(), `IOM-V8-CACHE 1 | ${key} | ${runMs}\nnot bytecode at all`);
        expect(iom('validate', example)).toEqual(expected);
        expect(fs.statSync(cacheFile()).size).toBeGreaterThan(10_000);

        fs.writeFileSync(
            cacheFile(),
            Buffer.concat([Buffer.from(`IOM-V8-CACHE 1 | ${'0'.repeat(64)} | 1\n`), fs.readFileSync(cacheFile()).subarray(100)])
        );
        expect(iom('validate', example)).toEqual(expected);
        expect(header()).toBe(`IOM-V8-CACHE 1 | ${key} | ${header().split(' | ')[2]}`);
    });

    test('a cache that cannot be read or written is no error', () => {
        fs.rmSync(cacheFile(), { force: true });
        fs.mkdirSync(cacheFile());
        const result = iom('validate', example);
        expect(result.code).toBe(0);
        expect(result.stderr).toBe('');
        expect(fs.statSync(cacheFile()).isDirectory()).toBe(true);
        expect(fs.readdirSync(path.dirname(cacheFile())).filter(name => name.endsWith('.tmp'))).toEqual([]);
        fs.rmSync(cacheFile(), { recursive: true });
    });

    test('the journey graph loads its layout library from out/vendor as before', () => {
        const result = iom('graph', example, '--format', 'svg');
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^<svg[^>]*>/);
    });

    test('a bundle is run with its text as written: ASCII (the bundles: read byte for byte) or UTF-8 (decoded)', () => {
        expect(isAscii(fs.readFileSync(path.join(root, 'out', 'cli', 'main.cjs')))).toBe(true);
        const run = (name: string, text: string) => {
            const file = path.join(root, 'out', name);
            fs.writeFileSync(file, text);
            const loader = path.join(root, 'out', 'host', 'code-cache.cjs');
            const script = `require(${JSON.stringify(loader)}).runWithCodeCache(${JSON.stringify(file)})`;
            const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
            return `${result.stdout}${result.stderr}`;
        };
        expect(run('ascii.cjs', 'console.log("plain " + "text\\u00e9");\n')).toBe('plain text\u00e9\n');
        expect(run('utf8.cjs', '// Validé\nconsole.log("Validé ✓ 𝄞", "Validé ✓ 𝄞".length);\n')).toBe('Validé ✓ 𝄞 11\n');
    });
});
