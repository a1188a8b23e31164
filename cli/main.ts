// The `iom` command line.
import '../language/groupby-polyfill.mjs';
import { Command, CommanderError } from 'commander';
import { WorkspaceError } from '../language/workspace/load-workspace.js';
import { version } from '../package.json';
import { registerBuild } from './commands/build.js';
import { registerFormat } from './commands/format.js';
import { registerGraph } from './commands/graph.js';
import { registerInit } from './commands/init.js';
import { registerPackage } from './commands/package.js';
import { registerPlan } from './commands/plan.js';
import { registerOrderSchema, registerSimulate } from './commands/simulate.js';
import { registerTest } from './commands/test.js';
import { registerValidate } from './commands/validate.js';
import { ExitCode, UsageError } from './errors.js';
import { printable } from './diagnostics-output.js';
import { setDocumentationBase } from '../language/validation/diagnostics.js';
import { diagnosticsDocumentation } from './docs-location.js';

declare const __dirname: string;
// Diagnostics and SARIF rules link to their documentation (helpUri).
setDocumentationBase(diagnosticsDocumentation(__dirname));

export async function main(argv: string[]): Promise<number> {
    let exitCode: number = ExitCode.Ok;
    const setExitCode = (code: number) => {
        exitCode = code;
    };
    const program = new Command()
        .name('iom')
        .description('Check and compile IOM orchestration workspaces (.iom files) into deployable artifacts.')
        .version(version, '-v, --version')
        .exitOverride()
        .showHelpAfterError()
        .addHelpText(
            'after',
            [
                '',
                'Examples:',
                '  $ iom init my-workspace                 create a workspace from the template',
                '  $ iom validate examples/seed            print the diagnostics of a workspace',
                '  $ iom build examples/seed               compile into examples/seed/out/',
                '  $ iom build . --out dist --format json  compile into dist/, print a JSON summary',
                '  $ iom validate . --format sarif > iom.sarif',
                '  $ iom build . --watch                   rebuild on every change',
                '  $ iom package . --out lab.zip           a Configuration Migration data package + checklist',
                '  $ iom plan . --against out              what-if against the previous build (exit 3: changes)',
                '',
                'Exit codes: 0 ok, 1 errors in the input (nothing written), 2 usage or I/O error;',
                '  3 build: another build was writing the same output folder (nothing written by this one); plan: changes.',
                'Documentation: docs/cli.md, docs/artifacts.md.'
            ].join('\n')
        );
    program.configureOutput({ outputError: (text, write) => write(text) });
    // Commands, one registration each.
    registerBuild(program, setExitCode, version);
    registerValidate(program, setExitCode, version);
    registerInit(program, setExitCode);
    registerFormat(program, setExitCode);
    registerPackage(program, setExitCode);
    registerPlan(program, setExitCode);
    registerGraph(program, setExitCode);
    registerSimulate(program, setExitCode);
    registerOrderSchema(program, setExitCode);
    registerTest(program, setExitCode);
    try {
        await program.parseAsync(argv, { from: 'user' });
        return exitCode;
    } catch (error) {
        if (error instanceof CommanderError) {
            return error.exitCode === 0 ? ExitCode.Ok : ExitCode.UsageOrIo;
        }
        if (error instanceof UsageError || error instanceof WorkspaceError) {
            process.stderr.write(`iom: ${error.message.split('\n').map(printable).join('\n')}\n`);
            return ExitCode.UsageOrIo;
        }
        process.stderr.write(`iom: internal error: ${printable(error instanceof Error ? error.message : String(error))}\n`);
        return ExitCode.UsageOrIo;
    }
}

// A closed pipe (`iom … | head`) ends the output quietly.
process.stdout.on('error', error => {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
});
