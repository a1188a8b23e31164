/**
 * From compiled records toward an environment (docs/deployment.md): the Dataverse binding, the Configuration
 * Migration data package with its deployment checklist, the environment-schema check, and the what-if plan.
 *
 *   const result = compileWorkspace(workspace);                       // the compiler's records
 *   const deployment = buildDeployment(result.entries.map(e => e.record), { packageName: 'lab.zip' });
 *   if (deployment.ok) writeDeployment(deployment, 'lab.zip');          // host/deployment.ts: the files on disk
 */
import type { CompiledRecord } from '../compiler/records.js';
import { stableStringify } from '../compiler/emit.js';
import { bindRecords, type BoundPackage, type DeploymentDiagnostic } from './bind.js';
import { buildChecklist, checklistMarkdown, type DeploymentChecklist } from './checklist.js';
import type { EnvironmentSchema } from './environment.js';
import { packageZip } from './package.js';

export * from './binding.js';
export * from './bind.js';
export * from './checklist.js';
export * from './environment.js';
export * from './package.js';
export * from './read-back.js';
export * from './plan.js';
export * from './baseline.js';

export interface DeploymentOptions {
    /** The package's file name, as the checklist names it. */
    packageName: string;
    environment?: EnvironmentSchema;
}

export interface DeploymentResult {
    /** False when the environment schema check found problems: nothing may be written. */
    ok: boolean;
    diagnostics: DeploymentDiagnostic[];
    bound: BoundPackage;
    zip: Uint8Array;
    checklist: DeploymentChecklist;
    checklistJson: string;
    checklistMarkdown: string;
}

export function buildDeployment(records: readonly CompiledRecord[], options: DeploymentOptions): DeploymentResult {
    const bound = bindRecords(records, { environment: options.environment });
    const checklist = buildChecklist(records, bound, options.packageName, options.environment !== undefined);
    return {
        ok: bound.diagnostics.length === 0,
        diagnostics: bound.diagnostics,
        bound,
        zip: packageZip(bound.tables),
        checklist,
        checklistJson: stableStringify(checklist),
        checklistMarkdown: checklistMarkdown(checklist)
    };
}

/** The checklist files written beside a package: `lab.zip` → `lab.checklist.md` and `lab.checklist.json`. */
export function checklistPaths(packageFile: string): { markdown: string; json: string } {
    const base = packageFile.replace(/\.zip$/i, '');
    return { markdown: `${base}.checklist.md`, json: `${base}.checklist.json` };
}
