import * as path from 'node:path';
import type { Command } from 'commander';
import { BaselineError, planJson, planMarkdown, planText } from '../../language/deployment/index.js';
import { planAgainst } from '../../host/deployment.js';
import { displayPath, formatDiagnostic } from '../diagnostics-output.js';
import { ExitCode, UsageError } from '../errors.js';
import { checkFormat } from '../formats.js';
import type { CommandContext } from '../io.js';
import { checkAndCompile, withFormat, workspaceCommand, workspaceRoot } from '../workspace-command.js';

const PLAN_FORMATS = ['text', 'json', 'markdown'] as const;

/** Exit code of a plan with changes (0: no changes; 1 and 2 as for every command). */
export const PLAN_CHANGES_EXIT_CODE = 3;

export function registerPlan(program: Command, cli: CommandContext): void {
    withFormat(
        workspaceCommand(
            program,
            'plan',
            'What-if: compare what this workspace would deploy with a previous build (an output folder), a data package, or a data package exported from an environment. Exit 0: no changes, 3: changes.'
        ).requiredOption('-a, --against <path>', 'the baseline: an out/ folder (with manifest.json) or a data package (.zip)'),
        PLAN_FORMATS
    ).action(async (folder: string, options: { against: string; format: string }) => {
        const format = checkFormat(options.format, PLAN_FORMATS);
        const root = workspaceRoot(folder);
        const { rows, errors, result } = await checkAndCompile(root, cli.io, format === 'text');
        if (!result.ok || errors > 0) {
            cli.error(...rows.map(formatDiagnostic), `Plan failed: ${errors} error(s) in the workspace.`);
            cli.setExitCode(ExitCode.InputErrors);
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
        const text = format === 'json' ? planJson(plan) : format === 'markdown' ? planMarkdown(plan) : planText(plan);
        cli.io.stdout.write(text);
        const changes = plan.counts.create + plan.counts.modify + plan.counts.delete;
        cli.setExitCode(changes > 0 ? PLAN_CHANGES_EXIT_CODE : ExitCode.Ok);
    });
}
