// The `iom` command line.
import '../language/groupby-polyfill.mjs';
import * as path from 'node:path';
import { Command, CommanderError } from 'commander';
import type { Diagnostic } from 'vscode-languageserver-types';
import { loadWorkspace, WorkspaceError } from '../language/workspace/load-workspace.js';
import { version } from '../package.json';

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'] as const;

/** Exit codes: 0 ok, 1 errors in the input, 2 usage or I/O error. */
export const ExitCode = { Ok: 0, InputErrors: 1, UsageOrIo: 2 } as const;

function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
    const { line, character } = diagnostic.range.start;
    const severity = SEVERITY[diagnostic.severity ?? 1];
    const code = diagnostic.code ? ` ${diagnostic.code}` : '';
    return `${file}:${line + 1}:${character + 1} - ${severity}${code}: ${diagnostic.message}`;
}

async function validate(folder: string, options: { format: string }): Promise<number> {
    const workspace = await loadWorkspace(folder);
    const relative = (fsPath: string) => path.relative(process.cwd(), fsPath).split(path.sep).join('/') || '.';
    const rows = workspace.diagnostics
        .map(({ document, diagnostic }) => ({ file: relative(document.uri.fsPath), diagnostic }))
        .sort((a, b) => a.file.localeCompare(b.file) || a.diagnostic.range.start.line - b.diagnostic.range.start.line
            || a.diagnostic.range.start.character - b.diagnostic.range.start.character);
    const errors = rows.filter(row => row.diagnostic.severity === 1).length;
    if (options.format === 'json') {
        process.stdout.write(JSON.stringify(rows.map(({ file, diagnostic }) => ({
            file, line: diagnostic.range.start.line + 1, column: diagnostic.range.start.character + 1,
            endLine: diagnostic.range.end.line + 1, endColumn: diagnostic.range.end.character + 1,
            severity: SEVERITY[diagnostic.severity ?? 1], code: diagnostic.code, message: diagnostic.message
        })), null, 2) + '\n');
    } else {
        for (const { file, diagnostic } of rows) console.log(formatDiagnostic(file, diagnostic));
        const warnings = rows.length - errors;
        console.log(`${workspace.documents.length} file(s) checked: ${errors} error(s), ${warnings} other diagnostic(s).`);
    }
    return errors > 0 ? ExitCode.InputErrors : ExitCode.Ok;
}

export async function main(argv: string[]): Promise<number> {
    let exitCode: number = ExitCode.Ok;
    const program = new Command()
        .name('iom')
        .description('Check and compile IOM orchestration workspaces (.iom files).')
        .version(version, '-v, --version')
        .exitOverride()
        .configureOutput({ writeErr: text => process.stderr.write(text) })
        .addHelpText('after', '\nExamples:\n  $ iom validate examples/seed\n  $ iom validate . --format json\n\nExit codes: 0 ok, 1 errors in the input, 2 usage or I/O error.');
    program.command('validate')
        .description('Parse, link and check every .iom file below a folder and print its diagnostics.')
        .argument('[folder]', 'workspace folder', '.')
        .option('-f, --format <format>', 'output format: text or json', 'text')
        .action(async (folder: string, options: { format: string }) => {
            if (!['text', 'json'].includes(options.format)) throw new WorkspaceError(`unknown format '${options.format}' (expected text or json)`);
            exitCode = await validate(folder, options);
        });
    try {
        await program.parseAsync(argv, { from: 'user' });
        return exitCode;
    } catch (error) {
        if (error instanceof CommanderError) {
            return error.exitCode === 0 ? ExitCode.Ok : ExitCode.UsageOrIo;
        }
        if (error instanceof WorkspaceError) {
            process.stderr.write(`iom: ${error.message}\n`);
            return ExitCode.UsageOrIo;
        }
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`iom: internal error: ${message}\n`);
        return ExitCode.UsageOrIo;
    }
}

main(process.argv.slice(2)).then(code => { process.exitCode = code; });
