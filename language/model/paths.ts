/**
 * Paths without `node:path`: the workspace folder of a document, workspace-relative file names, and the few POSIX path
 * operations the language needs on names written in the source. The language works on URIs (Langium's
 * FileSystemProvider reads them), so it runs in any host; the Node host (host/) is the only place that touches
 * the file system's own paths.
 */
import { type LangiumDocument, type LangiumDocuments, URI, UriUtils } from 'langium';
import { isBuiltinDocument } from './builtin.js';

/**
 * A file-system path as a URI path: `/` separators, no trailing `/`, a Windows drive letter lower-cased behind a
 * leading `/` (so `C:\work\lab` and `/c:/work/lab` compare equal with the paths of document URIs).
 */
export function toUriPath(fsPath: string): string {
    const normalised = fsPath.replace(/\\/g, '/').replace(/\/+$/, '');
    return normalised.replace(/^([a-zA-Z]):/, (_match, drive: string) => `/${drive.toLowerCase()}:`);
}

/**
 * The workspace-relative file name of a document (`/` separators), as the compiler writes it in `source.file`; a
 * document outside the folder keeps its `../` steps. `root` is a file-system path or a URI path (see {@link toUriPath}).
 */
export function relativeFile(root: string, document: LangiumDocument): string {
    return relativePath(toUriPath(root), document.uri.path) || document.uri.path;
}

/** The relative path from one URI path to another, `/`-separated (`''` for the same path). */
export function relativePath(from: string, to: string): string {
    return UriUtils.relative(URI.from({ scheme: 'file', path: from }), URI.from({ scheme: 'file', path: to }));
}

/** True when `uri` is inside the folder `folder` (not the folder itself). */
export function isInside(folder: URI, uri: URI): boolean {
    return uri.path !== folder.path && UriUtils.contains(folder, uri);
}

/** The workspace folder holding a document: the longest of `folders` (URIs, as the client sends them) that contains it. */
export function workspaceFolderOf(folders: ReadonlyArray<{ uri: string }> | undefined, uri: URI): URI | undefined {
    let best: URI | undefined;
    for (const folder of folders ?? []) {
        const folderUri = URI.parse(folder.uri);
        if (UriUtils.contains(folderUri, uri) && (!best || folderUri.path.length > best.path.length)) best = folderUri;
    }
    return best;
}

/** A path written in the source with `\` or `/`, normalised as POSIX `path.normalize` does (`a/./b/../c` → `a/c`). */
export function normalizePath(file: string): string {
    const text = file.replace(/\\/g, '/');
    if (text === '') return '.';
    const absolute = text.startsWith('/');
    const parts: string[] = [];
    for (const part of text.split('/')) {
        if (part === '' || part === '.') continue;
        if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
        else if (part !== '..' || !absolute) parts.push(part);
    }
    const joined = (absolute ? '/' : '') + parts.join('/');
    const trailing = text.endsWith('/') && parts.length > 0 ? '/' : '';
    return (joined || (absolute ? '/' : '.')) + trailing;
}

/** The extension of a file name, with its dot (`logo.PNG` → `.PNG`; `''` without one), as POSIX `path.extname`. */
export function extname(file: string): string {
    const base = file.slice(file.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    return dot <= 0 ? '' : base.slice(dot);
}

/** A file named relative to a folder URI (`\` or `/` separators), as a URI of the same scheme. */
export function joinFile(folder: URI, file: string): URI {
    return UriUtils.joinPath(folder, file.replace(/\\/g, '/'));
}

/** The workspace's own documents (not the built-in library) inside a folder. */
export function documentsInside(documents: LangiumDocuments, folder: URI): LangiumDocument[] {
    return documents.all.filter(document => !isBuiltinDocument(document) && isInside(folder, document.uri)).toArray();
}
