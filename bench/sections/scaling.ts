/**
 * `--only scaling`: the same build from 250 to 4,000 files (issue 12). In-process full builds per size (the fastest
 * of two), in fresh services, each after a gc with the previous workspace dropped; the time per line should stay flat. The 1,500-file
 * workspace is the one the CLI section validates.
 */
import { present } from '../../language/model/collections.js';
import { workspaceOfFiles } from '../generate.js';
import { takeCensus, describeCensus, type Census } from '../census.js';
import { gc, gcAfterTask, peakRss, MiB } from '../measure.js';
import type { BenchContext } from '../context.js';

export async function scalingSection(ctx: BenchContext): Promise<void> {
    const { report, size, log, record, buildWorkspace, assertClean, K } = ctx;
    const sizes = size === 'full' ? [250, 500, 1000, 1500, 2000, 4000] : [25, 50, 100, 150, 200, 400];
    const series: string[] = [];
    const points: Array<{ files: number; lines: number; ms: number }> = [];
    for (const files of sizes) {
        const workspace = workspaceOfFiles(files);
        const times: number[] = [];
        let census: Census | undefined;
        // The fastest of two runs at every size (of one at the reduced size): the ratio below compares the first sizes
        // with the last ones, so each gets the same treatment (the larger sizes used to be measured once, against the
        // fastest of two for the smaller ones, which tilted the ratio against the larger builds).
        for (let run = 0; run < (size === 'full' ? 2 : 1); run++) {
            await gcAfterTask();
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
        report.censuses.push(census!);
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
