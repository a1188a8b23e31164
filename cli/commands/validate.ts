import type { Command } from 'commander';
import { loadWorkspace } from '../../language/workspace/load-workspace.js';
import { countErrors, diagnosticRows, diagnosticsAsJson, formatDiagnostic } from '../diagnostics-output.js';
import { ExitCode } from '../errors.js';
import { checkFormat, FORMATS, type Format } from '../formats.js';
import { createProgress } from '../progress.js';
import { sarifText } from '../sarif.js';

export function registerValidate(program: Command, setExitCode: (code: number) => void, version: string): void {
    program
        .command('validate')
        .description('Parse, link and check every .iom file below a folder and print its diagnostics.')
        .argument('[folder]', 'workspace folder', '.')
        .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
        .action(async (folder: string, options: { format: string }) => {
            const format: Format = checkFormat(options.format);
            const progress = createProgress(format === 'text');
            progress.step(`Checking ${folder} …`);
            const workspace = await loadWorkspace(folder);
            progress.done();
            const rows = diagnosticRows(workspace.diagnostics);
            const errors = countErrors(rows);
            if (format === 'json') {
                process.stdout.write(diagnosticsAsJson(rows));
            } else if (format === 'sarif') {
                process.stdout.write(sarifText(rows, workspace.root, version));
            } else {
                for (const row of rows) console.log(formatDiagnostic(row));
                console.log(`${workspace.documents.length} file(s) checked: ${errors} error(s), ${rows.length - errors} other diagnostic(s).`);
            }
            setExitCode(errors > 0 ? ExitCode.InputErrors : ExitCode.Ok);
        });
}
