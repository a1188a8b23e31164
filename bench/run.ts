/**
 * The IOM benchmark (issue 7). Bundled by bench/build.mjs into out/bench.mjs and run with `node --expose-gc`.
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
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { type AstNode, AstUtils, DefaultLangiumProfiler, DocumentState, EmptyFileSystem, inject, type LangiumDocument, URI } from 'langium';
import { createDefaultModule, createDefaultSharedModule, type LangiumSharedServices } from 'langium/lsp';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { createIomServices, IomModule, IomSharedModule, type IomServices } from '../language/iom-module.js';
import { IomGeneratedModule, IomGeneratedSharedModule } from '../language/generated/module.js';
import { registerValidationChecks } from '../language/validation/iom-validator.js';
import { DEPENDANTS_DELAY_MS } from '../language/validation/revalidation.js';
import { builtinDocuments } from '../language/workspace/iom-workspace-manager.js';
import { isBuiltinDocument } from '../language/model/builtin.js';
import { type GeneratedFile, type GeneratedWorkspace, generateWorkspace, regionsForLines, workspaceOfFiles } from './generate.js';
import { loadCompiler, type CompilerAdapter } from './compiler.js';
import { present } from '../language/model/collections.js';
import { loadWorkspace } from '../host/load-workspace.js';
import { deeplyNested, NESTABLE } from '../test/helpers/deep-nesting.js';
import { measureBigCompletion, measureFanIn, measureStart } from './lsp-stdio.js';

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

const SIZES = {
    full: { workspaceFiles: 1000, singleFileLines: 50_000, lspLines: 5_000, edits: 40, lspRepeats: 20, buildRuns: 2 },
    small: { workspaceFiles: 100, singleFileLines: 5_000, lspLines: 1_000, edits: 10, lspRepeats: 5, buildRuns: 1 }
} as const;
const S = SIZES[size];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

if (typeof globalThis.gc !== 'function') {
    log('run with node --expose-gc for the heap figures (npm run bench does)');
}

// ---------------------------------------------------------------------------------------------------------------
// Figures and the table

interface Target {
    /** The measured value must be at most this. */
    max: number;
    text: string;
}

interface Figure {
    id: string;
    label: string;
    value?: number;
    unit: string;
    /** How the value is shown; defaults to value + unit. */
    display?: string;
    target?: Target;
    met?: boolean;
    note?: string;
}

const figures: Figure[] = [];
const notes: string[] = [];
/** The census of each generated workspace that was built (printed, and in the JSON). */
const censuses: Census[] = [];

function record(figure: Figure): void {
    if (figure.target && figure.value !== undefined && size === 'full') figure.met = figure.value <= figure.target.max;
    figures.push(figure);
    log(`${figure.label}: ${show(figure)}${figure.target ? ` (target ${figure.target.text})` : ''}`);
}

function show(figure: Figure): string {
    if (figure.display) return figure.display;
    if (figure.value === undefined) return 'n/a';
    const v = figure.value;
    const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
    return `${v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${figure.unit}`.trim();
}

