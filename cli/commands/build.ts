import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { MANIFEST_FILE } from '../../language/compiler/index.js';
import { OutputBusyError, OutputFolderError, writeArtifacts } from '../../host/write.js';
import { countErrors, diagnosticJson, displayPath, formatDiagnostic, printable } from '../diagnostics-output.js';
import { ExitCode, UsageError } from '../errors.js';
import { checkFormat, FORMATS, type Format } from '../formats.js';
import type { CommandContext } from '../io.js';
import { createProgress } from '../progress.js';
import { sarifText } from '../sarif.js';
import { packageCompiled, packageJson, printSummary, readEnvironmentSchema } from './package.js';
import { readWorkspaceConfig, resolveOutputFolder } from '../workspace-config.js';
import { checkAndCompile, withFormat, workspaceCommand, workspaceRoot } from '../workspace-command.js';

interface BuildOptions {
    out?: string;
    format: string;
    watch?: boolean;
    package?: string;
    environmentSchema?: string;
}

export function registerBuild(program: Command, cli: CommandContext): void {
    withFormat(
        workspaceCommand(
            program,
            'build',
            'Check a workspace and compile it into deployable JSON artifacts with a manifest and a deployment plan. Nothing is written when any error exists.'
        ).option('-o, --out <folder>', 'output folder (default: iomconfig.json build.out, else <folder>/out)'),
        FORMATS
    )
        .option('-w, --watch', 'rebuild whenever a .iom file or iomconfig.json changes (until Ctrl+C)')
        .option('-p, --package <file.zip>', 'also write a Configuration Migration data package and its deployment checklist (as iom package)')
        .option('-e, --environment-schema <data_schema.xml>', "with --package: check the package against the target environment's schema")
        .action(async (folder: string, options: BuildOptions) => {
            const format = checkFormat(options.format);
            if (options.watch && format === 'sarif') throw new UsageError('--watch prints text or json, not sarif');
            const root = workspaceRoot(folder);
            if (!options.watch) {
                cli.setExitCode(await buildOnce(root, options, format, cli));
                return;
            }
            await watch(root, options, format, cli);
        });
}

/** One build: check, compile, write. Returns the exit code. */
export async function buildOnce(root: string, options: BuildOptions, format: Format, cli: CommandContext): Promise<number> {
    const started = performance.now();
    const out = resolveOutputFolder(root, readWorkspaceConfig(root), options.out);
    const { workspace, rows, errors, result } = await checkAndCompile(root, cli.io, format === 'text');
    const progress = createProgress(format === 'text', cli.io);
    let written = false;
    const environment = options.package ? readEnvironmentSchema(options.environmentSchema) : undefined;
    // The package is bound first: its environment-schema errors block the artifacts too.
    const packaged = options.package && result.ok && errors === 0 ? packageCompiled(root, result, options.package, environment) : undefined;
    rows.push(...(packaged?.rows ?? []));
    let busy: string | undefined;
    // Errors outside the .iom files (an invalid iomconfig.json) block the emit too.
    if (result.ok && errors === 0 && (!packaged || packaged.written)) {
        progress.step(`Writing ${result.artifacts.size} file(s) …`);
        try {
            writeArtifacts(result, out);
            written = true;
        } catch (error) {
            progress.done();
            if (error instanceof OutputBusyError) busy = error.message;
            else if (error instanceof OutputFolderError) throw new UsageError(error.message);
            else throw new UsageError(`cannot write ${displayPath(out)}: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
    progress.done();
    const milliseconds = Math.round(performance.now() - started);
    if (format === 'sarif') {
        cli.io.stdout.write(sarifText(rows, workspace.root, cli.version, cli.io.env));
    } else if (format === 'json') {
        const summary = {
            ok: written,
            ...(busy ? { failure: busy } : {}),
            diagnostics: rows.map(diagnosticJson),
            output: written
                ? {
                      folder: displayPath(out),
                      manifest: displayPath(path.join(out, MANIFEST_FILE)),
                      files: [...result.artifacts.keys()]
                  }
                : null,
            ...(options.package ? { package: written && packaged?.written ? packageJson(packaged.deployment, options.package) : null } : {})
        };
        cli.io.stdout.write(options.watch ? JSON.stringify(summary) + '\n' : JSON.stringify(summary, null, 2) + '\n');
    } else {
        cli.log(...rows.map(formatDiagnostic));
        if (written) {
            const records = result.artifacts.size - 1;
            cli.log(`Built ${records} artifact(s) from ${workspace.documents.length} file(s) in ${milliseconds} ms: ${printable(displayPath(out))}/`);
            cli.log(`Manifest and deployment plan: ${printable(displayPath(path.join(out, MANIFEST_FILE)))}`);
            if (packaged?.written) printSummary(cli, packaged.deployment, options.package!);
        } else if (!busy) {
            // The compiler's own blocking errors (a secret in an artifact) when no diagnostic reported them.
            const diagnosticErrors = countErrors(rows);
            const blocking = diagnosticErrors === 0 ? result.errors : [];
            for (const error of blocking)
                cli.log(`${printable(error.file)}:${error.line}:${error.column} - error ${error.code ?? ''}: ${printable(error.message)}`);
            cli.log(`Build failed: ${diagnosticErrors || blocking.length} error(s). Nothing was written.`);
        }
    }
    if (busy) {
        cli.error(`iom: ${printable(busy)}`);
        return ExitCode.OutputBusy;
    }
    return written ? ExitCode.Ok : ExitCode.InputErrors;
}

async function watch(root: string, options: BuildOptions, format: Format, cli: CommandContext): Promise<never> {
    const out = resolveOutputFolder(root, readWorkspaceConfig(root), options.out);
    const ignored = (file: string) => {
        const full = path.resolve(root, file);
        const base = path.basename(out);
        return (
            full === out ||
            full.startsWith(out + path.sep) ||
            path.basename(full).startsWith(`.${base}.iom-`) ||
            full.includes(`${path.sep}.${base}.iom-`)
        );
    };
    let running = false;
    let again = false;
    const run = async () => {
        if (running) {
            again = true;
            return;
        }
        running = true;
        try {
            await buildOnce(root, options, format, cli);
        } catch (error) {
            cli.error(`iom: ${printable(error instanceof Error ? error.message : String(error))}`);
        }
        running = false;
        if (again) {
            again = false;
            await run();
        } else if (format === 'text') cli.log('Watching for changes (Ctrl+C to stop) …');
    };
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
    // Watch before the first build, so a change saved while it runs (or just after its summary) is never missed.
    let timer: NodeJS.Timeout | undefined;
    fs.watch(root, { recursive: true }, (_event, file) => {
        if (!file) return;
        const name = file.toString();
        if (ignored(name) || !(name.endsWith('.iom') || path.basename(name) === 'iomconfig.json')) return;
        clearTimeout(timer);
        timer = setTimeout(() => void run(), 150);
    });
    await run();
    return new Promise<never>(() => {
        /* runs until interrupted */
    });
}
