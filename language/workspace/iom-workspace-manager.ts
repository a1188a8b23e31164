import {
    Cancellation,
    DefaultWorkspaceManager,
    interruptAndCheck,
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

    /**
     * Reads and parses the workspace's files one after the other, giving the event loop a turn every few
     * milliseconds. Langium reads them all at once with `fs.promises.readFile`, whose open, stat, read and close per
     * file, each a promise and a thread-pool task, cost several times the CPU time of a synchronous read (1,500 files
     * of the benchmark: 0.17–0.38 s against 0.03 s), on the machine's few cores, while every parse waits for its read.
     * The language server and the CLI both load a workspace here.
     */
    protected override async loadWorkspaceDocuments(uris: Stream<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
        for (const uri of uris) {
            await interruptAndCheck(Cancellation.CancellationToken.None);
            try {
                collector(
                    this.langiumDocuments.getDocument(uri) ?? this.langiumDocuments.createDocument(uri, this.fileSystemProvider.readFileSync(uri))
                );
            } catch (error) {
                this.unreadable.push({ uri, folder: false, reason: errorReason(error) });
            }
        }
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
