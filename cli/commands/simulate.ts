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
import { loadWorkspace } from '../../language/workspace/load-workspace.js';
import { displayPath } from '../diagnostics-output.js';
import { ExitCode, UsageError } from '../errors.js';
import { loadSimulationWorkspace } from './simulation-workspace.js';

const SIMULATE_FORMATS = ['text', 'json', 'markdown', 'overlay'] as const;

export function registerSimulate(program: Command, setExitCode: (code: number) => void): void {
    program
        .command('simulate')
        .description("Run a sample order through the workspace's published journeys and print why each step ran or not.")
        .argument('[folder]', 'workspace folder', '.')
        .requiredOption('-o, --order <file>', 'the sample order (JSON keyed by entity and field names; see docs/simulation.md)')
        .option('-e, --event <event>', 'the business event that starts the run', 'New Order')
        .option(
            '-m, --mock <Provider/Action=outcome>',
            "a provider action's outcome: success, failure or events:A,B (repeatable)",
            (value: string, previous: string[]) => [...previous, value],
            [] as string[]
        )
        .option('-f, --format <format>', `output format: ${SIMULATE_FORMATS.join(', ')}`, 'text')
        .action(async (folder: string, options: { order: string; event: string; mock: string[]; format: string }) => {
            if (!(SIMULATE_FORMATS as readonly string[]).includes(options.format)) {
                throw new UsageError(`unknown format '${options.format}' (expected ${SIMULATE_FORMATS.join(', ')})`);
            }
            const orderPath = path.resolve(options.order);
            let orderText: string;
            try {
                orderText = fs.readFileSync(orderPath, 'utf8');
            } catch (error) {
                throw new UsageError(`${options.order}: cannot read the sample order (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
            }
            const loaded = await loadSimulationWorkspace(folder, options.format === 'text', 'simulating');
            if (!loaded) {
                setExitCode(ExitCode.InputErrors);
                return;
            }
            const { workspace, model } = loaded;
            let order;
            try {
                order = parseSampleOrder(orderText.replace(/^\uFEFF/, ''), model.entities);
            } catch (error) {
                if (!(error instanceof SampleOrderError)) throw error;
                for (const problem of error.problems) {
                    console.error(`${displayPath(orderPath)}:${problem.line}:${problem.column} - error ${problem.code}: ${problem.message}`);
                }
                setExitCode(ExitCode.InputErrors);
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
            if (options.format === 'json') process.stdout.write(traceJson(result));
            // The journey graph's overlay list (iom graph --overlay, docs/graph.md).
            else if (options.format === 'overlay')
                process.stdout.write(
                    JSON.stringify(
                        result.journeys.map(({ journey, visited, skipped }) => ({ journey, visited, skipped })),
                        null,
                        2
                    ) + '\n'
                );
            else if (options.format === 'markdown') process.stdout.write(traceMarkdown(result, locate));
            else process.stdout.write(traceText(result, locate));
            setExitCode(ExitCode.Ok);
        });
}

export function registerOrderSchema(program: Command, setExitCode: (code: number) => void): void {
    program
        .command('order-schema')
        .description("Print the JSON Schema of the workspace's sample orders (catalog entities and its custom entities).")
        .argument('[folder]', 'workspace folder', '.')
        .action(async (folder: string) => {
            const workspace = await loadWorkspace(folder);
            process.stdout.write(sampleOrderSchemaText(EntityCatalog.of(workspace.documents)));
            setExitCode(ExitCode.Ok);
        });
}