function printTable(): void {
    const rows = figures.map(f => [
        f.label,
        show(f),
        f.target?.text ?? '',
        f.target ? (f.met === undefined ? (size === 'small' ? 'not compared (small)' : 'n/a') : f.met ? 'met' : 'NOT MET') : '',
        f.note ?? ''
    ]);
    const header = ['figure', 'measured', 'target', 'status', 'note'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i]?.length ?? 0)));
    const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ') + ' |';
    console.log('');
    console.log(line(header));
    console.log('|' + widths.map(w => '-'.repeat(w + 2)).join('|') + '|');
    for (const row of rows) console.log(line(row));
    for (const note of notes) console.log(`\nNote: ${note}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const now = () => performance.now();
/** The 1-minute load average (os.loadavg() always returns the 1, 5 and 15 minute ones; 0 where the OS has none). */
const oneMinuteLoad = () => os.loadavg()[0] ?? 0;

function median(values: number[]): number {
    return percentile(values, 50);
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
    return present(sorted[rank - 1], 'a value to take a percentile of');
}

function gc(): void {
    const collect = (globalThis as { gc?: () => void }).gc;
    if (collect) {
        collect();
        collect();
    }
}

const heapUsed = () => process.memoryUsage().heapUsed;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const MiB = 1024 * 1024;

/** Services for an in-memory workspace; with --profile, with Langium's profiler wired in. */
function createServices(): { shared: LangiumSharedServices; Iom: IomServices; profiler?: DefaultLangiumProfiler } {
    if (!profile) return createIomServices(EmptyFileSystem);
    // Same wiring as createIomServices, plus the profiler in the shared module (it has no hook for that).
    const profiler = new DefaultLangiumProfiler(new Set());
    const shared = inject(createDefaultSharedModule(EmptyFileSystem), IomGeneratedSharedModule, IomSharedModule, {
        profilers: { LangiumProfiler: () => profiler }
    });
    const Iom = inject(createDefaultModule({ shared }), IomGeneratedModule, IomModule);
    shared.ServiceRegistry.register(Iom);
    registerValidationChecks(Iom);
    shared.workspace.ConfigurationProvider.initialized({});
    return { shared, Iom, profiler };
}

interface BuiltWorkspace {
    shared: LangiumSharedServices;
    Iom: IomServices;
    documents: LangiumDocument[];
    byPath: Map<string, LangiumDocument>;
    phases: Record<string, number>;
    total: number;
    profiler?: DefaultLangiumProfiler;
}

const uriOf = (file: string) => URI.parse(`file:///bench/${file}`);

/**
 * Loads the built-in library and the workspace's files into fresh services and builds them the way the CLI and the
 * server's initial build do: parse, index, scopes, link, index references, and every validation category.
 */
async function buildWorkspace(workspace: GeneratedWorkspace): Promise<BuiltWorkspace> {
    const { shared, Iom, profiler } = createServices();
    const factory = shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    const marks: Array<[string, number]> = [];
    const phaseNames: Array<[DocumentState, string]> = [
        [DocumentState.IndexedContent, 'index'],
        [DocumentState.ComputedScopes, 'scopes'],
        [DocumentState.Linked, 'link'],
        [DocumentState.IndexedReferences, 'index references'],
        [DocumentState.Validated, 'validate']
    ];
    const listeners = phaseNames.map(([state, name]) =>
        builder.onBuildPhase(state, () => {
            marks.push([name, now()]);
        })
    );
    // Construct the parser (Chevrotain's grammar analysis) before the clock starts: that is a start-up cost, which
    // the server-start figure covers, not a cost of building a workspace.
    Iom.parser.LangiumParser.parse('');
    profiler?.start('parsing', 'linking', 'validating');

    const start = now();
    const documents: LangiumDocument[] = [];
    for (const { uri, text } of builtinDocuments()) documents.push(factory.fromString(text, uri));
    const byPath = new Map<string, LangiumDocument>();
    for (const file of workspace.files) {
        const document = factory.fromString(file.text, uriOf(file.path));
        documents.push(document);
        byPath.set(file.path, document);
    }
    for (const document of documents) langiumDocuments.addDocument(document);
    const parsed = now();
    await builder.build(documents, { validation: true });
    const end = now();

    profiler?.stop();
    for (const listener of listeners) listener.dispose();
    const phases: Record<string, number> = { parse: parsed - start };
    let previous = parsed;
    for (const [name, at] of marks) {
        phases[name] = at - previous;
        previous = at;
    }
    return { shared, Iom, documents, byPath, phases, total: end - start, profiler };
}

/** Fails the benchmark loudly when the generated workspace is not clean: its figures would be meaningless. */
function assertClean(built: BuiltWorkspace, what: string): void {
    const problems: Array<{ uri: string; diagnostic: Diagnostic }> = [];
    let builtinProblems = 0;
    for (const document of built.documents) {
        if (isBuiltinDocument(document)) {
            // The built-in library is not the benchmark's to fix (the CLI does not report it either); say so once.
            builtinProblems += document.diagnostics?.length ?? 0;
            continue;
        }
        for (const diagnostic of document.diagnostics ?? []) problems.push({ uri: document.uri.toString(), diagnostic });
    }
    if (builtinProblems > 0) {
        const note = `the built-in library has ${builtinProblems} diagnostic(s) of its own (not caused by the benchmark).`;
        if (!notes.includes(note)) {
            notes.push(note);
            log(`warning: ${note}`);
        }
    }
    if (problems.length === 0) return;
    const lines = problems
        .slice(0, 20)
        .map(
            ({ uri, diagnostic }) =>
                `  ${uri}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.code ?? ''} ${diagnostic.message}`
        );
    throw new Error(
        `the generated ${what} is not valid: ${problems.length} diagnostic(s); the first ones:\n${lines.join('\n')}\n` +
            'Fix bench/generate.ts (or the check) before reading any figure.'
    );
}

/** What a built workspace is made of: counts per construct, the deepest nesting and the largest fan-in. */
interface Census {
    files: number;
    lines: number;
    counts: Record<string, number>;
    /** The most `group`/`related` blocks nested in one another, and the most journey elements (Condition, Splitter). */
    conditionDepth: number;
    journeyDepth: number;
    /** The file referenced by the most other files, and by how many. */
    fanIn: { file: string; files: number };
    /** Business events in scope everywhere (the built-in library's included): the candidates of an event completion. */
    eventCandidates: number;
}

const CENSUS_TYPES: Array<[string, string]> = [
    ['ProviderDefinition', 'provider definitions'],
    ['ProviderInstance', 'provider instances'],
    ['BusinessEvent', 'events'],
    ['ActionType', 'action types'],
    ['Policy', 'policies'],
    ['Rule', 'rules'],
    ['ConditionGroup', 'and/or groups'],
    ['RelatedCondition', 'related-entity blocks'],
    ['Comparison', 'comparisons'],
    ['Journey', 'journeys'],
    ['Step', 'steps'],
    ['ConditionElement', 'conditions'],
    ['Splitter', 'splitters']
];

/** Counts the constructs of the workspace's own documents (not the built-in library) from their syntax trees. */
function takeCensus(built: BuiltWorkspace, workspace: GeneratedWorkspace): Census {
    const counts: Record<string, number> = Object.fromEntries(CENSUS_TYPES.map(([, label]) => [label, 0]));
    const labels = new Map(CENSUS_TYPES);
    let conditionDepth = 0;
    let journeyDepth = 0;
    let eventCandidates = 0;
    const referencedBy = new Map<string, Set<string>>();
    for (const document of built.documents) {
        const builtin = isBuiltinDocument(document);
        const own = document.uri.toString();
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (node.$type === 'BusinessEvent') eventCandidates++;
            if (builtin) continue;
            const label = labels.get(node.$type);
            if (label) counts[label] = (counts[label] ?? 0) + 1;
            const rule = node.$type === 'ConditionGroup' || node.$type === 'RelatedCondition';
            const flow = node.$type === 'ConditionElement' || node.$type === 'Splitter';
            if (rule || flow) {
                // How many blocks of the same family (rule blocks, or journey elements) enclose this one, itself included.
                let depth = 0;
                for (let n: AstNode | undefined = node; n; n = n.$container) {
                    if (
                        rule
                            ? n.$type === 'ConditionGroup' || n.$type === 'RelatedCondition'
                            : n.$type === 'ConditionElement' || n.$type === 'Splitter'
                    )
                        depth++;
                }
                if (rule) conditionDepth = Math.max(conditionDepth, depth);
                else journeyDepth = Math.max(journeyDepth, depth);
            }
        }
        if (builtin) continue;
        for (const reference of document.references) {
            const target = ('$nodeDescription' in reference ? reference.$nodeDescription : undefined)?.documentUri?.toString();
            if (!target || target === own || isBuiltinDocument(URI.parse(target))) continue;
            let from = referencedBy.get(target);
            if (!from) referencedBy.set(target, (from = new Set()));
            from.add(own);
        }
    }
    let fanIn = { file: '', files: 0 };
    for (const [target, from] of referencedBy) {
        if (from.size > fanIn.files) fanIn = { file: target.replace('file:///bench/', ''), files: from.size };
    }
    return { files: workspace.files.length, lines: workspace.lines, counts, conditionDepth, journeyDepth, fanIn, eventCandidates };
}

function describeCensus(census: Census): string {
    const counts = Object.entries(census.counts)
        .map(([label, n]) => `${n.toLocaleString('en-US')} ${label}`)
        .join(', ');
    return (
        `${census.files.toLocaleString('en-US')} files, ${census.lines.toLocaleString('en-US')} lines: ${counts}; ` +
        `groups/related nested ${census.conditionDepth} deep, conditions/splitters ${census.journeyDepth} deep; ` +
        `${census.fanIn.files.toLocaleString('en-US')} files reference ${census.fanIn.file}; ${census.eventCandidates.toLocaleString('en-US')} events in scope (event completion candidates)`
    );
}

function printProfile(built: BuiltWorkspace, what: string): void {
    if (!built.profiler) return;
    for (const category of ['parsing', 'linking', 'validating'] as const) {
        const totals = new Map<string, { time: number; count: number }>();
        let overall = 0;
        for (const recordEntry of built.profiler.getRecords(category)) {
            overall += recordEntry.duration;
            for (const [key, value] of recordEntry.entries.entries()) {
                const entry = totals.get(key) ?? { time: 0, count: 0 };
                entry.time += value;
                entry.count++;
                totals.set(key, entry);
            }
        }
        const top = [...totals.entries()].sort((a, b) => b[1].time - a[1].time).slice(0, 12);
        process.stderr.write(`\n[profile] ${what}: ${category} total ${overall.toFixed(0)} ms\n`);
        for (const [key, { time, count }] of top)
            process.stderr.write(`  ${time.toFixed(1).padStart(9)} ms  ${String(count).padStart(7)}×  ${key}\n`);
    }
}

