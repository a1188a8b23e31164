/**
 * The IOM benchmark (issue 7). Bundled by bench/build.mjs into out/bench.mjs and run with `node --expose-gc`.
 * This main parses the options, generates the workloads and runs the selected sections, one file each in
 * bench/sections/, in a fixed order; then prints the figures (bench/report.ts).
 *
 *   npm run bench                      full size (1,000 files / 100k lines, one 50k-line file, a 5k-line document)
 *   npm run bench:ci                   reduced size (about a tenth), for CI: keeps the benchmark working
 *   node --expose-gc out/bench.mjs [--size full|small] [--json] [--profile] [--only a,b,…]
 *
 * Environment: IOM_BENCH_SIZE=small|full is the same as --size.
 * --json prints the figures as JSON on stdout (progress goes to stderr either way).
 * --profile turns on Langium's profiler (parsing, linking, validating) for the full builds and prints its tables.
 * --only runs a subset of: parse, build, edit, single, lsp, compile, cli, server, scaling, pathological.
 *   The language server over stdio (bench/lsp-stdio.ts) is measured by fanin (keystrokes under fan-in; also run by
 *   edit), completion5k (5,000 candidates; also run by lsp) and start1500 (server start; also run by server).
 *   --fanin 19,4000 measures only those fan-ins.
 */
import '../language/groupby-polyfill.mjs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { present } from '../language/model/collections.js';
import { type BenchContext, SIZES } from './context.js';
import { generateWorkspace, regionsForLines, workspaceOfFiles } from './generate.js';
import { MiB, now, oneMinuteLoad, peakRss } from './measure.js';
import { child } from './processes.js';
import { Report } from './report.js';
import { buildSection } from './sections/build.js';
import { cliSection } from './sections/cli.js';
import { compileSection } from './sections/compile.js';
import { completion5kSection } from './sections/completion5k.js';
import { faninSection } from './sections/fanin.js';
import { lspSection } from './sections/lsp.js';
import { parseSection } from './sections/parse.js';
import { pathologicalSection } from './sections/pathological.js';
import { scalingSection } from './sections/scaling.js';
import { serverSection } from './sections/server.js';
import { singleSection } from './sections/single.js';
import { start1500Section } from './sections/start1500.js';
import { assertClean, buildWorkspace } from './workspace-build.js';

// ---------------------------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
    const i = argv.findIndex(a => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const arg = present(argv[i], `argument ${i}`);
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
};
const size = (option('size') ?? process.env.IOM_BENCH_SIZE ?? 'full') === 'small' ? 'small' : 'full';
const asJson = flag('json');
const profile = flag('profile');
const only = option('only')?.split(',');
const runs = (section: string) => !only || only.includes(section);
const S = SIZES[size];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

if (typeof globalThis.gc !== 'function') {
    log('run with node --expose-gc for the heap figures (npm run bench does)');
}

/** The sections in the order they run, each with the --only names that select it. */
const SECTIONS: Array<{ selected: () => boolean; run: (ctx: BenchContext) => Promise<void> }> = [
    { selected: () => runs('parse') || runs('build'), run: parseSection },
    { selected: () => runs('build') || runs('edit'), run: buildSection },
    { selected: () => runs('single'), run: singleSection },
    { selected: () => runs('lsp'), run: lspSection },
    { selected: () => runs('fanin') || only?.includes('edit') === true, run: faninSection },
    { selected: () => runs('completion5k') || only?.includes('lsp') === true, run: completion5kSection },
    { selected: () => runs('compile'), run: compileSection },
    { selected: () => runs('cli'), run: cliSection },
    { selected: () => runs('server'), run: serverSection },
    { selected: () => runs('scaling'), run: scalingSection },
    { selected: () => runs('start1500') || only?.includes('server') === true, run: start1500Section },
    { selected: () => runs('pathological'), run: pathologicalSection }
];

async function main(): Promise<void> {
    const report = new Report(size, log);
    const { figures, notes, censuses, record } = report;
    const loadBefore = oneMinuteLoad();
    log(
        `size ${size}: ${S.workspaceFiles} files, one ${S.singleFileLines.toLocaleString('en-US')}-line file, a ${S.lspLines.toLocaleString('en-US')}-line document`
    );
    const generateStart = now();
    // Three shared files plus two files per region (bench/generate.ts).
    const filesWorkspace = workspaceOfFiles(S.workspaceFiles);
    const singleFile = generateWorkspace({ regions: regionsForLines(S.singleFileLines), singleFile: true });
    const lspDocument = generateWorkspace({ regions: regionsForLines(S.lspLines), singleFile: true });
    log(
        `generated in ${(now() - generateStart).toFixed(0)} ms: ${filesWorkspace.files.length} files / ${filesWorkspace.lines} lines; ` +
            `${singleFile.lines} lines; ${lspDocument.lines} lines`
    );
    const workspaceLines = filesWorkspace.lines;
    const singleLines = singleFile.lines;
    const K = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));
    const wsLabel = `${K(workspaceLines)} lines / ${filesWorkspace.files.length} files`;
    const singleLabel = `one ${K(singleLines)}-line file`;

    const ctx: BenchContext = {
        size,
        S,
        root,
        only,
        runs,
        option,
        log,
        report,
        record,
        buildWorkspace: workspace => buildWorkspace(workspace, profile),
        assertClean: (built, what) => assertClean(built, what, report),
        filesWorkspace,
        singleFile,
        lspDocument,
        workspaceLines,
        singleLines,
        K,
        wsLabel,
        singleLabel
    };
    for (const section of SECTIONS) if (section.selected()) await section.run(ctx);

    record({ id: 'memory.peakRss', label: 'peak RSS of the benchmark process', value: peakRss() / MiB, unit: 'MiB' });
    // The machine is shared (2 cores): other processes make every figure slower. Say how loaded it was.
    const load = `load average (1 min) ${loadBefore.toFixed(2)} at the start, ${oneMinuteLoad().toFixed(2)} at the end, on ${os.cpus().length} CPU(s) (${os.cpus()[0]?.model ?? 'unknown'})`;
    notes.push(load);

    if (asJson) {
        process.stdout.write(
            JSON.stringify(
                {
                    size,
                    node: process.version,
                    platform: `${process.platform} ${process.arch}`,
                    date: new Date().toISOString(),
                    workspace: { files: filesWorkspace.files.length, lines: workspaceLines },
                    censuses,
                    singleFileLines: singleLines,
                    lspDocumentLines: lspDocument.lines,
                    figures: figures.map(({ id, label, value, unit, target, met, note, display }) => ({
                        id,
                        label,
                        value: value ?? null,
                        unit,
                        display: display ?? null,
                        target: target?.max ?? null,
                        met: met ?? null,
                        note: note ?? null
                    })),
                    notes
                },
                null,
                2
            ) + '\n'
        );
    } else {
        report.printTable();
        const missed = figures.filter(f => f.met === false);
        if (size === 'small') console.log('\nReduced size: the targets apply to the full-size run (npm run bench).');
        else
            console.log(
                missed.length === 0
                    ? '\nEvery measured target is met.'
                    : `\n${missed.length} target(s) not met: ${missed.map(f => f.label).join('; ')}`
            );
    }
}

(flag('child') ? child(argv) : main()).then(
    () => {
        process.exit(0);
    },
    error => {
        process.stderr.write(`\n[bench] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
    }
);
