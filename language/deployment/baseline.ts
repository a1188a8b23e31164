/**
 * What a plan compares against: a previous build (an output folder with manifest.json), a data package of ours, or
 * a data package exported from an environment; and the current workspace seen the same way.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE } from '../compiler/emit.js';
import type { CompiledRecord, Manifest } from '../compiler/records.js';
import { bindRecords } from './bind.js';
import { packageZip, PackageReadError, readPackage } from './package.js';
import { type PlanItem, planItemOfPackageRecord, planItemOfRecord, whatIf, type WhatIfPlan } from './plan.js';
import { recordsFromPackage } from './read-back.js';

export class BaselineError extends Error {}

export interface Baseline {
    type: 'build' | 'package';
    items: PlanItem[];
}

/** Reads a baseline: a folder holding manifest.json, or a data package (.zip). */
export function readBaseline(file: string): Baseline {
    if (!fs.existsSync(file)) throw new BaselineError(`${file}: no such file or folder`);
    if (fs.statSync(file).isDirectory()) {
        const manifestFile = path.join(file, MANIFEST_FILE);
        if (!fs.existsSync(manifestFile)) throw new BaselineError(`${file}: not the output of a build (no ${MANIFEST_FILE}) and not a data package`);
        const manifest = parseJson<Manifest>(manifestFile);
        if (!Array.isArray(manifest.artifacts)) throw new BaselineError(`${manifestFile}: no artifacts list`);
        const items = manifest.artifacts.map(artifact => {
            const target = path.resolve(file, artifact.path);
            if (!target.startsWith(path.resolve(file) + path.sep))
                throw new BaselineError(`${manifestFile}: artifact path '${artifact.path}' leaves the folder`);
            if (!fs.existsSync(target)) throw new BaselineError(`${manifestFile}: '${artifact.path}' is listed but missing`);
            return planItemOfRecord(parseJson<CompiledRecord>(target));
        });
        return { type: 'build', items };
    }
    try {
        const read = readPackage(new Uint8Array(fs.readFileSync(file)));
        return { type: 'package', items: recordsFromPackage(read).records.map(planItemOfPackageRecord) };
    } catch (error) {
        if (error instanceof PackageReadError) throw new BaselineError(`${file}: ${error.message}`);
        throw error;
    }
}

function parseJson<T>(file: string): T {
    try {
        return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    } catch (error) {
        throw new BaselineError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
}

/** The current records seen as the baseline is: whole records against a build, package rows against a package. */
export function currentItems(records: readonly CompiledRecord[], type: Baseline['type']): PlanItem[] {
    if (type === 'build') return records.map(planItemOfRecord);
    const zip = packageZip(bindRecords(records).tables);
    const sources = new Map(records.map(record => [record.id, record.source]));
    return recordsFromPackage(readPackage(zip))
        .records.map(planItemOfPackageRecord)
        .map(item => ({ ...item, source: sources.get(item.id) }));
}

/** The plan of compiled records against a baseline path, shown as `shownPath`. */
export function planAgainst(records: readonly CompiledRecord[], baselinePath: string, shownPath = baselinePath): WhatIfPlan {
    const baseline = readBaseline(baselinePath);
    return whatIf(currentItems(records, baseline.type), baseline.items, { path: shownPath, type: baseline.type });
}
