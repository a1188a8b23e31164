import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { copyExample, tempDir } from '../compiler/helpers.js';
import { cliCopyForAnyUser, spawnIom } from '../helpers/cli.js';

/**
 * Issue 10 item 5: an unreadable folder or file stops the command with a clear message naming it (exit 2), instead
 * of a build that silently misses its declarations or an "internal error: EACCES". The tests run as root, for whom
 * file modes deny nothing, so the CLI is then spawned as the unprivileged user `nobody` (uid/gid 65534), for whom a
 * root-owned folder of mode 0700 is really unreadable.
 */
let cli: string;
let disposeCli: () => void;
beforeAll(() => {
    ({ cli, dispose: disposeCli } = cliCopyForAnyUser());
});
afterAll(() => disposeCli?.());

const cleanup: string[] = [];
afterEach(() => {
    for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const asRoot = process.getuid?.() === 0;
/** Spawn options that make file modes apply: another user when the tests run as root. */
const unprivileged = asRoot ? { uid: 65534, gid: 65534 } : {};
/** Denies reading to the CLI's user (root still can, so cleanup works). */
const deny = (target: string) => fs.chmodSync(target, fs.statSync(target).isDirectory() ? (asRoot ? 0o700 : 0o000) : asRoot ? 0o600 : 0o000);

/** The seed example, readable by everyone, with its journeys in a subfolder. */
function workspace(): { dir: string; sub: string } {
    const dir = tempDir('iom-unreadable-');
    cleanup.push(dir);
    fs.chmodSync(dir, 0o755);
    copyExample('seed', dir);
    const sub = path.join(dir, 'flows');
    fs.mkdirSync(sub, { mode: 0o755 });
    fs.renameSync(path.join(dir, 'journeys.iom'), path.join(sub, 'journeys.iom'));
    for (const file of fs.readdirSync(dir)) if (file.endsWith('.iom')) fs.chmodSync(path.join(dir, file), 0o644);
    fs.chmodSync(path.join(sub, 'journeys.iom'), 0o644);
    return { dir, sub };
}

describe('unreadable parts of a workspace', { timeout: 120_000 }, () => {
    test('readable, the workspace validates as that user (the setup itself is sound)', () => {
        const { dir } = workspace();
        const run = spawnIom(['validate', '.'], dir, { cli, ...unprivileged });
        expect(run.code, run.stdout + run.stderr).toBe(0);
    });

    test('an unreadable subfolder: named, exit 2, nothing built', () => {
        const { dir, sub } = workspace();
        const out = tempDir('iom-unreadable-out-');
        cleanup.push(out);
        fs.chmodSync(out, 0o777);
        deny(sub);
        for (const args of [
            ['validate', '.'],
            ['build', '.', '--out', path.join(out, 'o')]
        ]) {
            const run = spawnIom(args, dir, { cli, ...unprivileged });
            expect(run.code, run.stdout + run.stderr).toBe(2);
            expect(run.stderr).toBe(
                'iom: flows/: cannot read this folder (EACCES: permission denied)\n' +
                    'The workspace cannot be read completely, so nothing was checked or written.\n'
            );
            expect(run.stderr).not.toContain('internal error');
            expect(run.stdout).not.toContain('Built');
        }
        expect(fs.readdirSync(out)).toEqual([]);
    });

    test('an unreadable file: named, exit 2, no "internal error: EACCES"', () => {
        const { dir, sub } = workspace();
        deny(path.join(sub, 'journeys.iom'));
        const run = spawnIom(['build', '.'], dir, { cli, ...unprivileged });
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(
            'iom: flows/journeys.iom: cannot read this file (EACCES: permission denied)\n' +
                'The workspace cannot be read completely, so nothing was checked or written.\n'
        );
        expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    });
});
