/** `--only server`: the language server's start to its first diagnostics, spawned as an editor does. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateWorkspace } from '../generate.js';
import { serverStart } from '../processes.js';
import { writeWorkspace } from '../lsp-stdio.js';
import { median } from '../measure.js';
import type { BenchContext } from '../context.js';

export async function serverSection(ctx: BenchContext): Promise<void> {
    const { report, root, record } = ctx;
    let folder = path.join(root, 'examples', 'seed');
    let what = 'examples/seed';
    if (!fs.existsSync(folder)) {
        folder = path.join(root, 'bench', '.workspaces', 'small');
        writeWorkspace(folder, generateWorkspace({ regions: 2 }));
        what = 'a generated 6-file workspace (examples/seed does not exist yet)';
        report.notes.push('server start was measured on a generated workspace: examples/seed does not exist yet.');
    }
    const times: number[] = [];
    const allTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
        const { first, all } = await serverStart(root, folder);
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
