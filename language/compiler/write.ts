/**
 * Writes a compile result atomically: every artifact goes into a temporary folder beside the output folder, which
 * then replaces the output folder by two renames. A failure at any point leaves the previous output as it was, and
 * nothing is written outside `<parent>/<out>` and its two siblings `.<out>.iom-tmp-*` and `.<out>.iom-old`.
 */
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE } from './emit.js';

/** The file-system calls the writer makes; tests pass a wrapper that fails on purpose. */
export type WriterFs = Pick<typeof nodeFs, 'existsSync' | 'statSync' | 'readdirSync' | 'mkdirSync' | 'writeFileSync' | 'renameSync' | 'rmSync'>;

export interface WritableResult {
    ok: boolean;
    artifacts: ReadonlyMap<string, string>;
}

export class EmitBlockedError extends Error {}

/** The output folder cannot be used (it is not a previous output, or an artifact path escapes it). */
export class OutputFolderError extends Error {}

export interface WriteSummary {
    outDir: string;
    files: number;
}

export function writeArtifacts(result: WritableResult, outDir: string, options: { fs?: WriterFs } = {}): WriteSummary {
    const fs = options.fs ?? nodeFs;
    if (!result.ok) throw new EmitBlockedError('The workspace has errors: nothing was written.');
    const out = path.resolve(outDir);
    const parent = path.dirname(out);
    const base = path.basename(out);
    if (parent === out) throw new OutputFolderError(`${outDir}: cannot use a file-system root as the output folder.`);
    const old = path.join(parent, `.${base}.iom-old`);
    fs.mkdirSync(parent, { recursive: true });

    // An earlier build interrupted between its two renames left the previous output as `old`: put it back.
    if (!fs.existsSync(out) && fs.existsSync(old)) fs.renameSync(old, out);
    if (fs.existsSync(old)) fs.rmSync(old, { recursive: true, force: true });
    if (fs.existsSync(out)) {
        if (!fs.statSync(out).isDirectory()) throw new OutputFolderError(`${outDir}: exists and is not a folder.`);
        const entries = fs.readdirSync(out);
        if (entries.length > 0 && !entries.includes(MANIFEST_FILE)) {
            throw new OutputFolderError(`${outDir}: exists and is not the output of an earlier build (no ${MANIFEST_FILE}); refusing to replace it.`);
        }
    }
    for (const entry of fs.readdirSync(parent)) {
        if (entry.startsWith(`.${base}.iom-tmp-`)) fs.rmSync(path.join(parent, entry), { recursive: true, force: true });
    }

    const tmp = path.join(parent, `.${base}.iom-tmp-${process.pid}-${Date.now().toString(36)}`);
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
