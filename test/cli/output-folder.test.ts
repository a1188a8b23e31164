import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyExample, readTree, tempDirs } from '../compiler/helpers.js';
import { iom, spawnIom, startIom } from '../helpers/cli.js';

/**
 * Issue 10 item 1: builds writing the same output folder at the same time. Real CLI processes (bin/iom.cjs) on a
 * generated large workspace; the output folder must always be one complete build, consistent with its manifest's
 * hashes. The builds that only prepare a previous output run in-process.
 */
const temp = tempDirs('iom-concurrent-');

/** A workspace of `count` policies (one rule each), spread over 10 files. */
function largeWorkspace(count: number): string {
    const dir = temp();
    for (let file = 0; file < 10; file++) {
        const parts: string[] = [];
        for (let i = file; i < count; i += 10) {
            parts.push(
                `policy "Generated policy ${i}" {\n    type execution\n    criticality information\n    entity Order\n` +
                    `    rule "Rule ${i}" {\n        "Ship to Country/Region" = "C${i}"\n    }\n}\n`
            );
        }
        fs.writeFileSync(path.join(dir, `policies-${file}.iom`), parts.join('\n'));
    }
    return dir;
}

/** The output folder is complete: every manifest entry exists with its hash, nothing else is there. */
function expectCompleteOutput(out: string, records: number): void {
    const files = readTree(out);
    const manifest = JSON.parse(files.get('manifest.json') ?? 'null') as { artifacts: Array<{ path: string; sha256: string }> } | null;
    expect(manifest, 'manifest.json').not.toBeNull();
    expect(manifest!.artifacts).toHaveLength(records);
    expect([...files.keys()].sort()).toEqual(['manifest.json', ...manifest!.artifacts.map(a => a.path)].sort());
    for (const artifact of manifest!.artifacts) {
        expect(createHash('sha256').update(files.get(artifact.path)!).digest('hex'), artifact.path).toBe(artifact.sha256);
    }
}

/** The id of a process that has run and exited (a bare Node process: any process id will do). */
async function exitedProcessId(): Promise<number> {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise(resolve => child.on('close', resolve));
    return child.pid!;
}

/** Nothing but the output folder is left beside it: no temporary folder, no lock. */
function expectNoLeftovers(dir: string): void {
    expect(fs.readdirSync(dir).filter(name => name.startsWith('.out.'))).toEqual([]);
}

