/** The built-in library: the catalogs rendered as read-only `.iom` documents under their own URI scheme. */
import { type AstNode, AstUtils, type LangiumDocument, type URI } from 'langium';

/** The URI scheme of the built-in library's documents. */
export const BUILTIN_SCHEME = 'iom-builtin';

/** Whether a document (or URI) is one of the built-in library's. */
export function isBuiltinDocument(document: LangiumDocument | URI): boolean {
    const uri = 'uri' in document ? document.uri : document;
    return uri.scheme === BUILTIN_SCHEME;
}

/** Whether a node is declared by the built-in library. */
export function isBuiltinNode(node: AstNode): boolean {
    return isBuiltinDocument(AstUtils.getDocument(node));
}
