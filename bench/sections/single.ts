/** `--only single`: the full build of one large file, and keystrokes in it. */
import { present } from '../../language/model/collections.js';
import { printProfile, describePhases, measureEdits, descriptionEdit } from '../workspace-build.js';
import { gc, median, percentile } from '../measure.js';
import type { BenchContext } from '../context.js';

export async function singleSection(ctx: BenchContext): Promise<void> {
    const { S, record, buildWorkspace, assertClean, singleFile, singleLines, singleLabel, parseSingleMs } = ctx;
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
