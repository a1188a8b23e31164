import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import type { CompileResult } from '../../language/compiler/index.js';
import {
    buildDeployment,
    checklistPaths,
    type DeploymentDiagnostic,
    type DeploymentResult,
    EnvironmentSchemaError,
    type EnvironmentSchema,
    parseEnvironmentSchema
} from '../../language/deployment/index.js';
import { writeDeployment } from '../../host/deployment.js';
import { problemDiagnostic } from '../../language/validation/diagnostic-builder.js';
import { countErrors, diagnosticJson, displayPath, type DiagnosticRow, formatDiagnostic } from '../diagnostics-output.js';
import { ExitCode, UsageError } from '../errors.js';
import { checkFormat } from '../formats.js';
import type { CommandContext } from '../io.js';
import { checkAndCompile, withFormat, workspaceCommand, workspaceRoot } from '../workspace-command.js';

const PACKAGE_FORMATS = ['text', 'json'] as const;

interface PackageOptions {
    out: string;
    environmentSchema?: string;
    format: string;
}

export function registerPackage(program: Command, cli: CommandContext): void {
    withFormat(
        workspaceCommand(
            program,
            'package',
            'Check and compile a workspace into a Configuration Migration data package (data_schema.xml, data.xml) with a deployment checklist (docs/deployment.md). Nothing is written when any error exists.'
        ),
        PACKAGE_FORMATS
    )
        .requiredOption('-o, --out <file.zip>', 'the package to write; the checklist goes beside it (<file>.checklist.md and .json)')
        .option(
            '-e, --environment-schema <data_schema.xml>',
            'check every table, column, type and choice against the schema the Configuration Migration tool generated from the target environment'
        )
        .action(async (folder: string, options: PackageOptions) => {
            const format = checkFormat(options.format, PACKAGE_FORMATS);
            const root = workspaceRoot(folder);
            const environment = readEnvironmentSchema(options.environmentSchema);
            const { rows, errors, result } = await checkAndCompile(root, cli.io, format === 'text');
            const blocked = !result.ok || errors > 0;
            const outcome = blocked ? undefined : packageCompiled(root, result, options.out, environment);
            const allRows = [...rows, ...(outcome?.rows ?? [])];
            if (format === 'json') {
                cli.io.stdout.write(
                    JSON.stringify(
                        {
                            ok: outcome?.written ?? false,
                            diagnostics: allRows.map(diagnosticJson),
                            package: outcome?.written ? packageJson(outcome.deployment, options.out) : null
                        },
                        null,
                        2
                    ) + '\n'
                );
            } else {
                cli.log(...allRows.map(formatDiagnostic));
                if (outcome?.written) printSummary(cli, outcome.deployment, options.out);
                else cli.log(`Package failed: ${countErrors(allRows)} error(s). Nothing was written.`);
            }
            cli.setExitCode(outcome?.written ? ExitCode.Ok : ExitCode.InputErrors);
        });
}

export function readEnvironmentSchema(file: string | undefined): EnvironmentSchema | undefined {
    if (file === undefined) return undefined;
    let text: string;
    try {
        text = fs.readFileSync(file, 'utf8');
    } catch (error) {
        throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    try {
        return parseEnvironmentSchema(text);
    } catch (error) {
        if (error instanceof EnvironmentSchemaError) throw new UsageError(`${file}: ${error.message}`);
        throw error;
    }
}

/** Binds and writes the package of a compiled workspace; its diagnostics as CLI rows. */
export function packageCompiled(root: string, result: CompileResult, out: string, environment: EnvironmentSchema | undefined) {
    const deployment = buildDeployment(
        result.entries.map(entry => entry.record),
        { packageName: path.basename(out), environment }
    );
    const rows = deployment.diagnostics.map(diagnostic => deploymentRow(root, diagnostic));
    if (!deployment.ok) return { deployment, rows, written: false };
    try {
        writeDeployment(deployment, out);
    } catch (error) {
        throw new UsageError(`cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { deployment, rows, written: true };
}

function deploymentRow(root: string, diagnostic: DeploymentDiagnostic): DiagnosticRow {
    const fsPath = path.join(root, ...diagnostic.source.file.split('/'));
    const position = { line: diagnostic.source.line - 1, character: diagnostic.source.column - 1 };
    return { file: displayPath(fsPath), fsPath, diagnostic: problemDiagnostic(diagnostic, { start: position, end: position }) };
}

export function packageJson(deployment: DeploymentResult, out: string) {
    const { markdown, json } = checklistPaths(out);
    return {
        file: displayPath(path.resolve(out)),
        checklist: { markdown: displayPath(path.resolve(markdown)), json: displayPath(path.resolve(json)) },
        tables: deployment.checklist.summary.tables,
        rows: deployment.checklist.summary.rows,
        names: deployment.checklist.summary.names,
        assumed: deployment.checklist.names
            .filter(name => name.provenance === 'assumed')
            .map(name => (name.owner ? `${name.owner}.${name.name}` : name.name))
    };
}

export function printSummary(cli: CommandContext, deployment: DeploymentResult, out: string): void {
    const { summary } = deployment.checklist;
    const { markdown } = checklistPaths(out);
    cli.log(`Packaged ${summary.rows} row(s) in ${summary.tables} table(s): ${displayPath(path.resolve(out))}`);
    cli.log(
        `Names: ${summary.names.documented} documented, ${summary.names.confirmed} confirmed by the environment schema, ${summary.names.assumed} assumed${summary.environmentSchema ? '' : ' (check them with --environment-schema)'}.`
    );
    cli.log(
        `Deployment checklist: ${displayPath(path.resolve(markdown))} (and .json): ${deployment.checklist.phases.reduce((sum, phase) => sum + phase.steps.length, 0)} step(s).`
    );
}
