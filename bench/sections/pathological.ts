/**
 * `--only pathological`: pathological inputs (issue 10 items 2 and 9, issue 12), each in a fresh process (so that
 * its peak memory is its own), loaded like `iom validate` loads a folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deeplyNested, NESTABLE } from '../../test/helpers/deep-nesting.js';
import { childFigures } from '../processes.js';
import type { BenchContext } from '../context.js';

export async function pathologicalSection(ctx: BenchContext): Promise<void> {
    const { size, root, record } = ctx;
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
