import { AstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import type { DocumentLinkProvider } from 'langium/lsp';
import type { DocumentLink } from 'vscode-languageserver';
import { isConnection } from '../generated/ast.js';

/** Clickable links: the `url` of each connection (its Power Automate connection page), without the quotes. */
export class IomDocumentLinkProvider implements DocumentLinkProvider {
    getDocumentLinks(document: LangiumDocument): DocumentLink[] {
        const links: DocumentLink[] = [];
        const text = document.textDocument;
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            if (!isConnection(node) || !node.url || !/^https?:\/\//i.test(node.url) || !node.$cstNode) continue;
            const cst = GrammarUtils.findNodeForProperty(node.$cstNode, 'url');
            if (!cst) continue;
            links.push({
                range: { start: text.positionAt(cst.offset + 1), end: text.positionAt(cst.end - 1) },
                target: node.url,
                tooltip: 'Open the connection in Power Automate'
            });
        }
        return links;
    }
}
