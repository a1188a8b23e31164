/** `--only completion5k` (and `lsp`): completion over stdio with 5,000 event candidates (bench/lsp-stdio.ts). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { measureBigCompletion } from '../lsp-stdio.js';
import { median, percentile } from '../measure.js';
import type { BenchContext } from '../context.js';

export async function completion5kSection(ctx: BenchContext): Promise<void> {
    const { size, S, root, record } = ctx;
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
        note: `median ${median(result.times).toFixed(1)} ms${cpu(result.cpuMs)}; \`input event <cursor>\` with nothing typed; ${result.items} items returned`
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
        note: `median ${median(result.prefixTimes).toFixed(1)} ms${cpu(result.prefixCpuMs)}; \`input event "Desk event 0042<cursor>"\`: ${result.prefixItems} items, ${(result.prefixBytes / 1024).toFixed(1)} KiB`
    });
}

/** The server's mean CPU time per request, when it could be read. */
function cpu(ms: number | undefined): string {
    return ms === undefined ? '' : `, server CPU ${ms.toFixed(1)} ms per request`;
}
