import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { compileWorkspace, MANIFEST_FILE, OutputBusyError, OutputFolderError, writeArtifacts } from '../../language/compiler/index.js';
import { loadWorkspace } from '../../language/workspace/load-workspace.js';
import { countErrors, diagnosticJson, diagnosticRows, displayPath, formatDiagnostic, printable } from '../diagnostics-output.js';
import { ExitCode, UsageError } from '../errors.js';
import { checkFormat, FORMATS, type Format } from '../formats.js';
import { createProgress } from '../progress.js';
import { sarifText } from '../sarif.js';
import { packageCompiled, packageJson, printSummary, readEnvironmentSchema } from './package.js';
import { readWorkspaceConfig, resolveOutputFolder } from '../workspace-config.js';

interface BuildOptions {
    out?: string;
    format: string;
    watch?: boolean;
    package?: string;
    environmentSchema?: string;
}

export function registerBuild(program: Command, setExitCode: (code: number) => void, version: string): void {
    program
        .command('build')
        .description(
            'Check a workspace and compile it into deployable JSON artifacts with a manifest and a deployment plan. Nothing is written when any error exists.'
        )
        .argument('[folder]', 'workspace folder', '.')
        .option('-o, --out <folder>', 'output folder (default: iomconfig.json build.out, else <folder>/out)')
        .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
        .option('-w, --watch', 'rebuild whenever a .iom file or iomconfig.json changes (until Ctrl+C)')
        .option('-p, --package <file.zip>', 'also write a Configuration Migration data package and its deployment checklist (as iom package)')
        .option('-e, --environment-schema <data_schema.xml>', "with --package: check the package against the target environment's schema")
        .action(async (folder: string, options: BuildOptions) => {
            const format = checkFormat(options.format);
            if (options.watch && format === 'sarif') throw new UsageError('--watch prints text or json, not sarif');
            const root = path.resolve(folder);
            if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`${folder}: not a folder`);
            if (!options.watch) {
                setExitCode(await buildOnce(root, options, format, version));
                return;
            }
            await watch(root, options, format, version);
        });
}

/** One build: check, compile, write. Returns the exit code. */
export async function buildOnce(root: string, options: BuildOptions, format: Format, version: string): Promise<number> {
    const started = performance.now();
    const out = resolveOutputFolder(root, readWorkspaceConfig(root), options.out);
    const progress = createProgress(format === 'text');
    progress.step('Loading and checking the workspace …');
    const workspace = await loadWorkspace(root);
    const rows = diagnosticRows(workspace.diagnostics);
    const errors = countErrors(rows);
    progress.step('Compiling …');
    const result = compileWorkspace(workspace);
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
        process.stdout.write(sarifText(rows, workspace.root, version));
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
        process.stdout.write(options.watch ? JSON.stringify(summary) + '\n' : JSON.stringify(summary, null, 2) + '\n');
    } else {
        for (const row of rows) console.log(formatDiagnostic(row));
        if (written) {
            const records = result.artifacts.size - 1;
            console.log(
                `Built ${records} artifact(s) from ${workspace.documents.length} file(s) in ${milliseconds} ms: ${printable(displayPath(out))}/`
            );
            console.log(`Manifest and deployment plan: ${printable(displayPath(path.join(out, MANIFEST_FILE)))}`);
            if (packaged?.written) printSummary(packaged.deployment, options.package!);
        } else if (!busy) {
            // The compiler's own blocking errors (a secret in an artifact) when no diagnostic reported them.
            const diagnosticErrors = countErrors(rows);
            const blocking = diagnosticErrors === 0 ? result.errors : [];
            for (const error of blocking)
                console.log(`${printable(error.file)}:${error.line}:${error.column} - error ${error.code ?? ''}: ${printable(error.message)}`);
            console.log(`Build failed: ${diagnosticErrors || blocking.length} error(s). Nothing was written.`);
        }
    }
    if (busy) {
        process.stderr.write(`iom: ${printable(busy)}\n`);
        return ExitCode.OutputBusy;
    }
    return written ? ExitCode.Ok : ExitCode.InputErrors;
}

async function watch(root: string, options: BuildOptions, format: Format, version: string): Promise<never> {
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
            await buildOnce(root, options, format, version);
        } catch (error) {
            process.stderr.write(`iom: ${printable(error instanceof Error ? error.message : String(error))}\n`);
        }
        running = false;
        if (again) {
            again = false;
            await run();
        } else if (format === 'text') console.log('Watching for changes (Ctrl+C to stop) …');
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