function describePhases(built: BuiltWorkspace): string {
    return (
        Object.entries(built.phases)
            .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
            .join(', ') + ' ms'
    );
}

/** Replaces the first occurrence of `search` at or after the start of line `line` (0-based) with `replacement`. */
function editedText(text: string, search: RegExp, replacement: (match: string) => string): string {
    return text.replace(search, replacement);
}

/**
 * Simulates keystrokes in an open editor: each edit puts a new version of the document into the text documents
 * (as didChange does) and runs DocumentBuilder.update with the server's default update build options
 * (validation categories built-in and fast), which is what runs between a keystroke and publishDiagnostics.
 */
async function measureEdits(built: BuiltWorkspace, file: string, edit: (text: string, i: number) => string, count: number): Promise<number[]> {
    const document = built.byPath.get(file);
    if (!document) throw new Error(`no document ${file}`);
    const uri = document.uri.toString();
    const original = document.textDocument.getText();
    const textDocuments = built.shared.workspace.TextDocuments;
    if (!textDocuments) throw new Error('no TextDocuments service');
    const builder = built.shared.workspace.DocumentBuilder;
    const times: number[] = [];
    const warmup = 3;
    for (let i = 0; i < count + warmup; i++) {
        const text = edit(original, i);
        if (text === original) throw new Error(`the edit of ${file} changed nothing`);
        textDocuments.set(TextDocument.create(uri, 'iom', i + 2, text));
        const start = now();
        await builder.update([document.uri], []);
        const elapsed = now() - start;
        const current = built.shared.workspace.LangiumDocuments.getDocument(document.uri)!;
        if (current.state !== DocumentState.Validated) throw new Error(`${file} is not validated after the edit`);
        if ((current.diagnostics ?? []).length > 0) {
            throw new Error(`the edit of ${file} produced diagnostics: ${current.diagnostics!.map(d => d.message).join('; ')}`);
        }
        if (i >= warmup) times.push(elapsed);
    }
    return times;
}

