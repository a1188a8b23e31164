/** `--only start1500` (and `server`): the server's start over stdio on 1,500 files (issue 12, bench/lsp-stdio.ts). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { measureStart } from '../lsp-stdio.js';
import { generateWorkspace } from '../generate.js';
import { median } from '../measure.js';
import { timeProcess } from '../processes.js';
import type { BenchContext } from '../context.js';

export async function start1500Section(ctx: BenchContext): Promise<void> {
    const { size, root, record, K } = ctx;
    const files = size === 'full' ? 1500 : 200;
    const folder = path.join(root, 'bench', '.workspaces', `start-${files}`);
    const workspace = generateWorkspace({ regions: (files - 2) / 2 });
    const openTimes: number[] = [];
    const allTimes: number[] = [];
    const openCpu: number[] = [];
    const allCpu: number[] = [];
    const initializeTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
        const result = await measureStart(root, folder, workspace, i === 0);
        openTimes.push(result.openMs);
        allTimes.push(result.allMs);
        initializeTimes.push(result.initializeMs);
        if (result.openCpuMs !== undefined) openCpu.push(result.openCpuMs);
        if (result.allCpuMs !== undefined) allCpu.push(result.allCpuMs);
    }
    const floors = await coldFloors(root, folder);
    // Restarts on the unchanged workspace with a cache folder: the first start is cold and leaves its start snapshot,
    // the next three publish from it (language/workspace/start-snapshot.ts).
    const cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-bench-cache-'));
    const warm: Array<{ openMs: number; allMs: number; builtMs: number }> = [];
    try {
        await measureStart(root, folder, workspace, false, cacheFolder);
        for (let i = 0; i < 3; i++) {
            const result = await measureStart(root, folder, workspace, false, cacheFolder);
            if (!result.restored) throw new Error('a restart on the unchanged workspace did not publish from its start snapshot');
            warm.push({ openMs: result.openMs, allMs: result.allMs, builtMs: result.builtMs ?? NaN });
        }
    } finally {
        fs.rmSync(cacheFolder, { recursive: true, force: true });
    }
    const list = (values: number[]) => values.map(t => t.toFixed(0)).join(', ');
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
        note: `median of 3 (${openTimes.map(t => t.toFixed(0)).join(', ')}); a cold start (no cache: every file is read and parsed); two files opened right after initialized${cpuNote(openCpu)}`
    });
    record({
        id: 'server.start.all.ms',
        label: `  initialize → every file's diagnostics`,
        value: median(allTimes),
        unit: 'ms',
        target: { max: 2000, text: '≤ 2 s' },
        note: `median of 3 (${allTimes.map(t => t.toFixed(0)).join(', ')})${cpuNote(allCpu)}`
    });
    const initializeMs = median(initializeTimes);
    const floor = (key: keyof ColdFloor) => median(floors.map(run => run[key]));
    const floorNote =
        `initialize answered ${initializeMs.toFixed(0)} ms after it was sent (median of the cold starts: ${list(initializeTimes)}), ` +
        `then, in a fresh process (bench/cold-floor.ts, median of 3): reading the files ${floor('readMs').toFixed(0)} ms, ` +
        `Langium's lexer over them ${floor('lexMs').toFixed(0)} ms (${list(floors.map(run => run.lexMs))}), ` +
        `its parser ${floor('parseMs').toFixed(0)} ms (${list(floors.map(run => run.parseMs))}); ` +
        `the open files' checks read facts of every file, so a start that has no snapshot pays at least this`;
    record({
        id: 'server.start.floor.parse.ms',
        label: `  floor of that cold start: initialize answered, every file read and parsed`,
        value: initializeMs + floor('readMs') + floor('parseMs'),
        unit: 'ms',
        note: floorNote
    });
    record({
        id: 'server.start.floor.lex.ms',
        label: `  the same with the files only lexed, not parsed`,
        value: initializeMs + floor('readMs') + floor('lexMs'),
        unit: 'ms',
        note: "what is left of the 500 ms for extracting the facts of 1,500 files and checking the open ones, had they a parser faster than Langium's"
    });
    const times = (key: 'openMs' | 'allMs' | 'builtMs') => warm.map(run => run[key]);
    record({
        id: 'server.start.warm.open.ms',
        label: `server restart, the same workspace unchanged (start snapshot): initialize → the open files' diagnostics`,
        value: median(times('openMs')),
        unit: 'ms',
        target: { max: 500, text: '≤ 500 ms' },
        note: `median of 3 (${list(times('openMs'))}); the server keeps a snapshot in the cache folder the client names (VS Code: its workspace storage), else in the user's cache folder; a start without one (first start, or cacheFolder: false) is the cold start above`
    });
    record({
        id: 'server.start.warm.all.ms',
        label: `  initialize → every file's diagnostics (from the snapshot)`,
        value: median(times('allMs')),
        unit: 'ms',
        target: { max: 2000, text: '≤ 2 s' },
        note: `median of 3 (${list(times('allMs'))}); the build's own diagnostics (the same) follow at ${list(times('builtMs'))} ms`
    });
}

interface ColdFloor {
    readMs: number;
    lexMs: number;
    parseMs: number;
}

/** Three runs of bench/cold-floor.ts (out/cold-floor.mjs) on the workspace's folder, each a fresh process. */
async function coldFloors(root: string, folder: string): Promise<ColdFloor[]> {
    const runs: ColdFloor[] = [];
    for (let i = 0; i < 3; i++) {
        const result = await timeProcess(root, process.execPath, [path.join(root, 'out', 'cold-floor.mjs'), folder]);
        if (result.code !== 0) throw new Error(`the cold-start floor failed (exit ${result.code}):\n${result.output.slice(-2000)}`);
        runs.push(JSON.parse(result.output) as ColdFloor);
    }
    return runs;
}
