import * as path from 'node:path';
import { compileWorkspace, type CompiledRecord } from '../../language/compiler/index.js';
import { buildDeployment, type EnvironmentSchema } from '../../language/deployment/index.js';
import { loadWorkspace } from '../../host/load-workspace.js';
import { examplesDir } from '../compiler/helpers.js';

/** Loads, compiles and packages a workspace folder (an example's name, or a path). */
export async function deploymentOf(folder: string, options: { environment?: EnvironmentSchema; packageName?: string } = {}) {
    const root = path.isAbsolute(folder) ? folder : path.join(examplesDir, folder);
    const result = compileWorkspace(await loadWorkspace(root));
    if (!result.ok) throw new Error(`${folder} does not compile: ${JSON.stringify(result.errors)}`);
    const records: CompiledRecord[] = result.entries.map(entry => entry.record);
    return {
        result,
        records,
        deployment: buildDeployment(records, { packageName: options.packageName ?? 'package.zip', environment: options.environment })
    };
}
