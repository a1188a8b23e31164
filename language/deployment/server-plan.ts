/**
 * The language server's `iom.server.previewDeployment` command: the what-if plan (plan.ts) of a workspace folder
 * against a baseline (an out/ folder or a data package), as Markdown for the editor. Thin: it compiles the open
 * documents as the CLI compiles the files, and calls planAgainst.
 */
import { DocumentState, URI, UriUtils } from 'langium';
import type { IomSharedServices } from '../iom-module.js';
import { compileWorkspace } from '../compiler/index.js';
import { documentsInside } from '../model/paths.js';
import { BaselineError, planAgainst, readBaseline } from './baseline.js';
import { planMarkdown, type WhatIfPlan } from './plan.js';

export interface PreviewDeploymentRequest {
    /** The workspace folder (a URI); default: the first workspace folder. */
    folder?: string;
    /** The baseline: a URI or file-system path of an out/ folder or a .zip data package. */
    against: string;
}

export interface PreviewDeploymentResult {
    ok: boolean;
    markdown: string;
    plan?: WhatIfPlan;
    /** Why there is no plan: workspace errors or an unusable baseline. */
    failure?: string;
}

export async function previewDeployment(shared: IomSharedServices, request: PreviewDeploymentRequest): Promise<PreviewDeploymentResult> {
    if (!request?.against) return { ok: false, markdown: '', failure: 'No baseline was given.' };
    await shared.workspace.WorkspaceManager.ready;
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated);
    const folderUri = request.folder ?? shared.workspace.WorkspaceManager.workspaceFolders?.[0]?.uri;
    if (!folderUri) return { ok: false, markdown: '', failure: 'No workspace folder is open.' };
    const root = URI.parse(folderUri).fsPath;
    const documents = documentsInside(shared.workspace.LangiumDocuments, URI.file(root));
    const result = compileWorkspace({ root, documents, digests: shared.workspace.Digests });
    if (!result.ok) {
        const failure = `The workspace has ${result.errors.length} error(s); fix them to preview the deployment.`;
        return { ok: false, markdown: `## IOM deployment plan\n\n${failure}\n`, failure };
    }
    const against = /^[a-z][a-z0-9+.-]+:\/\//i.test(request.against) ? URI.parse(request.against) : URI.file(request.against);
    try {
        const baseline = readBaseline(shared.workspace.FileSystemProvider, against);
        const plan = planAgainst(
            result.entries.map(entry => entry.record),
            baseline,
            UriUtils.basename(against)
        );
        return { ok: true, markdown: planMarkdown(plan), plan };
    } catch (error) {
        if (!(error instanceof BaselineError)) throw error;
        return { ok: false, markdown: `## IOM deployment plan\n\n${error.message}\n`, failure: error.message };
    }
}
