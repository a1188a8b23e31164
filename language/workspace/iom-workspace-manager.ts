import { DefaultWorkspaceManager, type LangiumDocument, type LangiumDocumentFactory, type LangiumSharedCoreServices, URI } from 'langium';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { BUILTIN_SCHEME, renderCatalog } from '../catalog/catalog.js';

/** The URIs and texts of the built-in library documents. */
export function builtinDocuments(): Array<{ uri: URI; text: string }> {
    return renderCatalog().map(({ name, text }) => ({ uri: URI.parse(`${BUILTIN_SCHEME}:///${name}`), text }));
}

export function isBuiltinDocument(document: LangiumDocument | URI): boolean {
    const uri = 'uri' in document ? document.uri : document;
    return uri.scheme === BUILTIN_SCHEME;
}

/**
 * Loads the built-in catalog library next to the workspace's `.iom` files, and validates every file at start-up so
 * that the Problems panel is complete before any editor is opened.
 */
export class IomWorkspaceManager extends DefaultWorkspaceManager {
    private readonly documentFactory: LangiumDocumentFactory;

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.documentFactory = services.workspace.LangiumDocumentFactory;
        this.initialBuildOptions = { validation: true };
    }

    protected override async loadAdditionalDocuments(_folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
        for (const { uri, text } of builtinDocuments()) {
            collector(this.documentFactory.fromString(text, uri));
        }
    }
}
