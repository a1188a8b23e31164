import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import {
    EntityCatalog,
    parseMock,
    sampleOrderSchemaText,
    parseSampleOrder,
    SampleOrderError,
    simulate,
    traceJson,
    traceMarkdown,
    traceText,
    type TraceLine
} from '../../language/simulation/index.js';
import { loadWorkspace } from '../../host/load-workspace.js';
import { displayPath } from '../diagnostics-output.js';
import { ExitCode, UsageError } from '../errors.js';
import { checkFormat } from '../formats.js';
import type { CommandContext } from '../io.js';
import { withFormat, workspaceCommand } from '../workspace-command.js';
import { loadSimulationWorkspace } from './simulation-workspace.js';

const SIMULATE_FORMATS = ['text', 'json', 'markdown', 'overlay'] as const;

export function registerSimulate(program: Command, cli: CommandContext): void {
    withFormat(
        workspaceCommand(program, 'simulate', "Run a sample order through the workspace's published journeys and print why each step ran or not."),
        SIMULATE_FORMATS
    )
        .requiredOption('-o, --order <file>', 'the sample order (JSON keyed by entity and field names; see docs/simulation.md)')
        .option('-e, --event <event>', 'the business event that starts the run', 'New Order')
        .option(
            '-m, --mock <Provider/Action=outcome>',
            "a provider action's outcome: success, failure or events:A,B (repeatable)",
            (value: string, previous: string[]) => [...previous, value],
            [] as string[]
        )
        .action(async (folder: string, options: { order: string; event: string; mock: string[]; format: string }) => {
            const format = checkFormat(options.format, SIMULATE_FORMATS);
            const orderPath = path.resolve(options.order);
            let orderText: string;
            try {
                orderText = fs.readFileSync(orderPath, 'utf8');
            } catch (error) {
                throw new UsageError(`${options.order}: cannot read the sample order (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
            }
            const loaded = await loadSimulationWorkspace(cli, folder, format === 'text', 'simulating');
            if (!loaded) {
                cli.setExitCode(ExitCode.InputErrors);
                return;
            }
            const { workspace, model } = loaded;
            let order;
            try {
                order = parseSampleOrder(orderText.replace(/^\uFEFF/, ''), model.entities);
            } catch (error) {
                if (!(error instanceof SampleOrderError)) throw error;
                cli.error(
                    ...error.problems.map(
                        problem => `${displayPath(orderPath)}:${problem.line}:${problem.column} - error ${problem.code}: ${problem.message}`
                    )
                );
                cli.setExitCode(ExitCode.InputErrors);
                return;
            }
            if (!model.knowsEvent(options.event)) {
                throw new UsageError(`--event "${options.event}": no such business event in the workspace or IOM's catalog`);
            }
            let mocks;
            try {
                mocks = options.mock.map(text => parseMock(text, model));
            } catch (error) {
                throw new UsageError((error as Error).message);
            }
            const result = simulate(model, order, { event: options.event, mocks });
            const locate = (line: TraceLine) =>
                line.source && `${displayPath(path.join(workspace.root, line.source.file))}:${line.source.line}:${line.source.column}`;
            if (format === 'json') cli.io.stdout.write(traceJson(result));
            // The journey graph's overlay list (iom graph --overlay, docs/graph.md).
            else if (format === 'overlay')
                cli.io.stdout.write(
                    JSON.stringify(
                        result.journeys.map(({ journey, visited, skipped }) => ({ journey, visited, skipped })),
                        null,
                        2
                    ) + '\n'
                );
            else if (format === 'markdown') cli.io.stdout.write(traceMarkdown(result, locate));
            else cli.io.stdout.write(traceText(result, locate));
            cli.setExitCode(ExitCode.Ok);
        });
}

export function registerOrderSchema(program: Command, cli: CommandContext): void {
    workspaceCommand(
        program,
        'order-schema',
        "Print the JSON Schema of the workspace's sample orders (catalog entities and its custom entities)."
    ).action(async (folder: string) => {
        const workspace = await loadWorkspace(folder);
        cli.io.stdout.write(sampleOrderSchemaText(EntityCatalog.of(workspace.documents)));
        cli.setExitCode(ExitCode.Ok);
    });
}
