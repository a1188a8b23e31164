import type { IomConfig } from '../language/workspace/iom-config.js';
import * as output from '../host/output-folder.js';
import { UsageError } from './errors.js';

/** Reads the workspace's iomconfig.json, if it has one. A malformed file is a usage error (exit 2). */
export function readWorkspaceConfig(root: string): IomConfig {
    return asUsageError(() => output.readWorkspaceConfig(root));
}

/** The output folder (`--out`, iomconfig.json `build.out`, or `out`); an unusable one is a usage error. */
export function resolveOutputFolder(root: string, config: IomConfig, out: string | undefined): string {
    return asUsageError(() => output.resolveOutputFolder(root, config, out));
}

function asUsageError<T>(run: () => T): T {
    try {
        return run();
    } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
    }
}
