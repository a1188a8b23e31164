/**
 * Writes a compile result atomically and safely against concurrent builds (docs/artifacts.md, "Atomic output"):
 *
 * 1. The build takes the output folder's lock, `<parent>/.<out>.iom-lock` (created exclusively, holding the pid and
 *    host of its owner). A lock whose owner process no longer runs on this host is stale and is taken over. A build
 *    that finds a live lock writes nothing and throws {@link OutputBusyError}: it lost the race.
 * 2. Every artifact goes into a temporary folder of its own, `.<out>.iom-tmp-<pid>-<random>`, beside the output
 *    folder. Temporaries of other builds are never touched unless their owner process is gone.
 * 3. The temporary folder replaces the output folder by two renames (out → `.<out>.iom-old`, tmp → out). A build
 *    interrupted between the two is repaired by the next one, which puts `.<out>.iom-old` back first.
 *
 * So the output folder always holds either the previous complete build or the new complete build. Nothing is written
 * outside `<parent>/<out>` and its siblings `.<out>.iom-*`. The folder replaced must be the compiler's own output: an
 * empty folder, or one whose manifest.json carries the compiler's format marker.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { COMPILER_NAME, isOwnManifest, MANIFEST_FILE } from '../language/compiler/emit.js';
import type { WritableResult, WriteSummary } from '../language/compiler/output.js';

/** The file-system calls the writer makes; tests pass a wrapper that fails on purpose. */
export type WriterFs = Pick<
    typeof nodeFs,
    | 'existsSync'
    | 'statSync'
    | 'readdirSync'
    | 'mkdirSync'
    | 'writeFileSync'
    | 'renameSync'
    | 'rmSync'
    | 'readFileSync'
    | 'openSync'
    | 'closeSync'
    | 'unlinkSync'
    | 'linkSync'
>;

export class EmitBlockedError extends Error {}

/** The output folder cannot be used (it is not a previous output, or an artifact path escapes it). */
export class OutputFolderError extends Error {}

/** Another build is writing the same output folder right now: this one wrote nothing. */
export class OutputBusyError extends Error {}

/** What the lock file holds. */
interface LockOwner {
    pid: number;
    host: string;
    started: string;
}

export function writeArtifacts(result: WritableResult, outDir: string, options: { fs?: WriterFs } = {}): WriteSummary {
    const fs = options.fs ?? nodeFs;
    if (!result.ok) throw new EmitBlockedError('The workspace has errors: nothing was written.');
    const out = path.resolve(outDir);
    const parent = path.dirname(out);
    const base = path.basename(out);
    if (parent === out) throw new OutputFolderError(`${outDir}: cannot use a file-system root as the output folder.`);
    fs.mkdirSync(parent, { recursive: true });
    const lock = path.join(parent, `.${base}.iom-lock`);
    acquireLock(fs, lock, outDir);
    try {
        return writeLocked(fs, result, outDir, out, parent, base);
    } finally {
        try {
            fs.unlinkSync(lock);
        } catch {
            /* already gone: nothing to release */
        }
    }
}

function writeLocked(fs: WriterFs, result: WritableResult, outDir: string, out: string, parent: string, base: string): WriteSummary {
    const old = path.join(parent, `.${base}.iom-old`);
    // An earlier build interrupted between its two renames left the previous output as `old`: put it back. (Only
    // the lock holder renames, so `old` is never another live build's.)
    if (!fs.existsSync(out) && fs.existsSync(old)) fs.renameSync(old, out);
    if (fs.existsSync(old)) fs.rmSync(old, { recursive: true, force: true });
    if (fs.existsSync(out)) checkOwnOutput(fs, out, outDir);
    // Temporaries and lock drafts left by builds that died (their pid no longer runs here: a build killed between
    // linking its draft to the lock's name and removing the draft leaves it); those of live processes are left alone.
    const prefix = `.${base}.iom-tmp-`;
    for (const entry of fs.readdirSync(parent)) {
        const owned = [prefix, `.${base}.iom-lock.draft-`].find(start => entry.startsWith(start));
        if (owned === undefined) continue;
        const pid = Number(/^(\d+)-/.exec(entry.slice(owned.length))?.[1]);
        if (Number.isInteger(pid) && !processRuns(pid)) fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
    }

    const tmp = path.join(parent, `${prefix}${process.pid}-${randomBytes(6).toString('hex')}`);
    fs.mkdirSync(tmp);
    try {
        for (const [relative, text] of result.artifacts) {
            const target = path.resolve(tmp, relative);
            if (path.isAbsolute(relative) || !target.startsWith(tmp + path.sep)) {
                throw new OutputFolderError(`artifact path '${relative}' leaves the output folder.`);
            }
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.writeFileSync(target, text);
        }
    } catch (error) {
        fs.rmSync(tmp, { recursive: true, force: true });
        throw error;
    }

    const hadPrevious = fs.existsSync(out);
    try {
        if (hadPrevious) fs.renameSync(out, old);
        try {
            fs.renameSync(tmp, out);
        } catch (error) {
            if (hadPrevious) fs.renameSync(old, out);
            throw error;
        }
    } catch (error) {
        fs.rmSync(tmp, { recursive: true, force: true });
        throw error;
    }
    if (hadPrevious) fs.rmSync(old, { recursive: true, force: true });
    return { outDir: out, files: result.artifacts.size };
}

