import {
    DefaultWorkspaceManager,
    type LangiumDocument,
    type LangiumDocumentFactory,
    type LangiumSharedCoreServices,
    type Stream,
    URI
} from 'langium';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { BUILTIN_SCHEME, renderCatalog } from '../catalog/catalog.js';

/** The URIs and texts of the built-in library documents. */
export function builtinDocuments(): Array<{ uri: URI; text: string }> {
    return renderCatalog().map(({ name, text }) => ({ uri: URI.parse(`${BUILTIN_SCHEME}:///${name}`), text }));
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

    /**
     * Folders and files of the workspace that could not be read (permissions, I/O errors) during start-up. The
     * default manager only logs them and goes on, which would check and build an incomplete workspace: the CLI and
     * Compile Workspace refuse to build while any exists (issue 10 item 5).
     */
    readonly unreadable: UnreadableEntry[] = [];

    protected override async traverseFolder(folderPath: URI, uris: URI[]): Promise<void> {
        let entries;
        try {
            entries = await this.fileSystemProvider.readDirectory(folderPath);
        } catch (error) {
            this.unreadable.push({ uri: folderPath, folder: true, reason: errorReason(error) });
            return;
        }
        await Promise.all(
            entries.map(async entry => {
                if (!this.shouldIncludeEntry(entry)) return;
                if (entry.isDirectory) await this.traverseFolder(entry.uri, uris);
                else if (entry.isFile) uris.push(entry.uri);
            })
        );
    }

    protected override async loadWorkspaceDocuments(uris: Stream<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
        await Promise.all(
            uris.map(async uri => {
                try {
                    collector(await this.langiumDocuments.getOrCreateDocument(uri));
                } catch (error) {
                    this.unreadable.push({ uri, folder: false, reason: errorReason(error) });
                }
            })
        );
    }

    protected override async loadAdditionalDocuments(_folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
        for (const { uri, text } of builtinDocuments()) {
            collector(this.documentFactory.fromString(text, uri));
        }
    }
}

export interface UnreadableEntry {
    uri: URI;
    folder: boolean;
    /** The system's reason, e.g. `EACCES: permission denied`. */
    reason: string;
}

function errorReason(error: unknown): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const text: Record<string, string> = {
        EACCES: 'permission denied',
        EPERM: 'operation not permitted',
        EIO: 'input/output error',
        ENOENT: 'it disappeared while being read',
        ELOOP: 'too many symbolic links',
        ENAMETOOLONG: 'name too long',
        EMFILE: 'too many open files'
    };
    if (code) return `${code}: ${text[code] ?? 'cannot be read'}`;
    return error instanceof Error ? error.message : String(error);
}
