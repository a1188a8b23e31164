import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../diagnostics-output.js';
import { ExitCode, UsageError } from '../errors.js';
import type { CommandContext } from '../io.js';
import { workspaceTemplate } from '../templates/workspace.js';

export function registerInit(program: Command, cli: CommandContext): void {
    program
        .command('init')
        .description('Create a new workspace from a template that validates clean and builds. Never overwrites a file.')
        .argument('[folder]', 'folder to create the workspace in (created when missing)', '.')
        .action((folder: string) => {
            const root = path.resolve(folder);
            if (fs.existsSync(root) && !fs.statSync(root).isDirectory()) throw new UsageError(`${folder}: exists and is not a folder`);
            const existing = fs.existsSync(root) ? fs.readdirSync(root) : [];
            const clashes = Object.keys(workspaceTemplate).filter(file => existing.includes(file));
            const sources = existing.filter(file => file.endsWith('.iom'));
            if (clashes.length || sources.length) {
                throw new UsageError(
                    `${folder}: refusing to overwrite an existing workspace (${[...new Set([...clashes, ...sources])].sort().join(', ')})`
                );
            }
            fs.mkdirSync(root, { recursive: true });
            for (const [file, text] of Object.entries(workspaceTemplate)) {
                fs.writeFileSync(path.join(root, file), text, { flag: 'wx' });
            }
            const shown = displayPath(root);
            cli.log(
                `Created a new IOM workspace in ${shown}/: ${Object.keys(workspaceTemplate).sort().join(', ')}`,
                'Next:',
                `  iom validate ${shown}`,
                `  iom build ${shown}`
            );
            cli.setExitCode(ExitCode.Ok);
        });
}
