import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, type IomConfig, parseConfig } from '../language/workspace/iom-config.js';
import { UsageError } from './errors.js';

/** Reads the workspace's iomconfig.json, if it has one. A malformed file is a usage error. */
export function readWorkspaceConfig(root: string): IomConfig {
    const file = path.join(root, CONFIG_FILE_NAME);
    if (!fs.existsSync(file)) return {};
    const { config, problem } = parseConfig(fs.readFileSync(file, 'utf8'));
    if (problem) throw new UsageError(`${file}:${problem.line}:${problem.column}: ${problem.message}`);
    return config;
}

/**
 * The output folder: `--out` (relative to the current directory), else iomconfig.json `build.out` (relative to the
 * workspace root), else `out` in the workspace root. It may not be the workspace root or one of its ancestors.
 */
export function resolveOutputFolder(root: string, config: IomConfig, out: string | undefined): string {
    const configured = config.build?.out;
    if (!out && configured !== undefined && (typeof configured !== 'string' || configured.trim() === '')) {
        throw new UsageError(`${CONFIG_FILE_NAME}: build.out must be a non-empty folder path.`);
    }
    const folder = out ? path.resolve(out) : path.resolve(root, configured ?? 'out');
    const relative = path.relative(folder, root);
    if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
        throw new UsageError(`${out ?? configured}: the output folder cannot be the workspace folder or contain it.`);
    }
    return folder;
}
