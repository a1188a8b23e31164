import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { compileWorkspace } from '../../language/compiler/index.js';
import { BaselineError, planAgainst, planJson, planMarkdown, planText } from '../../language/deployment/index.js';
import { loadWorkspace } from '../../language/workspace/load-workspace.js';
import { countErrors, diagnosticRows, displayPath, formatDiagnostic } from '../diagnostics-output.js';
import { ExitCode, UsageError } from '../errors.js';
import { createProgress } from '../progress.js';

/** Exit code of a plan with changes (0: no changes; 1 and 2 as for every command). */
export const PLAN_CHANGES_EXIT_CODE = 3;

export function registerPlan(program: Command, setExitCode: (code: number) => void): void {
    program
        .command('plan')
        .description(
            'What-if: compare what this workspace would deploy with a previous build (an output folder), a data package, or a data package exported from an environment. Exit 0: no changes, 3: changes.'
        )
        .argument('[folder]', 'workspace folder', '.')
        .requiredOption('-a, --against <path>', 'the baseline: an out/ folder (with manifest.json) or a data package (.zip)')
        .option('-f, --format <format>', 'output format: text, json, markdown', 'text')
        .action(async (folder: string, options: { against: string; format: string }) => {
            if (!['text', 'json', 'markdown'].includes(options.format))
                throw new UsageError(`unknown format '${options.format}' (expected text, json, markdown)`);
            const root = path.resolve(folder);
            if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`${folder}: not a folder`);
            const progress = createProgress(options.format === 'text');
            progress.step('Loading and checking the workspace …');
            const workspace = await loadWorkspace(root);
            const rows = diagnosticRows(workspace.diagnostics);
            const result = compileWorkspace(workspace);
            progress.done();
            if (!result.ok || countErrors(rows) > 0) {
                for (const row of rows) process.stderr.write(formatDiagnostic(row) + '\n');
                process.stderr.write(`Plan failed: ${countErrors(rows)} error(s) in the workspace.\n`);
                setExitCode(ExitCode.InputErrors);
                return;
            }
            let plan;
            try {
                plan = planAgainst(
                    result.entries.map(entry => entry.record),
                    path.resolve(options.against),
                    displayPath(path.resolve(options.against))
                );
            } catch (error) {
                if (error instanceof BaselineError) throw new UsageError(error.message.replace(path.resolve(options.against), options.against));
                throw error;
            }
            const text = options.format === 'json' ? planJson(plan) : options.format === 'markdown' ? planMarkdown(plan) : planText(plan);
            process.stdout.write(text);
            const changes = plan.counts.create + plan.counts.modify + plan.counts.delete;
            setExitCode(changes > 0 ? PLAN_CHANGES_EXIT_CODE : ExitCode.Ok);
        });
}
