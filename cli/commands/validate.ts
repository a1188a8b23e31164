import type { Command } from 'commander';
import { loadWorkspace } from '../../language/workspace/load-workspace.js';
import { countErrors, diagnosticRows, diagnosticsAsJson, formatDiagnostic } from '../diagnostics-output.js';
import { ExitCode, UsageError } from '../errors.js';

export function registerValidate(program: Command, setExitCode: (code: number) => void): void {
    program.command('validate')
        .description('Parse, link and check every .iom file below a folder and print its diagnostics.')
        .argument('[folder]', 'workspace folder', '.')
        .option('-f, --format <format>', 'output format: text or json', 'text')
        .action(async (folder: string, options: { format: string }) => {
            if (!['text', 'json'].includes(options.format)) {
                throw new UsageError(`unknown format '${options.format}' (expected text or json)`);
            }
            const workspace = await loadWorkspace(folder);
            const rows = diagnosticRows(workspace.diagnostics);
            const errors = countErrors(rows);
            if (options.format === 'json') {
                process.stdout.write(diagnosticsAsJson(rows));
            } else {
                for (const row of rows) console.log(formatDiagnostic(row));
                console.log(`${workspace.documents.length} file(s) checked: ${errors} error(s), ${rows.length - errors} other diagnostic(s).`);
            }
            setExitCode(errors > 0 ? ExitCode.InputErrors : ExitCode.Ok);
        });
}
