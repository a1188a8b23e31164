/**
 * Runs a bundle (out/cli/main.cjs, out/server/main.cjs) through V8's code cache: the bytecode of every function the
 * last long run compiled is kept next to the bundle and reused by the next process, which then neither parses the
 * 3 MB bundle nor compiles its functions again as they are first called (the parser, the checks, …). On this
 * project's 2-core machines that was a sixth of the CPU time of `iom validate` on 1,500 files.
 *
 * The cache file, `<bundle>.v8cache`, starts with a header line: the SHA-256 of the bundle's SHA-256 and of
 * the Node and V8 versions (V8 itself only checks the text's length), and how long the run that wrote it lasted. A process
 * writes the cache when there is none that fits, or when it ran more than twice as long as the one that wrote it
 * (a `--help` must not leave the cache of a build behind). The file is written to a temporary name and renamed, so a
 * reader never sees half of it; a folder that cannot be written (a read-only installation) means no cache, never an
 * error. The cache lives beside the code it is made from, so whoever could change it could change the code itself.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

const MAGIC = 'IOM-V8-CACHE 1';

/**
 * The SHA-256 of each bundle read so far in this process, shared by every copy of this module: the bin's
 * (out/host/code-cache.cjs) records the bundle it runs, and the copy bundled into the server finds it there instead
 * of reading and hashing its own 3 MB again (the start snapshot's build id, host/snapshot-storage.ts).
 */
const registry = globalThis as { iomCodeDigests?: Map<string, string> };
const digests = (registry.iomCodeDigests ??= new Map<string, string>());

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/**
 * The SHA-256 of a file's bytes (a bundle's identity), read once per process: the code that runs is the code that was
 * read, even if the file is rebuilt meanwhile. Throws when the file cannot be read.
 */
export function codeDigest(file: string): string {
    let digest = digests.get(file);
    if (digest === undefined) digests.set(file, (digest = sha256(fs.readFileSync(file))));
    return digest;
}

/**
 * A bundle's text. The bundles are ASCII (esbuild.mjs): read as Latin-1, each byte is copied as it is into a
 * one-byte string, about 10 ms less than decoding the 3 MB as UTF-8 at every start; anything else is decoded.
 */
function bundleText(bytes: Buffer): string {
    return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

interface Header {
    key: string;
    runMs: number;
}

/** Loads `file` as a CommonJS module, as `require(file)` would, compiling it with the code cache beside it. */
export function runWithCodeCache(file: string): void {
    const started = performance.now();
    const bytes = fs.readFileSync(file);
    const source = bundleText(bytes);
    const digest = sha256(bytes);
    digests.set(file, digest);
    const key = sha256(`${digest}\0${process.version}\0${process.versions.v8}`);
    const cacheFile = `${file}.v8cache`;
    const cached = readCache(cacheFile, key);
    const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cached?.data });
    const usable = cached !== undefined && !script.cachedDataRejected;
    let written = false;
    const write = () => {
        if (written) return;
        const runMs = performance.now() - started;
        if (usable && runMs <= 2 * cached.header.runMs) return;
        written = true;
        writeCache(cacheFile, { key, runMs }, script.createCachedData());
    };
    process.once('exit', write);
    // A language server runs until the editor closes, and may be killed then: it writes its cache once started.
    setTimeout(write, 30_000).unref();

    const module = new Module(file);
    module.filename = file;
    module.paths = (Module as unknown as { _nodeModulePaths(folder: string): string[] })._nodeModulePaths(path.dirname(file));
    const moduleRequire = Module.createRequire(file);
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(module.exports, module.exports, moduleRequire, module, file, path.dirname(file));
    module.loaded = true;
}

function readCache(cacheFile: string, key: string): { header: Header; data: Buffer } | undefined {
    let bytes: Buffer;
    try {
        bytes = fs.readFileSync(cacheFile);
    } catch {
        return undefined;
    }
    const end = bytes.indexOf(10);
    if (end < 0) return undefined;
    const [magic, cacheKey, runMs] = bytes.subarray(0, end).toString('latin1').split(' | ');
    if (magic !== MAGIC || cacheKey !== key || !Number.isFinite(Number(runMs))) return undefined;
    return { header: { key, runMs: Number(runMs) }, data: bytes.subarray(end + 1) };
}

function writeCache(cacheFile: string, header: Header, data: Buffer): void {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
        fs.writeFileSync(temporary, Buffer.concat([Buffer.from(`${MAGIC} | ${header.key} | ${header.runMs.toFixed(0)}\n`, 'latin1'), data]));
        fs.renameSync(temporary, cacheFile);
    } catch {
        // No cache this time (a read-only folder, a full disk): the next run compiles as usual.
        fs.rmSync(temporary, { force: true });
    }
}