describe('concurrent builds of one output folder', { timeout: 300_000 }, () => {
    test('four builds started together: each succeeds or says it lost the race; the folder is one complete build', async () => {
        const dir = largeWorkspace(1000);
        const out = path.join(dir, 'out');
        // A first build (in-process) gives the folder a previous complete output.
        const first = await iom(['build', '.'], dir);
        expect(first.code, first.stderr).toBe(0);
        expectCompleteOutput(out, 1000);

        // Change every policy so the new output differs from the previous one, then race four builds.
        for (const file of fs.readdirSync(dir).filter(name => name.endsWith('.iom'))) {
            const text = fs.readFileSync(path.join(dir, file), 'utf8');
            fs.writeFileSync(path.join(dir, file), text.replaceAll('criticality information', 'criticality critical'));
        }
        const runs = await Promise.all([0, 1, 2, 3].map(() => startIom(['build', '.'], dir).done));
        for (const run of runs) {
            if (run.code === 0) {
                expect(run.stdout).toMatch(/^Built 1000 artifact\(s\)/m);
                expect(run.stderr).toBe('');
            } else {
                expect(run.code, run.stderr).toBe(3);
                expect(run.stderr).toMatch(
                    /^iom: .*out: another build \(process \d+, started .*\) is writing this output folder right now; this build wrote nothing\./
                );
            }
        }
        expect(runs.some(run => run.code === 0)).toBe(true);
        expectCompleteOutput(out, 1000);
        expect(fs.readFileSync(path.join(out, 'policies', 'generated-policy-7.json'), 'utf8')).toContain('"Critical information"');
        expectNoLeftovers(dir);
    }, 300_000);

    test('a build never removes the temporary folder or lock draft of a build that is still running', async () => {
        const dir = temp();
        copyExample('seed', dir);
        // A temporary folder of a live process (this test runner) and one of a process that has exited.
        const live = path.join(dir, `.out.iom-tmp-${process.pid}-0a0b0c`);
        fs.mkdirSync(live);
        fs.writeFileSync(path.join(live, 'half.json'), '{');
        const exited = await exitedProcessId();
        const dead = path.join(dir, `.out.iom-tmp-${exited}-0d0e0f`);
        fs.mkdirSync(dead);
        // The lock drafts (written, then linked to the lock's name) of a live and of a killed build.
        const liveDraft = path.join(dir, `.out.iom-lock.draft-${process.pid}-0a0b0c0d`);
        const deadDraft = path.join(dir, `.out.iom-lock.draft-${exited}-0d0e0f0a`);
        for (const draft of [liveDraft, deadDraft]) fs.writeFileSync(draft, '{}\n');

        const run = spawnIom(['build', '.'], dir);
        expect(run.code, run.stderr).toBe(0);
        expect(fs.existsSync(live)).toBe(true);
        expect(fs.existsSync(dead)).toBe(false);
        expect(fs.existsSync(liveDraft)).toBe(true);
        expect(fs.existsSync(deadDraft)).toBe(false);
    });

    test('a live lock makes the build fail with exit 3 and leaves the previous output; a stale lock is taken over', async () => {
        const dir = temp();
        copyExample('seed', dir);
        const out = path.join(dir, 'out');
        expect((await iom(['build', '.'], dir)).code).toBe(0);
        const before = readTree(out);
        fs.appendFileSync(path.join(dir, 'action-types.iom'), '\nevent "Extra event" { entity Order }\n');

        const lock = path.join(dir, '.out.iom-lock');
        fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), started: '2026-01-01T00:00:00.000Z' }));
        const busy = spawnIom(['build', '.'], dir);
        expect(busy.code).toBe(3);
        expect(busy.stderr).toContain(
            `another build (process ${process.pid}, started 2026-01-01T00:00:00.000Z) is writing this output folder right now; this build wrote nothing.`
        );
        expect(busy.stderr).toContain(`delete ${lock}`);
        expect(busy.stdout).not.toContain('Built');
        expect(readTree(out)).toEqual(before);
        expect(fs.existsSync(lock)).toBe(true);

        const json = spawnIom(['build', '.', '--format', 'json'], dir);
        expect(json.code).toBe(3);
        expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, output: null, failure: expect.stringContaining('another build') });

        // The owner died (a build killed with kill -9): its lock is stale and the next build takes it over.
        fs.writeFileSync(lock, JSON.stringify({ pid: await exitedProcessId(), host: os.hostname(), started: '2026-01-01T00:00:00.000Z' }));
        const run = spawnIom(['build', '.'], dir);
        expect(run.code, run.stderr).toBe(0);
        expect(readTree(out).get('business-events/extra-event.json')).toContain('"Extra event"');
        expectNoLeftovers(dir);
    });

    test('a build killed while writing leaves the previous output, and the next build completes', async () => {
        const dir = largeWorkspace(300);
        const out = path.join(dir, 'out');
        expect((await iom(['build', '.'], dir)).code).toBe(0);
        const before = readTree(out);
        for (const file of fs.readdirSync(dir).filter(name => name.endsWith('.iom'))) {
            fs.appendFileSync(path.join(dir, file), `\nevent "Extra ${file}" { entity Order }\n`);
        }
        // Kill the build as soon as its lock appears (it is writing then).
        const build = startIom(['build', '.'], dir);
        const lock = path.join(dir, '.out.iom-lock');
        await new Promise<void>(resolve => {
            const watcher = fs.watch(dir, () => {
                if (fs.existsSync(lock)) {
                    watcher.close();
                    process.kill(build.pid, 'SIGKILL');
                    resolve();
                }
            });
            void build.done.then(() => {
                watcher.close();
                resolve();
            });
        });
        await build.done;
        // Whatever instant it died at, the folder is a complete build: the previous one or the new one.
        const after = readTree(out);
        if (after.size === before.size) expect(after).toEqual(before);
        else expectCompleteOutput(out, 310);
        const next = spawnIom(['build', '.'], dir);
        expect(next.code, next.stderr).toBe(0);
        expectCompleteOutput(out, 310);
        expectNoLeftovers(dir);
    }, 120_000);
});

describe("only the compiler's own output folder is replaced", { timeout: 120_000 }, () => {
    test('--out on a web app folder with its own manifest.json is refused (exit 2) and nothing in it is touched', async () => {
        const dir = temp();
        copyExample('seed', dir);
        const site = path.join(dir, 'public');
        fs.mkdirSync(site);
        fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>app</title>\n');
        fs.writeFileSync(path.join(site, 'manifest.json'), JSON.stringify({ name: 'My app', start_url: '/', display: 'standalone' }));
        const before = readTree(site);
        const run = await iom(['build', '.', '--out', 'public'], dir);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(
            /^iom: .*public: its manifest\.json does not carry the IOM compiler's format marker .*refusing to replace it\. Choose another output folder \(--out\) or empty this one\.\n$/
        );
        expect(run.stdout).not.toContain('Built');
        expect(readTree(site)).toEqual(before);
        expect(fs.readdirSync(dir).filter(name => name.startsWith('.public.'))).toEqual([]);
    });

    test('a manifest.json that is not JSON, or a folder without one, is refused; our own output is replaced', async () => {
        const dir = temp();
        copyExample('seed', dir);
        fs.mkdirSync(path.join(dir, 'a'));
        fs.writeFileSync(path.join(dir, 'a', 'manifest.json'), 'CACHE MANIFEST\n');
        expect((await iom(['build', '.', '--out', 'a'], dir)).stderr).toContain('a: its manifest.json is not a JSON manifest of the IOM compiler');
        fs.mkdirSync(path.join(dir, 'b'));
        fs.writeFileSync(path.join(dir, 'b', 'notes.txt'), 'keep');
        expect((await iom(['build', '.', '--out', 'b'], dir)).stderr).toContain('b: the folder is not empty and has no manifest.json');
        expect(fs.readFileSync(path.join(dir, 'b', 'notes.txt'), 'utf8')).toBe('keep');
        expect((await iom(['build', '.'], dir)).code).toBe(0);
        expect((await iom(['build', '.'], dir)).code).toBe(0);
        expect(JSON.parse(fs.readFileSync(path.join(dir, 'out', 'manifest.json'), 'utf8')).compiler.name).toBe('iom-lang');
    });
});