/** A description edit on the n-th `description "…"` line of a file: what typing in a string looks like. */
function descriptionEdit(occurrence: number) {
    return (text: string, i: number) => {
        let seen = -1;
        return editedText(text, /description "([^"]*)"/g, match => (++seen === occurrence ? match.slice(0, -1) + ` (rev ${i})"` : match));
    };
}

// ---------------------------------------------------------------------------------------------------------------
// Sections

async function main(): Promise<void> {
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

    // -- parse only ---------------------------------------------------------------------------------------------
    let parseWorkspaceMs: number | undefined;
    let parseSingleMs: number | undefined;
    if (runs('parse') || runs('build')) {
        const { Iom } = createIomServices(EmptyFileSystem);
        const parser = Iom.parser.LangiumParser;
        // The parse results are kept until the pass ends, as a build keeps its documents: dropping each tree at
        // once would leave the garbage collector almost nothing to do and flatter the parser.
        const parseAll = (files: GeneratedFile[]) => {
            gc();
            const results: unknown[] = [];
            const start = now();
            for (const file of files) {
                const result = parser.parse(file.text);
                if (result.lexerErrors.length || result.parserErrors.length) throw new Error(`${file.path} does not parse`);
                results.push(result);
            }
            const elapsed = now() - start;
            results.length = 0;
            return elapsed;
        };
        parseAll(filesWorkspace.files.slice(0, 50)); // warm up
        parseWorkspaceMs = Math.min(parseAll(filesWorkspace.files), parseAll(filesWorkspace.files));
        parseSingleMs = Math.min(parseAll(singleFile.files), parseAll(singleFile.files));
        record({
            id: 'parse.workspace.ms',
            label: `parse only, ${wsLabel}`,
            value: parseWorkspaceMs,
            unit: 'ms',
            note: 'trees kept until the pass ends; fastest of 2'
        });
        record({
            id: 'parse.workspace.linesPerSecond',
            label: 'parse throughput (many files)',
            value: (workspaceLines / parseWorkspaceMs) * 1000,
            unit: 'lines/s'
        });
        record({ id: 'parse.single.ms', label: `parse only, ${singleLabel}`, value: parseSingleMs, unit: 'ms' });
        record({
            id: 'parse.single.linesPerSecond',
            label: 'parse throughput (one file)',
            value: (singleLines / parseSingleMs) * 1000,
            unit: 'lines/s'
        });
    }

    // -- full build, many files; memory; incremental edits ----------------------------------------------------------
    if (runs('build') || runs('edit')) {
        // One variable holds the workspace, and it is cleared before each run: an async function's locals keep their
        // last value alive, which would count the previous run's workspace as the next one's baseline.
        let current: (BuiltWorkspace & { retained: number }) | undefined;
        let best: (BuiltWorkspace & { retained: number }) | undefined;
        const runTimes: number[] = [];
        let retainedFirstRun = 0;
        for (let run = 0; run < S.buildRuns; run++) {
            current = best = undefined;
            gc();
            const heapBefore = heapUsed();
            current = Object.assign(await buildWorkspace(filesWorkspace), { retained: 0 });
            assertClean(current, `${filesWorkspace.files.length}-file workspace`);
            gc();
            current.retained = heapUsed() - heapBefore;
            runTimes.push(current.total);
            // Only the first run's figure is meaningful: later runs read about 0 because the previous run's
            // workspace stays reachable until the next build replaces it (held outside the benchmark).
            if (run === 0) retainedFirstRun = current.retained;
            if (run === 0) {
                const census = takeCensus(current, filesWorkspace);
                censuses.push(census);
                const line = `workload (${S.workspaceFiles}-file workspace): ${describeCensus(census)}`;
                log(line);
                notes.push(line);
            }
            log(
                `build run ${run + 1}: ${current.total.toFixed(0)} ms (${describePhases(current)}); retained ${(current.retained / MiB).toFixed(0)} MiB`
            );
            best = current;
        }
        const built = best!;
        current = best = undefined;
        printProfile(built, `${filesWorkspace.files.length}-file workspace`);
        record({
            // The fastest run (the workspace kept for the edits is the last one's: only one is held in memory).
            id: 'build.workspace.ms',
            label: `full build, ${wsLabel}`,
            value: Math.min(...runTimes),
            unit: 'ms',
            target: { max: 2000, text: '≤ 2 s' },
            note: `${S.buildRuns > 1 ? `fastest of ${S.buildRuns} (runs: ${runTimes.map(t => t.toFixed(0)).join(', ')} ms); last run: ` : ''}${describePhases(built)}`
        });
        if (parseWorkspaceMs !== undefined) {
            record({
                id: 'build.workspace.ratio',
                label: 'build time / parse-only time (many files)',
                value: Math.min(...runTimes) / parseWorkspaceMs,
                unit: '×',
                target: { max: 3, text: '≤ 3×' }
            });
        }
        record({
            id: 'memory.peakRss.workspaceBuild',
            label: `peak RSS after the ${filesWorkspace.files.length}-file build`,
            value: peakRss() / MiB,
            unit: 'MiB'
        });
        record({
            id: 'memory.retainedPerLine',
            label: 'retained heap per source line',
            value: retainedFirstRun / workspaceLines / 1024,
            unit: 'KiB',
            target: { max: 2, text: '≤ 2 KiB' },
            note: `${(retainedFirstRun / MiB).toFixed(0)} MiB for ${workspaceLines} lines incl. the built-in library, after gc; source text excluded`
        });

        if (runs('edit')) {
            const middle = String(Math.ceil((S.workspaceFiles - 2) / 4)).padStart(4, '0');
            // A provider file: the region's journey file references it and is relinked and revalidated too.
            const providerTimes = await measureEdits(built, `regions/r${middle}-providers.iom`, descriptionEdit(0), S.edits);
            record({
                id: 'edit.workspace.median',
                label: `keystroke → diagnostics, ${filesWorkspace.files.length}-file workspace, median`,
                value: median(providerTimes),
                unit: 'ms',
                target: { max: 50, text: '≤ 50 ms' },
                note: `${S.edits} edits of a provider file; its journey file is relinked too`
            });
            record({
                id: 'edit.workspace.p95',
                label: `keystroke → diagnostics, ${filesWorkspace.files.length}-file workspace, p95`,
                value: percentile(providerTimes, 95),
                unit: 'ms',
                target: { max: 100, text: '≤ 100 ms' }
            });
            const journeyTimes = await measureEdits(built, `regions/r${middle}-journey.iom`, descriptionEdit(1), S.edits);
            record({
                id: 'edit.workspace.leaf.median',
                label: '  same, editing a journey file (no dependents), median',
                value: median(journeyTimes),
                unit: 'ms',
                note: `p95 ${percentile(journeyTimes, 95).toFixed(1)} ms`
            });
        }
    }

    // -- full build and edits, one big file -------------------------------------------------------------------------
    if (runs('single')) {
        gc();
        const built = await buildWorkspace(singleFile);
        assertClean(built, `${singleLines}-line file`);
        printProfile(built, `${singleLines}-line file`);
        record({
            id: 'build.single.ms',
            label: `full build, ${singleLabel}`,
            value: built.total,
            unit: 'ms',
            target: { max: 1500, text: '≤ 1.5 s' },
            note: describePhases(built)
        });
        if (parseSingleMs !== undefined) {
            record({
                id: 'build.single.ratio',
                label: 'build time / parse-only time (one file)',
                value: built.total / parseSingleMs,
                unit: '×',
                target: { max: 3, text: '≤ 3×' }
            });
        }
        // One line in the middle of the file.
        const [file] = singleFile.files;
        const descriptions = (present(file, 'the single-file workspace').text.match(/description "/g) ?? []).length;
        const times = await measureEdits(
            built,
            present(file, 'the single-file workspace').path,
            descriptionEdit(Math.floor(descriptions / 2)),
            Math.max(5, Math.round(S.edits / 4))
        );
        record({
            id: 'edit.single.median',
            label: `keystroke → diagnostics, ${singleLabel}, median`,
            value: median(times),
            unit: 'ms',
            note: 'no target in the issue'
        });
        record({ id: 'edit.single.p95', label: `keystroke → diagnostics, ${singleLabel}, p95`, value: percentile(times, 95), unit: 'ms' });
    }

    // -- completion and hover ----------------------------------------------------------------------------------------
    if (runs('lsp')) {
        const built = await buildWorkspace(lspDocument);
        assertClean(built, `${lspDocument.lines}-line document`);
        const document = built.byPath.get(present(lspDocument.files[0], 'the LSP document').path)!;
        const text = document.textDocument.getText();
        const completion = built.Iom.lsp.CompletionProvider;
        const hover = built.Iom.lsp.HoverProvider;
        if (!completion || !hover) throw new Error('no completion or hover provider');
        const positions = lspPositions(text, document);
        const completionTimes: number[] = [];
        const hoverTimes: number[] = [];
        const perPosition: string[] = [];
        let hoversWithContent = 0;
        for (const { name, position, kind } of positions) {
            const times: number[] = [];
            for (let i = 0; i < S.lspRepeats + 2; i++) {
                const params = { textDocument: { uri: document.uri.toString() }, position };
                const start = now();
                const result =
                    kind === 'completion' ? await completion.getCompletion(document, params) : await hover.getHoverContent(document, params);
                const elapsed = now() - start;
                if (kind === 'completion' && (!result || !('items' in result) || result.items.length === 0)) {
                    throw new Error(`no completion items at ${name}`);
                }
                if (i >= 2) times.push(elapsed);
                if (i === 0 && kind === 'hover' && result) hoversWithContent++;
            }
            (kind === 'completion' ? completionTimes : hoverTimes).push(...times);
            perPosition.push(`${name} ${median(times).toFixed(1)}`);
        }
        log(`per position (median ms): ${perPosition.join('; ')}`);
        const hoverPositions = positions.filter(p => p.kind === 'hover').length;
        const docLabel = `${K(lspDocument.lines)}-line document`;
        record({ id: 'completion.median', label: `completion, ${docLabel}, median`, value: median(completionTimes), unit: 'ms' });
        record({
            id: 'completion.p95',
            label: `completion, ${docLabel}, p95`,
            value: percentile(completionTimes, 95),
            unit: 'ms',
            target: { max: 30, text: '≤ 30 ms' },
            note: `${positions.filter(p => p.kind === 'completion').length} positions × ${S.lspRepeats}`
        });
        record({ id: 'hover.median', label: `hover, ${docLabel}, median`, value: median(hoverTimes), unit: 'ms' });
        record({
            id: 'hover.p95',
            label: `hover, ${docLabel}, p95`,
            value: percentile(hoverTimes, 95),
            unit: 'ms',
            target: { max: 30, text: '≤ 30 ms' },
            note: `${hoverPositions} positions × ${S.lspRepeats}; ${hoversWithContent} of ${hoverPositions} with content`
        });
    }

    // -- the language server over stdio: keystrokes under fan-in, 5,000 completion candidates ---------------------
    if (runs('fanin') || only?.includes('edit')) {
        const fanIns = option('fanin')?.split(',').map(Number) ?? (size === 'full' ? [19, 250, 1000, 4000] : [19, 250]);
        const series: string[] = [];
        for (const fanIn of fanIns) {
            const folder = path.join(root, 'bench', '.workspaces', `fanin-${fanIn}`);
            const result = await measureFanIn(root, folder, size === 'full' ? 100 : 20, fanIn, S.edits, log);
            fs.rmSync(folder, { recursive: true, force: true });
            record({
                id: `edit.fanin.${fanIn}.median`,
                label: `keystroke → diagnostics over stdio, provider file referenced by ${fanIn.toLocaleString('en-US')} files, median`,
                value: median(result.times),
                unit: 'ms',
                target: { max: 30, text: '≤ 30 ms' },
                note: `${result.files.toLocaleString('en-US')} files; didChange → publishDiagnostics of the edited file; ${result.times.length} edits, each sent when the previous one's diagnostics arrived`
            });
            record({
                id: `edit.fanin.${fanIn}.p95`,
                label: `  same, p95`,
                value: percentile(result.times, 95),
                unit: 'ms',
                target: { max: 60, text: '≤ 60 ms' },
                note:
                    `after the last edit, every dependant published again within ${result.dependantsMs.toFixed(0)} ms` +
                    (result.cpuPerEdit !== undefined ? `; server CPU ${result.cpuPerEdit.toFixed(1)} ms per keystroke (mean)` : '')
            });
            record({
                id: `edit.fanin.${fanIn}.paused.median`,
                label: `  same, each keystroke after a ${DEPENDANTS_DELAY_MS + 100} ms pause (dependants' build running), median`,
                value: median(result.pausedTimes),
                unit: 'ms',
                target: { max: 30, text: '≤ 30 ms' },
                note: `${result.pausedTimes.length} edits; the server relinks the dependants once typing pauses for ${DEPENDANTS_DELAY_MS} ms, so each of these edits cancels that build`
            });
            record({
                id: `edit.fanin.${fanIn}.paused.p95`,
                label: `  same, p95`,
                value: percentile(result.pausedTimes, 95),
                unit: 'ms',
                target: { max: 60, text: '≤ 60 ms' }
            });
            series.push(
                `${fanIn}: ${median(result.times).toFixed(1)} / ${percentile(result.times, 95).toFixed(1)} ms, CPU ${result.cpuPerEdit?.toFixed(1) ?? '?'} ms, dependants ${result.dependantsMs.toFixed(0)} ms`
            );
        }
        log(`fan-in series (median / p95): ${series.join('; ')}`);
    }
    if (runs('completion5k') || only?.includes('lsp')) {
        const folder = path.join(root, 'bench', '.workspaces', 'completion-5k');
        const events = size === 'full' ? 5000 : 1000;
        const result = await measureBigCompletion(root, folder, size === 'full' ? 100 : 10, events, S.lspRepeats * 2);
        fs.rmSync(folder, { recursive: true, force: true });
        record({
            id: 'completion.5k.p95',
            label: `completion over stdio, ${events.toLocaleString('en-US')}+ event candidates, p95`,
            value: percentile(result.times, 95),
            unit: 'ms',
            target: { max: 20, text: '≤ 20 ms' },
            note: `median ${median(result.times).toFixed(1)} ms; \`input event <cursor>\` with nothing typed; ${result.items} items returned`
        });
        record({
            id: 'completion.5k.bytes',
            label: '  size of that response',
            value: result.bytes / 1024,
            unit: 'KiB',
            target: { max: 100, text: '≤ 100 KiB' }
        });
        record({
            id: 'completion.5k.prefix.p95',
            label: '  same with a typed prefix, p95',
            value: percentile(result.prefixTimes, 95),
            unit: 'ms',
            target: { max: 20, text: '≤ 20 ms' },
            note: `\`input event "Desk event 0042<cursor>"\`: ${result.prefixItems} items, ${(result.prefixBytes / 1024).toFixed(1)} KiB`
        });
    }

    // -- compile and the JSON + ajv alternative ---------------------------------------------------------------------
    const buildMs = figures.find(f => f.id === 'build.workspace.ms')?.value;
    if (runs('compile')) {
        const compiler = await loadCompiler();
        if (!compiler) {
            for (const [id, label] of [
                ['compile.ms', 'compile (emit), many files'],
                ['compile.ratio', 'compile emit / full build'],
                ['json.ajv.ms', 'JSON.parse + ajv of the compiled artifacts'],
                ['json.ajv.ratio', 'our full build / (JSON.parse + ajv)']
            ] as const) {
                record({
                    id,
                    label,
                    unit: '',
                    display: 'n/a (compiler not available)',
                    target: id === 'compile.ratio' ? { max: 0.25, text: '≤ 25 %' } : undefined
                });
            }
        } else {
            // The compile is compared with a build measured right before it, in the same state of the process: by
            // now the earlier sections have grown the heap, which slows both (garbage collection), so comparing with
            // the build figure of the first section would mix two conditions.
            // Fastest of as many builds as the first section ran, as there; only the last workspace is kept.
            let built: BuiltWorkspace | undefined;
            const buildTimes: number[] = [];
            for (let run = 0; run < S.buildRuns; run++) {
                built = undefined;
                gc();
                built = await buildWorkspace(filesWorkspace);
                buildTimes.push(built.total);
            }
            assertClean(built!, `${filesWorkspace.files.length}-file workspace`);
            await measureCompile(compiler, built!, Math.min(...buildTimes), wsLabel, buildMs);
        }
    }

    // -- the CLI end to end ----------------------------------------------------------------------------------------
    // Issue 12: `iom validate` of a 1,500-file workspace, process start included, against a fresh process that only
    // JSON.parses and ajv-validates the artifacts `iom build` writes for the same workspace (bench/ajv-baseline.mjs).
    if (runs('cli')) {
        const cliFiles = size === 'full' ? 1500 : 150;
        const cliWorkspace = workspaceOfFiles(cliFiles);
        const cliLabel = `${cliFiles.toLocaleString('en-US')} files / ${K(cliWorkspace.lines)} lines`;
        const folder = path.join(root, 'bench', '.workspaces', `files-${cliFiles}`);
        writeWorkspace(folder, cliWorkspace);
        const iom = path.join(root, 'bin', 'iom.cjs');
        const repeats = size === 'full' ? 3 : 1;
        const validateTimes: number[] = [];
        for (let i = 0; i < repeats; i++) {
            const result = await timeProcess(process.execPath, [iom, 'validate', folder]);
            if (result.code !== 0 || !result.output.includes(`${cliFiles} file(s) checked: 0 error(s), 0 other`)) {
                throw new Error(`iom validate failed or reported diagnostics (exit ${result.code}):\n${result.output.slice(-2000)}`);
            }
            validateTimes.push(result.ms);
        }
        const validateMs = median(validateTimes);
        record({
            id: 'cli.validate.ms',
            label: `CLI \`iom validate\`, ${cliLabel}, end to end`,
            value: validateMs,
            unit: 'ms',
            target: { max: 3000, text: '≤ 3 s' },
            note: `process start to exit; median of ${repeats} (${validateTimes.map(t => t.toFixed(0)).join(', ')} ms)`
        });
        const compiler = await loadCompiler();
        const help = await timeProcess(process.execPath, [iom, '--help']);
        if (compiler?.cliCommand && /^\s+build\b/m.test(help.output)) {
            const out = path.join(root, 'bench', '.workspaces', `out-${cliFiles}`);
            fs.rmSync(out, { recursive: true, force: true });
            const build = await timeProcess(process.execPath, [iom, ...compiler.cliCommand(folder, out)]);
            if (build.code !== 0) throw new Error(`iom build failed (exit ${build.code}):\n${build.output.slice(-2000)}`);
            record({
                id: 'cli.build.ms',
                label: `CLI \`iom build\`, ${cliLabel}, end to end`,
                value: build.ms,
                unit: 'ms',
                note: 'process start to exit'
            });
            if (compiler.schemaOfFolder) {
                const baselineTimes: number[] = [];
                let split = { files: 0, bytes: 0, unchecked: 0, compileMs: 0, checkMs: 0 };
                for (let i = 0; i < repeats; i++) {
                    const result = await timeProcess(process.execPath, [
                        path.join(root, 'bench', 'ajv-baseline.mjs'),
                        out,
                        path.join(root, 'schemas', 'artifacts'),
                        JSON.stringify(compiler.schemaOfFolder)
                    ]);
                    if (result.code !== 0) throw new Error(`the JSON.parse + ajv baseline failed:\n${result.output.slice(-2000)}`);
                    split = JSON.parse(result.output);
                    baselineTimes.push(result.ms);
                }
                const baselineMs = median(baselineTimes);
                record({
                    id: 'cli.ajv.ms',
                    label: `  JSON.parse + ajv of those artifacts, fresh process, end to end`,
                    value: baselineMs,
                    unit: 'ms',
                    note:
                        `median of ${repeats}; ${split.files.toLocaleString('en-US')} files, ${(split.bytes / MiB).toFixed(1)} MiB; last run: ajv compiles the schemas in ${split.compileMs.toFixed(0)} ms, read + parse + validate ${split.checkMs.toFixed(0)} ms` +
                        (split.unchecked ? `; ${split.unchecked} without a schema (parsed only)` : '')
                });
                record({
                    id: 'cli.validate.ajvRatio',
                    label: '  `iom validate` / (JSON.parse + ajv)',
                    value: validateMs / baselineMs,
                    unit: '×',
                    target: { max: 2, text: '≤ 2×' }
                });
            }
        }
    }

    // -- server start to first diagnostics ---------------------------------------------------------------------------
    if (runs('server')) {
        let folder = path.join(root, 'examples', 'seed');
        let what = 'examples/seed';
        if (!fs.existsSync(folder)) {
            folder = path.join(root, 'bench', '.workspaces', 'small');
            writeWorkspace(folder, generateWorkspace({ regions: 2 }));
            what = 'a generated 6-file workspace (examples/seed does not exist yet)';
            notes.push('server start was measured on a generated workspace: examples/seed does not exist yet.');
        }
        const times: number[] = [];
        const allTimes: number[] = [];
        for (let i = 0; i < 3; i++) {
            const { first, all } = await serverStart(folder);
            times.push(first);
            allTimes.push(all);
        }
        record({
            id: 'server.firstDiagnostics.ms',
            label: `server start → first diagnostics, ${what}`,
            value: median(times),
            unit: 'ms',
            target: { max: 1000, text: '≤ 1 s' },
            note: `median of 3; all files published after ${median(allTimes).toFixed(0)} ms`
        });
    }

    // -- scaling: the same build from 250 to 4,000 files (issue 12) ------------------------------------------------
    // One in-process full build per size, in fresh services, each after a gc with the previous workspace dropped;
    // the time per line should stay flat. The 1,500-file workspace is the one the CLI section validates.
    if (runs('scaling')) {
        const sizes = size === 'full' ? [250, 500, 1000, 1500, 2000, 4000] : [25, 50, 100, 150, 200, 400];
        const series: string[] = [];
        const points: Array<{ files: number; lines: number; ms: number }> = [];
        for (const files of sizes) {
            const workspace = workspaceOfFiles(files);
            const times: number[] = [];
            let census: Census | undefined;
            // Two runs up to 1,000 files (fastest), one above: the larger builds take seconds each.
            for (let run = 0; run < (files <= 1000 && size === 'full' ? 2 : 1); run++) {
                gc();
                const built = await buildWorkspace(workspace);
                if (run === 0) {
                    assertClean(built, `${files}-file workspace`);
                    census = takeCensus(built, workspace);
                }
                times.push(built.total);
            }
            gc();
            const ms = Math.min(...times);
            const previous = points[points.length - 1];
            points.push({ files, lines: workspace.lines, ms });
            censuses.push(census!);
            log(`scaling: ${describeCensus(census!)}`);
            // The built-in library is a fixed part of every build: the cost of the added lines (from the previous
            // size) is what must stay flat for the build to be linear.
            const marginal = previous ? ((ms - previous.ms) / (workspace.lines - previous.lines)) * 1000 : undefined;
            record({
                id: `scaling.${files}.ms`,
                label: `  scaling: full build, ${files.toLocaleString('en-US')} files / ${K(workspace.lines)} lines`,
                value: ms,
                unit: 'ms',
                note:
                    `${((ms / workspace.lines) * 1000).toFixed(2)} ms per 1,000 lines` +
                    (marginal !== undefined ? `; the lines added since ${previous!.files} files cost ${marginal.toFixed(2)} ms per 1,000` : '') +
                    `; peak RSS so far ${(peakRss() / MiB).toFixed(0)} MiB`
            });
            series.push(`${files}: ${ms.toFixed(0)} ms`);
        }
        const rate = (a: { lines: number; ms: number }, b: { lines: number; ms: number }) => (b.ms - a.ms) / (b.lines - a.lines);
        const point = (index: number) => present(points.at(index), `scaling point ${index}`);
        const firstRate = rate(point(0), point(1));
        const lastRate = rate(point(-2), point(-1));
        record({
            id: 'scaling.ratio',
            label: `scaling: cost per added line, ${sizes[sizes.length - 2]}→${sizes[sizes.length - 1]} files / ${sizes[0]}→${sizes[1]} files`,
            value: lastRate / firstRate,
            unit: '×',
            target: { max: 1.5, text: '≤ 1.5× (linear)' },
            note: series.join('; ')
        });
    }

    if (runs('start1500') || only?.includes('server')) {
        const files = size === 'full' ? 1500 : 200;
        const folder = path.join(root, 'bench', '.workspaces', `start-${files}`);
        const workspace = generateWorkspace({ regions: (files - 2) / 2 });
        const openTimes: number[] = [];
        const allTimes: number[] = [];
        const openCpu: number[] = [];
        const allCpu: number[] = [];
        for (let i = 0; i < 3; i++) {
            const result = await measureStart(root, folder, workspace, i === 0);
            openTimes.push(result.openMs);
            allTimes.push(result.allMs);
            if (result.openCpuMs !== undefined) openCpu.push(result.openCpuMs);
            if (result.allCpuMs !== undefined) allCpu.push(result.allCpuMs);
        }
        const cpuNote = (times: number[]) =>
            times.length > 0 ? `; server CPU time by then (process start included): median ${median(times).toFixed(0)} ms` : '';
        fs.rmSync(folder, { recursive: true, force: true });
        const label = `${files.toLocaleString('en-US')} files / ${K(workspace.lines)} lines`;
        record({
            id: 'server.start.open.ms',
            label: `server start, ${label}: initialize → the open files' diagnostics`,
            value: median(openTimes),
            unit: 'ms',
            target: { max: 500, text: '≤ 500 ms' },
            note: `median of 3 (${openTimes.map(t => t.toFixed(0)).join(', ')}); two files opened right after initialized${cpuNote(openCpu)}`
        });
        record({
            id: 'server.start.all.ms',
            label: `  initialize → every file's diagnostics`,
            value: median(allTimes),
            unit: 'ms',
            target: { max: 2000, text: '≤ 2 s' },
            note: `median of 3 (${allTimes.map(t => t.toFixed(0)).join(', ')})${cpuNote(allCpu)}`
        });
    }

    // -- pathological inputs (issue 10 items 2 and 9, issue 12) -----------------------------------------------------
    // Each in a fresh process (so that its peak memory is its own), loaded like `iom validate` loads a folder.
    if (runs('pathological')) {
        const copies = size === 'full' ? 10_000 : 1_000;
        const dupFolder = path.join(root, 'bench', '.workspaces', 'duplicates');
        fs.rmSync(dupFolder, { recursive: true, force: true });
        fs.mkdirSync(dupFolder, { recursive: true });
        for (let file = 0; file < 10; file++) {
            fs.writeFileSync(
                path.join(dupFolder, `copies-${file}.iom`),
                Array.from({ length: copies / 10 }, (_, i) => `event Same { description "copy ${(file * copies) / 10 + i}" }`).join('\n') + '\n'
            );
        }
        const dups = await childFigures(['--child', 'validate', dupFolder]);
        record({
            id: 'duplicates.ms',
            label: `${copies.toLocaleString('en-US')} declarations of one name (10 files), load + validate`,
            value: dups.ms,
            unit: 'ms',
            target: { max: 2000, text: '≤ 2 s' },
            note: `${dups.codes.IOM1002 ?? 0} IOM1002 reports; CPU time ${dups.cpuMs.toFixed(0)} ms (the wall time includes waiting for the shared CPUs); in a fresh process, built-in library included`
        });
        record({ id: 'duplicates.rss', label: `peak RSS of that process`, value: dups.rssMiB, unit: 'MiB', target: { max: 500, text: '≤ 500 MiB' } });
        if ((dups.codes.IOM1002 ?? 0) !== copies) throw new Error(`expected ${copies} IOM1002 reports, got ${dups.codes.IOM1002 ?? 0}`);

        const levels = size === 'full' ? 1000 : 200;
        const deepFolder = path.join(root, 'bench', '.workspaces', 'nesting');
        fs.rmSync(deepFolder, { recursive: true, force: true });
        fs.mkdirSync(deepFolder, { recursive: true });
        for (const kind of NESTABLE) {
            fs.writeFileSync(
                path.join(deepFolder, `${kind.replace(' ', '-')}.iom`),
                deeplyNested(kind, levels).replace(/(policy|journey) Deep/, `$1 "Deep ${kind}"`)
            );
        }
        const deep = await childFigures(['--child', 'validate', deepFolder]);
        record({
            id: 'nesting.ms',
            label: `${NESTABLE.length} files, ${levels.toLocaleString('en-US')} levels of each nestable construct, load + validate`,
            value: deep.ms,
            unit: 'ms',
            note: `${deep.codes.IOM0010 ?? 0} IOM0010, ${deep.codes.IOM0002 ?? 0} IOM0002; CPU time ${deep.cpuMs.toFixed(0)} ms; peak RSS ${deep.rssMiB.toFixed(0)} MiB`
        });
        if (deep.codes.IOM0002 || deep.codes.IOM0010) throw new Error('the nested files did not parse cleanly');
    }

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
        printTable();
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

