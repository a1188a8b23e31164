import { Cancellation, DefaultWorkspaceManager, interruptAndCheck, type LangiumDocument, type LangiumDocumentFactory, URI } from 'langium';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { BUILTIN_SCHEME, renderCatalog } from '../catalog/catalog.js';
import type { IomSharedServices } from '../iom-module.js';
import type { StartFile } from './start-snapshot.js';

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

    constructor(private readonly shared: IomSharedServices) {
        super(shared);
        this.documentFactory = shared.workspace.LangiumDocumentFactory;
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
     * Langium's start-up, with every file read before anything is parsed: the start snapshot (start-snapshot.ts) is
     * compared with their texts and, when it matches, every file's diagnostics are published before the built-in
     * library and the files are parsed. Then the documents are created (parsed) one after the other, giving the event
     * loop a turn every few milliseconds.
     */
    protected override async performStartup(folders: WorkspaceFolder[]): Promise<LangiumDocument[]> {
        const uris: URI[] = [];
        await Promise.all(folders.map(folder => this.traverseFolder(this.getRootFolder(folder), uris)));
        const seen = new Set<string>();
        const files: StartFile[] = [];
        for (const uri of uris) {
            const key = uri.toString();
            if (seen.has(key) || this.langiumDocuments.hasDocument(uri)) continue;
            seen.add(key);
            const text = this.readFile(uri);
            if (text !== undefined) files.push({ uri, text });
        }
        const snapshot = this.shared.workspace.StartSnapshot;
        if (snapshot.enabled && this.unreadable.length === 0) {
            // A file the editor has open is validated with the editor's text.
            const open = this.shared.workspace.TextDocuments;
            await snapshot.restore(
                folders,
                files.map(file => ({ uri: file.uri, text: open?.get(file.uri)?.getText() ?? file.text }))
            );
        }
        const documents: LangiumDocument[] = [];
        const collector = (document: LangiumDocument) => {
            documents.push(document);
            if (!this.langiumDocuments.hasDocument(document.uri)) this.langiumDocuments.addDocument(document);
        };
        await this.loadAdditionalDocuments(folders, collector);
        for (const { uri, text } of files) {
            await interruptAndCheck(Cancellation.CancellationToken.None);
            collector(this.langiumDocuments.getDocument(uri) ?? this.langiumDocuments.createDocument(uri, text));
        }
        this._ready.resolve();
        return documents;
    }

    /**
     * A file's text, read synchronously: Langium reads them all at once with `fs.promises.readFile`, whose open,
     * stat, read and close per file, each a promise and a thread-pool task, cost several times the CPU time of a
     * synchronous read (1,500 files of the benchmark: 0.17–0.38 s against 0.03 s) on the machine's few cores. A file
     * that cannot be read is listed in `unreadable`.
     */
    private readFile(uri: URI): string | undefined {
        try {
            return this.fileSystemProvider.readFileSync(uri);
        } catch (error) {
            this.unreadable.push({ uri, folder: false, reason: errorReason(error) });
            return undefined;
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
