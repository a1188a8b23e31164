/** `--only start1500` (and `server`): the server's start over stdio on 1,500 files (issue 12, bench/lsp-stdio.ts). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { measureStart } from '../lsp-stdio.js';
import { generateWorkspace } from '../generate.js';
import { median } from '../measure.js';
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
}
