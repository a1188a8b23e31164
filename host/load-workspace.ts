import * as fs from 'node:fs';
import * as path from 'node:path';
import { type LangiumDocument, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Digests } from '../language/compiler/hash.js';
import { createIomServices, type IomServices, type IomSharedServices } from '../language/iom-module.js';
import { isBuiltinDocument } from '../language/model/builtin.js';
import { IomWorkspaceManager } from '../language/workspace/iom-workspace-manager.js';
import { IomIndexManager } from '../language/workspace/iom-index-manager.js';
import { IomDocumentBuilder } from '../language/validation/revalidation.js';
import { IomNodeHost } from './node-host.js';

export interface WorkspaceResult {
    /** The workspace folder, absolute. */
    root: string;
    shared: IomSharedServices;
    Iom: IomServices;
    /** The workspace's own documents (not the built-in library), sorted by path. */
    documents: LangiumDocument[];
    /** Every diagnostic of the workspace: of its own documents, and of its iomconfig.json files. */
    diagnostics: WorkspaceDiagnostic[];
    /** The host's hashes, for the compiler (`compileWorkspace(workspace)` reads them). */
    digests: Digests;
}

export interface WorkspaceDiagnostic {
    uri: URI;
    diagnostic: Diagnostic;
}

/**
 * Loads a folder the way the language server does (the built-in library plus every `.iom` file below the folder),
 * then parses, links and validates everything.
 */
export async function loadWorkspace(folder: string): Promise<WorkspaceResult> {
    const root = path.resolve(folder);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
        throw new WorkspaceError(`${folder}: not a folder`);
    }
    // Nothing a batch command does reads the reference index (find references, rename): it is not built. No edit
    // follows the build: the facts each document was validated against are not recorded.
    const { shared, Iom } = createIomServices(IomNodeHost, undefined, {
        workspace: {
            IndexManager: services => new IomIndexManager(services, { references: false }),
            DocumentBuilder: services => new IomDocumentBuilder(services, { followsEdits: false })
        }
    });
    await shared.workspace.WorkspaceManager.initializeWorkspace([{ name: path.basename(root), uri: URI.file(root).toString() }]);
    const manager = shared.workspace.WorkspaceManager;
    const unreadable = manager instanceof IomWorkspaceManager ? manager.unreadable : [];
    if (unreadable.length > 0) {
        // Checking or building without them would silently drop their declarations: stop, naming each.
        const lines = unreadable
            .map(entry => ({ ...entry, name: path.relative(root, entry.uri.fsPath).split(path.sep).join('/') || '.' }))
            .sort((a, b) => a.name.localeCompare(b.name))
            .map(entry => `${entry.name}${entry.folder ? '/' : ''}: cannot read this ${entry.folder ? 'folder' : 'file'} (${entry.reason})`);
        throw new WorkspaceError(`${lines.join('\n')}\nThe workspace cannot be read completely, so nothing was checked or written.`);
    }
    const documents = shared.workspace.LangiumDocuments.all
        .filter(document => !isBuiltinDocument(document))
        .toArray()
        .sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
    const configs = await shared.workspace.ConfigService.loadedConfigs();
    const diagnostics: WorkspaceDiagnostic[] = [
        ...configs.flatMap(config => config.problems.map(diagnostic => ({ uri: config.uri, diagnostic }))),
        ...documents.flatMap(document => (document.diagnostics ?? []).map(diagnostic => ({ uri: document.uri, diagnostic })))
    ];
    return { root, shared, Iom, documents, diagnostics, digests: shared.workspace.Digests };
}

/** A problem with the command's input that is not a diagnostic of the workspace (exit code 2). */
export class WorkspaceError extends Error {}