/**
 * Refuses to replace a folder that is not the compiler's own output: it must be empty, or hold a manifest.json with
 * the format marker (`formatVersion` and `compiler.name` "iom-lang").
 */
function checkOwnOutput(fs: WriterFs, out: string, outDir: string): void {
    if (!fs.statSync(out).isDirectory()) throw new OutputFolderError(`${outDir}: exists and is not a folder; refusing to replace it.`);
    const entries = fs.readdirSync(out);
    if (entries.length === 0) return;
    const refuse = (why: string) =>
        new OutputFolderError(
            `${outDir}: ${why}, so it is not the output of an earlier iom build; refusing to replace it. Choose another output folder (--out) or empty this one.`
        );
    if (!entries.includes(MANIFEST_FILE)) throw refuse(`the folder is not empty and has no ${MANIFEST_FILE}`);
    let manifest: unknown;
    try {
        manifest = JSON.parse(String(fs.readFileSync(path.join(out, MANIFEST_FILE), 'utf8')));
    } catch {
        throw refuse(`its ${MANIFEST_FILE} is not a JSON manifest of the IOM compiler`);
    }
    if (!isOwnManifest(manifest))
        throw refuse(
            `its ${MANIFEST_FILE} does not carry the IOM compiler's format marker ("compiler": { "name": "${COMPILER_NAME}" } and "formatVersion")`
        );
}

/** Takes the lock, or throws OutputBusyError when a live build holds it. A stale lock (owner gone) is taken over. */
function acquireLock(fs: WriterFs, lock: string, outDir: string): void {
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
    for (let attempt = 0; attempt < 5; attempt++) {
        // The lock appears with its content at once: written under a name of this build's own, then linked to the
        // lock's name (which fails if it exists), so a build killed at any moment never leaves an empty lock.
        const draft = `${lock}.draft-${process.pid}-${randomBytes(4).toString('hex')}`;
        fs.writeFileSync(draft, JSON.stringify(owner) + '\n');
        try {
            fs.linkSync(draft, lock);
            return;
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        } finally {
            try {
                fs.unlinkSync(draft);
            } catch {
                /* gone */
            }
        }
        const holder = readLock(fs, lock);
        // A lock being written this instant reads as empty: another build holds it, unless it has been empty for
        // longer than any write takes (its owner died between creating and filling it).
        const stale = holder
            ? holder.host === os.hostname() && holder.pid !== process.pid && !processRuns(holder.pid)
            : lockAge(fs, lock) > EMPTY_LOCK_STALE_MS;
        if (!stale) {
            const who = holder
                ? `process ${holder.pid}${holder.host !== os.hostname() ? ` on ${holder.host}` : ''}, started ${holder.started}`
                : 'another process';
            throw new OutputBusyError(
                `${outDir}: another build (${who}) is writing this output folder right now; this build wrote nothing. ` +
                    `Run it again when that one has finished. (If no build is running, delete ${lock}.)`
            );
        }
        // Stale: move it aside under a name of our own (only one build can), check that what was moved is the stale
        // lock and not one another build has just created in its place, then try again.
        const grave = `${lock}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
        try {
            fs.renameSync(lock, grave);
        } catch {
            continue; /* another build moved it first */
        }
        const moved = readLock(fs, grave);
        const same = holder ? moved?.pid === holder.pid && moved.started === holder.started : moved === undefined;
        if (!same) {
            // A live lock: give it back to its owner (unless yet another build took the name meanwhile).
            try {
                fs.linkSync(grave, lock);
            } catch {
                /* the name is taken again */
            }
        }
        try {
            fs.unlinkSync(grave);
        } catch {
            /* gone */
        }
    }
    throw new OutputBusyError(`${outDir}: could not take the output folder's lock ${lock}; this build wrote nothing.`);
}

/** An unreadable lock older than this is stale. */
const EMPTY_LOCK_STALE_MS = 10_000;

function lockAge(fs: WriterFs, lock: string): number {
    try {
        return Date.now() - fs.statSync(lock).mtimeMs;
    } catch {
        return Number.POSITIVE_INFINITY;
    }
}

function readLock(fs: WriterFs, lock: string): LockOwner | undefined {
    try {
        const value = JSON.parse(String(fs.readFileSync(lock, 'utf8'))) as Partial<LockOwner>;
        if (typeof value.pid === 'number' && typeof value.host === 'string') {
            return { pid: value.pid, host: value.host, started: String(value.started ?? 'at an unknown time') };
        }
    } catch {
        /* empty or half-written */
    }
    return undefined;
}

/** True when a process with this id runs on this machine. */
function processRuns(pid: number): boolean {
    if (pid === process.pid) return true;
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}
