/** `--only fanin` (and `edit`): keystrokes over stdio in a provider file that many files reference (bench/lsp-stdio.ts). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEPENDANTS_DELAY_MS } from '../../language/validation/revalidation.js';
import { measureFanIn } from '../lsp-stdio.js';
import { median, percentile } from '../measure.js';
import type { BenchContext } from '../context.js';

export async function faninSection(ctx: BenchContext): Promise<void> {
    const { size, S, root, option, log, record } = ctx;
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
