// The `iom` program: `main(argv, io)` parses the arguments, runs a command and returns its exit code; it never exits the
// process. cli/main.ts runs it for the bin; tests run it in-process with buffers for output (test/helpers/cli.ts).
import { Command, CommanderError } from 'commander';
import { WorkspaceError } from '../host/load-workspace.js';
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
import { type CliIo, commandContext, processIo } from './io.js';

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
    let exitCode: number = ExitCode.Ok;
    const context = commandContext(io, version, code => {
        exitCode = code;
    });
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
    program.configureOutput({
        writeOut: text => void io.stdout.write(text),
        writeErr: text => void io.stderr.write(text),
        outputError: (text, write) => write(text)
    });
    // Commands, one registration each.
    registerBuild(program, context);
    registerValidate(program, context);
    registerInit(program, context);
    registerFormat(program, context);
    registerPackage(program, context);
    registerPlan(program, context);
    registerGraph(program, context);
    registerSimulate(program, context);
    registerOrderSchema(program, context);
    registerTest(program, context);
    try {
        await program.parseAsync(argv, { from: 'user' });
        return exitCode;
    } catch (error) {
        if (error instanceof CommanderError) {
            return error.exitCode === 0 ? ExitCode.Ok : ExitCode.UsageOrIo;
        }
        if (error instanceof UsageError || error instanceof WorkspaceError) {
            io.stderr.write(`iom: ${error.message.split('\n').map(printable).join('\n')}\n`);
            return ExitCode.UsageOrIo;
        }
        io.stderr.write(`iom: internal error: ${printable(error instanceof Error ? error.message : String(error))}\n`);
        return ExitCode.UsageOrIo;
    }
}
