// The `iom` command line.
import '../language/groupby-polyfill.mjs';
import { Command, CommanderError } from 'commander';
import { WorkspaceError } from '../language/workspace/load-workspace.js';
import { version } from '../package.json';
import { registerValidate } from './commands/validate.js';
import { ExitCode, UsageError } from './errors.js';

export async function main(argv: string[]): Promise<number> {
    let exitCode: number = ExitCode.Ok;
    const setExitCode = (code: number) => { exitCode = code; };
    const program = new Command()
        .name('iom')
        .description('Check and compile IOM orchestration workspaces (.iom files).')
        .version(version, '-v, --version')
        .exitOverride()
        .showHelpAfterError()
        .addHelpText('after', [
            '',
            'Examples:',
            '  $ iom validate examples/seed',
            '  $ iom validate . --format json',
            '',
            'Exit codes: 0 ok, 1 errors in the input, 2 usage or I/O error.'
        ].join('\n'));
    registerValidate(program, setExitCode);
    try {
        await program.parseAsync(argv, { from: 'user' });
        return exitCode;
    } catch (error) {
        if (error instanceof CommanderError) {
            return error.exitCode === 0 ? ExitCode.Ok : ExitCode.UsageOrIo;
        }
        if (error instanceof UsageError || error instanceof WorkspaceError) {
            process.stderr.write(`iom: ${error.message}\n`);
            return ExitCode.UsageOrIo;
        }
        process.stderr.write(`iom: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        return ExitCode.UsageOrIo;
    }
}

// A closed pipe (`iom … | head`) ends the output quietly.
process.stdout.on('error', error => { if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0); });

main(process.argv.slice(2)).then(code => { process.exitCode = code; });
