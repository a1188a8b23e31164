/**
 * What the commands on a workspace folder share: the `[folder]` argument and `--format` option, the folder check,
 * and loading, checking and compiling the workspace behind a progress line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { type CompileOptions, compileWorkspace } from '../language/compiler/index.js';
import { loadWorkspace } from '../host/load-workspace.js';
import { countErrors, diagnosticRows } from './diagnostics-output.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { createProgress } from './progress.js';

/** `iom <name> [folder]`: a command on a workspace folder (default: the current one). */
export function workspaceCommand(program: Command, name: string, description: string): Command {
    return program.command(name).description(description).argument('[folder]', 'workspace folder', '.');
}

/** Adds `-f, --format <format>` listing the formats, the first one the default. */
export function withFormat(command: Command, formats: readonly string[], description = `output format: ${formats.join(', ')}`): Command {
    return command.option('-f, --format <format>', description, formats[0]);
}

/** The folder argument as an absolute path; a missing folder or a file is a usage error. */
export function workspaceRoot(folder: string): string {
    const root = path.resolve(folder);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`${folder}: not a folder`);
    return root;
}

/** Loads, checks and compiles a workspace (a progress line on a terminal when `showProgress`). */
export async function checkAndCompile(root: string, io: CliIo, showProgress: boolean, options?: CompileOptions) {
    const progress = createProgress(showProgress, io);
    progress.step('Loading and checking the workspace …');
    const workspace = await loadWorkspace(root);
    const rows = diagnosticRows(workspace.diagnostics);
    progress.step('Compiling …');
    const result = compileWorkspace(workspace, options);
    progress.done();
    return { workspace, rows, errors: countErrors(rows), result };
}
