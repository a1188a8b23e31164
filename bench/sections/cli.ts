/**
 * `--only cli`: the CLI end to end. Issue 12: `iom validate` of a 1,500-file workspace, process start included,
 * against a fresh process that only JSON.parses and ajv-validates the artifacts `iom build` writes for the same
 * workspace (bench/ajv-baseline.mjs).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCompiler } from '../compiler.js';
import { workspaceOfFiles } from '../generate.js';
import { timeProcess } from '../processes.js';
import { writeWorkspace } from '../lsp-stdio.js';
import { median, MiB } from '../measure.js';
import type { BenchContext } from '../context.js';

export async function cliSection(ctx: BenchContext): Promise<void> {
    const { size, root, record, K } = ctx;
    const cliFiles = size === 'full' ? 1500 : 150;
    const cliWorkspace = workspaceOfFiles(cliFiles);
    const cliLabel = `${cliFiles.toLocaleString('en-US')} files / ${K(cliWorkspace.lines)} lines`;
    const folder = path.join(root, 'bench', '.workspaces', `files-${cliFiles}`);
    writeWorkspace(folder, cliWorkspace);
    const iom = path.join(root, 'bin', 'iom.cjs');
    const repeats = size === 'full' ? 3 : 1;
    const validateTimes: number[] = [];
    for (let i = 0; i < repeats; i++) {
        const result = await timeProcess(root, process.execPath, [iom, 'validate', folder]);
        if (result.code !== 0 || !result.output.includes(`${cliFiles} file(s) checked: 0 error(s), 0 other`)) {
            throw new Error(`iom validate failed or reported diagnostics (exit ${result.code}):\n${result.output.slice(-2000)}`);
        }
        validateTimes.push(result.ms);
    }
    const validateMs = median(validateTimes);
    record({
        id: 'cli.validate.ms',
        label: `CLI \`iom validate\`, ${cliLabel}, end to end`,
        value: validateMs,
        unit: 'ms',
        target: { max: 3000, text: '≤ 3 s' },
        note: `process start to exit; median of ${repeats} (${validateTimes.map(t => t.toFixed(0)).join(', ')} ms)`
    });
    const compiler = await loadCompiler();
    const help = await timeProcess(root, process.execPath, [iom, '--help']);
    if (compiler?.cliCommand && /^\s+build\b/m.test(help.output)) {
        const out = path.join(root, 'bench', '.workspaces', `out-${cliFiles}`);
        fs.rmSync(out, { recursive: true, force: true });
        const build = await timeProcess(root, process.execPath, [iom, ...compiler.cliCommand(folder, out)]);
        if (build.code !== 0) throw new Error(`iom build failed (exit ${build.code}):\n${build.output.slice(-2000)}`);
        record({
            id: 'cli.build.ms',
            label: `CLI \`iom build\`, ${cliLabel}, end to end`,
            value: build.ms,
            unit: 'ms',
            note: 'process start to exit'
        });
        if (compiler.schemaOfFolder) {
            const baselineTimes: number[] = [];
            let split = { files: 0, bytes: 0, unchecked: 0, compileMs: 0, checkMs: 0 };
            for (let i = 0; i < repeats; i++) {
                const result = await timeProcess(root, process.execPath, [
                    path.join(root, 'bench', 'ajv-baseline.mjs'),
                    out,
                    path.join(root, 'schemas', 'artifacts'),
                    JSON.stringify(compiler.schemaOfFolder)
                ]);
                if (result.code !== 0) throw new Error(`the JSON.parse + ajv baseline failed:\n${result.output.slice(-2000)}`);
                split = JSON.parse(result.output);
                baselineTimes.push(result.ms);
            }
            const baselineMs = median(baselineTimes);
            record({
                id: 'cli.ajv.ms',
                label: `  JSON.parse + ajv of those artifacts, fresh process, end to end`,
                value: baselineMs,
                unit: 'ms',
                note:
                    `median of ${repeats}; ${split.files.toLocaleString('en-US')} files, ${(split.bytes / MiB).toFixed(1)} MiB; last run: ajv compiles the schemas in ${split.compileMs.toFixed(0)} ms, read + parse + validate ${split.checkMs.toFixed(0)} ms` +
                    (split.unchecked ? `; ${split.unchecked} without a schema (parsed only)` : '')
            });
            record({
                id: 'cli.validate.ajvRatio',
                label: '  `iom validate` / (JSON.parse + ajv)',
                value: validateMs / baselineMs,
                unit: '×',
                target: { max: 2, text: '≤ 2×' }
            });
        }
    }
}
