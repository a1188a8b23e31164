import type { Command } from 'commander';
import { loadWorkspace } from '../../host/load-workspace.js';
import { countErrors, diagnosticRows, diagnosticsAsJson, formatDiagnostic } from '../diagnostics-output.js';
import { ExitCode } from '../errors.js';
import { checkFormat, FORMATS } from '../formats.js';
import type { CommandContext } from '../io.js';
import { createProgress } from '../progress.js';
import { sarifText } from '../sarif.js';
import { withFormat, workspaceCommand } from '../workspace-command.js';

export function registerValidate(program: Command, cli: CommandContext): void {
    withFormat(
        workspaceCommand(program, 'validate', 'Parse, link and check every .iom file below a folder and print its diagnostics.'),
        FORMATS
    ).action(async (folder: string, options: { format: string }) => {
        const format = checkFormat(options.format);
        const progress = createProgress(format === 'text', cli.io);
        progress.step(`Checking ${folder} …`);
        const workspace = await loadWorkspace(folder);
        progress.done();
        const rows = diagnosticRows(workspace.diagnostics);
        const errors = countErrors(rows);
        if (format === 'json') {
            cli.io.stdout.write(diagnosticsAsJson(rows));
        } else if (format === 'sarif') {
            cli.io.stdout.write(sarifText(rows, workspace.root, cli.version, cli.io.env));
        } else {
            cli.log(...rows.map(formatDiagnostic));
            cli.log(`${workspace.documents.length} file(s) checked: ${errors} error(s), ${rows.length - errors} other diagnostic(s).`);
        }
        cli.setExitCode(errors > 0 ? ExitCode.InputErrors : ExitCode.Ok);
    });
}
