/**
 * What a plan compares against: a previous build (an output folder with manifest.json), a data package of ours, or
 * a data package exported from an environment; and the current workspace seen the same way.
 */
import { type FileSystemProvider, type URI, UriUtils } from 'langium';
import { MANIFEST_FILE } from '../compiler/emit.js';
import { isInside } from '../model/paths.js';
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

/**
 * Reads a baseline through the host's file system (Langium's FileSystemProvider): a folder holding manifest.json, or
 * a data package (.zip). `file` is the baseline as the user named it, for the messages.
 */
export function readBaseline(files: FileSystemProvider, uri: URI, file = uri.fsPath): Baseline {
    if (!exists(files, uri)) throw new BaselineError(`${file}: no such file or folder`);
    if (files.statSync(uri).isDirectory) {
        const manifestUri = UriUtils.joinPath(uri, MANIFEST_FILE);
        const manifestFile = `${file.replace(/[\\/]+$/, '')}/${MANIFEST_FILE}`;
        if (!exists(files, manifestUri)) throw new BaselineError(`${file}: not the output of a build (no ${MANIFEST_FILE}) and not a data package`);
        const manifest = parseJson<Manifest>(files, manifestUri, manifestFile);
        if (!Array.isArray(manifest.artifacts)) throw new BaselineError(`${manifestFile}: no artifacts list`);
        const items = manifest.artifacts.map(artifact => {
            const target = UriUtils.resolvePath(uri, artifact.path);
            if (!isInside(uri, target)) throw new BaselineError(`${manifestFile}: artifact path '${artifact.path}' leaves the folder`);
            if (!exists(files, target)) throw new BaselineError(`${manifestFile}: '${artifact.path}' is listed but missing`);
            return planItemOfRecord(parseJson<CompiledRecord>(files, target, target.fsPath));
        });
        return { type: 'build', items };
    }
    try {
        const read = readPackage(new Uint8Array(files.readBinarySync(uri)));
        return { type: 'package', items: recordsFromPackage(read).records.map(planItemOfPackageRecord) };
    } catch (error) {
        if (error instanceof PackageReadError) throw new BaselineError(`${file}: ${error.message}`);
        throw error;
    }
}

function exists(files: FileSystemProvider, uri: URI): boolean {
    try {
        return files.existsSync(uri);
    } catch {
        return false;
    }
}

function parseJson<T>(files: FileSystemProvider, uri: URI, file: string): T {
    try {
        return JSON.parse(files.readFileSync(uri)) as T;
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

/** The plan of compiled records against a baseline (readBaseline), shown as `shownPath`. */
export function planAgainst(records: readonly CompiledRecord[], baseline: Baseline, shownPath: string): WhatIfPlan {
    return whatIf(currentItems(records, baseline.type), baseline.items, { path: shownPath, type: baseline.type });
}
