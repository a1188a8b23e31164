/** `--only compile`: the compiler's emit against a build of the same workspace, and the JSON + ajv alternative. */
import { loadCompiler, type CompilerAdapter } from '../compiler.js';
import { type BuiltWorkspace } from '../workspace-build.js';
import { now, gcAfterTask, MiB } from '../measure.js';
import type { BenchContext } from '../context.js';
import type { Report } from '../report.js';

export async function compileSection(ctx: BenchContext): Promise<void> {
    const buildMs = ctx.report.figures.find(f => f.id === 'build.workspace.ms')?.value;
    const { S, record, buildWorkspace, assertClean, filesWorkspace, wsLabel } = ctx;
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
            await gcAfterTask();
            built = await buildWorkspace(filesWorkspace);
            buildTimes.push(built.total);
        }
        assertClean(built!, `${filesWorkspace.files.length}-file workspace`);
        await measureCompile(record, compiler, built!, Math.min(...buildTimes), wsLabel, buildMs);
    }
}

async function measureCompile(
    record: Report['record'],
    compiler: CompilerAdapter,
    built: BuiltWorkspace,
    buildMs: number,
    wsLabel: string,
    firstBuildMs?: number
): Promise<void> {
    const times: number[] = [];
    let artifacts: Array<{ kind: string; text: string }> = [];
    for (let i = 0; i < 3; i++) {
        // As before each build: the previous run's output and garbage are collected outside the clock, so that no run
        // pays for the one before it (a compile leaves about 80 MiB of output, 200 MiB allocated).
        artifacts = [];
        await gcAfterTask();
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
