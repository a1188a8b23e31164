/**
 * The deployment's files on disk (docs/deployment.md): the data package and its checklists written beside it, and
 * baselines read from a path, for `iom package` and `iom plan`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import type { CompiledRecord } from '../language/compiler/records.js';
import {
    checklistPaths,
    type DeploymentResult,
    planAgainst as planAgainstBaseline,
    readBaseline,
    type WhatIfPlan
} from '../language/deployment/index.js';
import { IomNodeFileSystemProvider } from './node-file-system.js';

/**
 * Writes the package and its checklists, each through a temporary file renamed into place, so a failure never leaves
 * a partial file (an earlier package stays as it was until its replacement is complete).
 */
export function writeDeployment(result: DeploymentResult, packageFile: string): string[] {
    if (!result.ok) throw new Error('The environment schema check failed: nothing was written.');
    const target = path.resolve(packageFile);
    const { markdown, json } = checklistPaths(target);
    const files: Array<[string, Uint8Array | string]> = [
        [target, result.zip],
        [markdown, result.checklistMarkdown],
        [json, result.checklistJson]
    ];
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temporaries: string[] = [];
    const renames: Array<[string, string]> = [];
    try {
        for (const [file, content] of files) {
            const tmp = `${file}.iom-tmp-${process.pid}`;
            temporaries.push(tmp);
            fs.writeFileSync(tmp, content);
            renames.push([tmp, file]);
        }
        for (const [tmp, file] of renames) fs.renameSync(tmp, file);
    } finally {
        for (const tmp of temporaries) fs.rmSync(tmp, { force: true });
    }
    return files.map(([file]) => file);
}

/** The plan of compiled records against a baseline on disk (an out/ folder or a .zip data package), shown as `shownPath`. */
export function planAgainst(records: readonly CompiledRecord[], baselinePath: string, shownPath = baselinePath): WhatIfPlan {
    const baseline = readBaseline(new IomNodeFileSystemProvider(), URI.file(path.resolve(baselinePath)), baselinePath);
    return planAgainstBaseline(records, baseline, shownPath);
}
