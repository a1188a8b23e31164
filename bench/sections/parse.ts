/** `--only parse` (and `build`): parsing alone, the figure the build sections compare with. */
import { createIomServices } from '../../language/iom-module.js';
import { EmptyFileSystem } from 'langium';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { type GeneratedFile } from '../generate.js';
import { now, gc } from '../measure.js';
import type { BenchContext } from '../context.js';

export async function parseSection(ctx: BenchContext): Promise<void> {
    const { record, filesWorkspace, singleFile, workspaceLines, singleLines, wsLabel, singleLabel } = ctx;
    const { Iom } = createIomServices(EmptyFileSystem);
    const parser = Iom.parser.LangiumParser;
    // The parse results are kept until the pass ends, as a build keeps its documents: dropping each tree at
    // once would leave the garbage collector almost nothing to do and flatter the parser.
    // CPU time and young-generation collections of each pass: figures that the machine's load moves far less than
    // wall time (what a parse allocates shows in the scavenges).
    let scavenges = 0;
    const observer = new PerformanceObserver(list => {
        for (const entry of list.getEntries()) {
            if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges++;
        }
    });
    observer.observe({ entryTypes: ['gc'] });
    const passes: Array<{ cpuMs: number; scavengesBefore: number; scavenges: number }> = [];
    const parseAll = (files: GeneratedFile[]) => {
        gc();
        const results: unknown[] = [];
        const scavengesBefore = scavenges;
        const cpuStart = process.cpuUsage();
        const start = now();
        for (const file of files) {
            const result = parser.parse(file.text);
            if (result.lexerErrors.length || result.parserErrors.length) throw new Error(`${file.path} does not parse`);
            results.push(result);
        }
        const elapsed = now() - start;
        const cpu = process.cpuUsage(cpuStart);
        passes.push({ cpuMs: (cpu.user + cpu.system) / 1000, scavengesBefore, scavenges: 0 });
        results.length = 0;
        return elapsed;
    };
    /** Counts the collections of the last pass once their entries are delivered. */
    const settle = async () => {
        await new Promise(resolve => setTimeout(resolve, 50));
        const last = passes.at(-1);
        if (last) last.scavenges = scavenges - last.scavengesBefore;
    };
    parseAll(filesWorkspace.files.slice(0, 50)); // warm up
    await settle();
    passes.length = 0;
    const first = parseAll(filesWorkspace.files);
    await settle();
    const second = parseAll(filesWorkspace.files);
    await settle();
    observer.disconnect();
    const parseWorkspaceMs = Math.min(first, second);
    const workspacePasses = [...passes];
    const cheapest = workspacePasses.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
    const parseSingleMs = Math.min(parseAll(singleFile.files), parseAll(singleFile.files));
    record({
        id: 'parse.workspace.ms',
        label: `parse only, ${wsLabel}`,
        value: parseWorkspaceMs,
        unit: 'ms',
        note: 'trees kept until the pass ends; fastest of 2'
    });
    record({
        id: 'parse.workspace.cpuMs',
        label: `parse only, ${wsLabel}, CPU time`,
        value: cheapest.cpuMs,
        unit: 'ms',
        note: `process CPU time (all threads) of the pass with the least; passes: ${workspacePasses.map(pass => Math.round(pass.cpuMs)).join(', ')} ms`
    });
    record({
        id: 'parse.workspace.scavenges',
        label: `parse only, ${wsLabel}, young-generation collections`,
        value: cheapest.scavenges,
        unit: 'scavenges',
        note: `scavenges during that pass (what parsing allocates); passes: ${workspacePasses.map(pass => pass.scavenges).join(', ')}`
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
    ctx.parseWorkspaceMs = parseWorkspaceMs;
    ctx.parseSingleMs = parseSingleMs;
}
