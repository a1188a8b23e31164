import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { EmptyFileSystem, URI } from 'langium';
import { createIomServices } from '../../language/iom-module.js';
import { formatDocumentText } from '../../language/lsp/iom-formatter.js';
import { ExitCode, UsageError } from '../errors.js';
import { printable } from '../diagnostics-output.js';
import type { CommandContext } from '../io.js';
import { writeAtomically } from '../write-file.js';

interface FormatOptions {
    check?: boolean;
    tabSize: string;
    tabs?: boolean;
}

/**
 * `iom format [paths…] [--check]`: formats .iom files with the language server's formatter. Each file is written
 * whole (writeAtomically: a temporary file renamed over the original), only when its text changes; a file with syntax errors is
 * reported and left alone. `--check` writes nothing, lists the files that would change and exits 1 if there are any.
 */
export function registerFormat(program: Command, cli: CommandContext): void {
    program
        .command('format')
        .description('Format .iom files (files or folders, recursively) in the canonical style.')
        .argument('[paths...]', 'files or folders', ['.'])
        .option('--check', 'write nothing; list the files that are not formatted and exit 1 if there are any')
        .option('--tab-size <n>', 'spaces per indentation level', '4')
        .option('--tabs', 'indent with tabs instead of spaces')
        .action(async (paths: string[], options: FormatOptions) => {
            const tabSize = Number(options.tabSize);
            if (!Number.isInteger(tabSize) || tabSize < 1 || tabSize > 16)
                throw new UsageError(`--tab-size must be a whole number from 1 to 16, not '${options.tabSize}'`);
            const files = [...new Set(paths.flatMap(p => iomFiles(p)))].sort();
            const { Iom } = createIomServices(EmptyFileSystem);
            const factory = Iom.shared.workspace.LangiumDocumentFactory;
            let changed = 0;
            let broken = 0;
            for (const file of files) {
                const text = fs.readFileSync(file, 'utf8');
                const document = factory.fromString(text, URI.file(path.resolve(file)));
                const formatted = formatDocumentText(document, Iom, { tabSize, insertSpaces: !options.tabs });
                if (formatted === undefined) {
                    broken++;
                    cli.error(`${printable(file)}: not formatted: it has syntax errors (see iom validate)`);
                    continue;
                }
                if (formatted === text) continue;
                changed++;
                if (options.check) {
                    cli.log(printable(file));
                } else {
                    writeAtomically(file, formatted);
                    cli.log(`formatted ${printable(file)}`);
                }
            }
            if (options.check) {
                cli.log(changed ? `${changed} of ${files.length} file(s) not formatted.` : `${files.length} file(s) already formatted.`);
            } else {
                cli.log(`${changed} of ${files.length} file(s) formatted.`);
            }
            cli.setExitCode(broken > 0 || (options.check && changed > 0) ? ExitCode.InputErrors : ExitCode.Ok);
        });
}

/** The .iom files of a path: the file itself, or every .iom file below a folder (skipping dot folders, node_modules, out). */
function iomFiles(target: string): string[] {
    if (!fs.existsSync(target)) throw new UsageError(`${target}: no such file or folder`);
    if (fs.statSync(target).isFile()) return [target];
    const files: string[] = [];
    for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
        const full = path.join(target, entry.name);
        if (entry.isDirectory()) {
            if (!entry.name.startsWith('.') && entry.name !== 'node_modules' && entry.name !== 'out') files.push(...iomFiles(full));
        } else if (entry.isFile() && entry.name.endsWith('.iom')) {
            files.push(full);
        }
    }
    return files;
}