// ---------------------------------------------------------------------------------------------------------------
// Completion and hover positions

interface LspPosition {
    name: string;
    kind: 'completion' | 'hover';
    position: Position;
}

/**
 * Positions spread over the document (near the start, the middle and the end), on the constructs users complete
 * and hover most: cross-references to global declarations (tiles, events, policies), member references (a
 * provider's actions, an entity's fields) and keyword positions.
 */
function lspPositions(text: string, document: LangiumDocument): LspPosition[] {
    const at = (offset: number) => document.textDocument.positionAt(offset);
    const occurrences = (pattern: RegExp): number[] => [...text.matchAll(pattern)].map(m => m.index! + m[0].length);
    const spread = (offsets: number[]): number[] => {
        if (offsets.length === 0) throw new Error('no position found');
        return [...new Set([offsets[0], offsets[Math.floor(offsets.length / 2)], offsets.at(-1)])].filter(offset => offset !== undefined);
    };
    const positions: LspPosition[] = [];
    const add = (name: string, kind: LspPosition['kind'], offsets: number[]) =>
        spread(offsets).forEach((offset, i) => positions.push({ name: `${kind} ${name} #${i + 1}`, kind, position: at(offset) }));
    // Completion: at the start of a reference (all candidates) and at the start of a settings line (keywords).
    add('tile', 'completion', occurrences(/step "[^"]*" : /g));
    add('input event', 'completion', occurrences(/input event /g));
    add('filter policy', 'completion', occurrences(/filter policy /g));
    add('provider action', 'completion', occurrences(/provider "[^"]*" action /g));
    add('field', 'completion', occurrences(/related "Order products" \{\n\s+/g));
    add('step setting keyword', 'completion', occurrences(/input event "Validation of Order Header has Succeeded"\n\s+/g));
    // Hover: inside a reference and on a declaration name.
    add('event reference', 'hover', occurrences(/input event "/g));
    add('policy reference', 'hover', occurrences(/execution policy "/g));
    add('field reference', 'hover', occurrences(/set "/g));
    add('tile reference', 'hover', occurrences(/step "[^"]*" : "/g));
    add('journey name', 'hover', occurrences(/journey "/g));
    return positions;
}

// ---------------------------------------------------------------------------------------------------------------
// Compile, ajv

async function measureCompile(
    compiler: CompilerAdapter,
    built: BuiltWorkspace,
    buildMs: number,
    wsLabel: string,
    firstBuildMs?: number
): Promise<void> {
    const times: number[] = [];
    let artifacts: Array<{ kind: string; text: string }> = [];
    for (let i = 0; i < 3; i++) {
        const start = now();
        artifacts = await compiler.compile(built);
        times.push(now() - start);
    }
    const compileMs = Math.min(...times);
    record({ id: 'compile.ms', label: `compile (emit), ${wsLabel}`, value: compileMs, unit: 'ms', note: `${artifacts.length} artifacts, best of 3` });
    record({
        id: 'compile.ratio',
        label: 'compile emit / full build',
        value: (compileMs / buildMs) * 100,
        unit: '%',
        target: { max: 25, text: '≤ 25 %' },
        note:
            `fastest build of the same workspace just before: ${buildMs.toFixed(0)} ms` +
            (firstBuildMs !== undefined
                ? `; ${((compileMs / firstBuildMs) * 100).toFixed(1)} % of the first section's fastest build (${firstBuildMs.toFixed(0)} ms)`
                : '')
    });

    const validators = await compiler.validators();
    if (!validators) {
        record({ id: 'json.ajv.ms', label: 'JSON.parse + ajv of the compiled artifacts', unit: '', display: 'n/a (no JSON Schemas exported)' });
        return;
    }
    const bytes = artifacts.reduce((sum, a) => sum + Buffer.byteLength(a.text), 0);
    const withoutSchema = artifacts.filter(a => !validators(a.kind));
    const validate = () => {
        const start = now();
        for (const artifact of artifacts) {
            const value = JSON.parse(artifact.text);
            const check = validators(artifact.kind);
            if (check && !check(value))
                throw new Error(`compiled ${artifact.kind} artifact does not validate: ${JSON.stringify(check.errors?.slice(0, 3))}`);
        }
        return now() - start;
    };
    validate(); // warm up (and compiles the schemas)
    const ajvMs = Math.min(validate(), validate(), validate());
    record({
        id: 'json.ajv.ms',
        label: 'JSON.parse + ajv of the compiled artifacts',
        value: ajvMs,
        unit: 'ms',
        note:
            `${artifacts.length} files, ${(bytes / MiB).toFixed(1)} MiB of JSON, best of 3` +
            (withoutSchema.length
                ? `; ${withoutSchema.length} without a schema yet (${[...new Set(withoutSchema.map(a => a.kind))].join(', ')}): parsed only`
                : '')
    });
    record({ id: 'json.ajv.ratio', label: 'our full build / (JSON.parse + ajv)', value: buildMs / ajvMs, unit: '×' });
}

// ---------------------------------------------------------------------------------------------------------------
// Processes

function writeWorkspace(folder: string, workspace: GeneratedWorkspace): void {
    fs.rmSync(folder, { recursive: true, force: true });
    for (const file of workspace.files) {
        const target = path.join(folder, file.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.text);
    }
}

function timeProcess(command: string, args: string[]): Promise<{ ms: number; code: number | null; output: string }> {
    return new Promise((resolve, reject) => {
        const start = now();
        const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', chunk => {
            output += chunk;
        });
        child.stderr.on('data', chunk => {
            output += chunk;
        });
        child.on('error', reject);
        child.on('close', code => resolve({ ms: now() - start, code, output }));
    });
}

/**
 * Spawns the language server as an editor does (`bin/iom-language-server.cjs --stdio`), opens the folder, and
 * measures from spawn to the first publishDiagnostics for a file of the folder, and to diagnostics for all of them.
 */
async function serverStart(folder: string): Promise<{ first: number; all: number }> {
    const files = new Set<string>();
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.iom')) files.add(pathToFileURL(full).toString());
        }
    };
    walk(folder);
    const start = now();
    const child = spawn(process.execPath, [path.join(root, 'bin', 'iom-language-server.cjs'), '--stdio'], {
        cwd: root,
        stdio: ['pipe', 'pipe', 'pipe']
    });
    let stderr = '';
    child.stderr.on('data', chunk => {
        stderr += chunk;
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const normalize = (uri: string) => decodeURIComponent(uri).toLowerCase();
    const pending = new Set([...files].map(normalize));
    let first: number | undefined;
    const done = new Promise<{ first: number; all: number }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics within 30 s; server stderr:\n${stderr}`)), 30_000);
        connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
            const key = normalize(params.uri);
            if (!pending.has(key)) return;
            first ??= now() - start;
            pending.delete(key);
            if (pending.size === 0) {
                clearTimeout(timer);
                resolve({ first, all: now() - start });
            }
        });
    });
    connection.onRequest((method: string, params: unknown) => {
        if (method === 'workspace/configuration') return ((params as { items?: unknown[] })?.items ?? []).map(() => null);
        return null;
    });
    connection.onNotification(() => {
        /* log messages and the like */
    });
    connection.listen();
    const folderUri = pathToFileURL(folder).toString();
    await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: folderUri,
        workspaceFolders: [{ uri: folderUri, name: path.basename(folder) }],
        capabilities: {
            workspace: { workspaceFolders: true, configuration: true },
            textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } }
        }
    });
    connection.sendNotification('initialized', {});
    try {
        return await done;
    } finally {
        try {
            await Promise.race([connection.sendRequest('shutdown'), new Promise(resolve => setTimeout(resolve, 2000))]);
            connection.sendNotification('exit');
        } catch {
            /* the server may already be gone */
        }
        connection.dispose();
        setTimeout(() => child.kill(), 500).unref();
    }
}

/** Runs this benchmark in a child process in one of its `--child` modes and returns what it printed (JSON). */
function childFigures(args: string[]): Promise<{ ms: number; cpuMs: number; rssMiB: number; codes: Record<string, number> }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
        let output = '';
        child.stdout!.on('data', chunk => {
            output += String(chunk);
        });
        child.on('exit', code => (code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`child ${args.join(' ')} exited with ${code}`))));
    });
}

/** `--child validate <folder>`: loads and validates a folder as `iom validate` does; prints time, peak RSS and codes. */
async function child(): Promise<void> {
    const folder = argv[argv.indexOf('--child') + 2];
    if (folder === undefined) throw new Error('--child validate needs a folder');
    const start = now();
    const cpuStart = process.cpuUsage();
    const workspace = await loadWorkspace(folder);
    const ms = now() - start;
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const codes: Record<string, number> = {};
    for (const { diagnostic } of workspace.diagnostics) codes[String(diagnostic.code)] = (codes[String(diagnostic.code)] ?? 0) + 1;
    process.stdout.write(JSON.stringify({ ms, cpuMs, rssMiB: peakRss() / MiB, codes }));
}

(flag('child') ? child() : main()).then(
    () => {
        process.exit(0);
    },
    error => {
        process.stderr.write(`\n[bench] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
    }
);
