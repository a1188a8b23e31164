import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, type IomConfig, parseConfig } from '../language/workspace/iom-config.js';
import { OutputFolderError } from './write.js';

/** A problem with iomconfig.json (reported with its position). */
export class ConfigFileError extends Error {}

/** Reads the workspace's iomconfig.json, if it has one. */
export function readWorkspaceConfig(root: string): IomConfig {
    const file = path.join(root, CONFIG_FILE_NAME);
    if (!fs.existsSync(file)) return {};
    const { config, problem } = parseConfig(fs.readFileSync(file, 'utf8'));
    if (problem) throw new ConfigFileError(`${file}:${problem.line}:${problem.column}: ${problem.message}`);
    return config;
}

/**
 * The output folder: `override` (relative to the current directory), else iomconfig.json `build.out` (relative to
 * the workspace root), else `out` in the workspace root. It may not be the workspace root or one of its ancestors.
 */
export function resolveOutputFolder(root: string, config: IomConfig, override?: string): string {
    const configured = config.build?.out;
    if (!override && configured !== undefined && (typeof configured !== 'string' || configured.trim() === '')) {
        throw new ConfigFileError(`${CONFIG_FILE_NAME}: build.out must be a non-empty folder path.`);
    }
    const folder = override ? path.resolve(override) : path.resolve(root, configured ?? 'out');
    const relative = path.relative(folder, path.resolve(root));
    if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
        throw new OutputFolderError(`${override ?? configured}: the output folder cannot be the workspace folder or contain it.`);
    }
    return folder;
}
