/** Loading a workspace and its simulation model, shared by `iom simulate` and `iom test`. */
import * as path from 'node:path';
import { buildModel } from '../../language/simulation/index.js';
import { loadWorkspace } from '../../host/load-workspace.js';
import { displayPath } from '../diagnostics-output.js';
import type { CommandContext } from '../io.js';
import { createProgress } from '../progress.js';

/** The workspace and its model, or undefined after printing the workspace's errors (`verb`: what they block). */
export async function loadSimulationWorkspace(cli: CommandContext, folder: string, showProgress: boolean, verb: string) {
    const progress = createProgress(showProgress, cli.io);
    progress.step(`Loading ${folder} …`);
    const workspace = await loadWorkspace(folder);
    progress.done();
    const { model, errors } = buildModel(workspace.root, workspace.documents, workspace.digests);
    if (errors.length === 0) return { workspace, model };
    cli.error(
        ...errors.map(
            error =>
                `${displayPath(path.join(workspace.root, error.file))}:${error.line}:${error.column} - error${error.code ? ` ${error.code}` : ''}: ${error.message}`
        ),
        `iom: the workspace has ${errors.length} error(s); fix them before ${verb}.`
    );
    return undefined;
}
