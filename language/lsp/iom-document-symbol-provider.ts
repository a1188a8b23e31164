import { type AstNode, GrammarUtils, type LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import type { DocumentSymbol } from 'vscode-languageserver';
import { isConditionPath } from '../generated/ast.js';

/**
 * The outline: declarations with their members, and journeys as journey → steps, conditions → Yes/No paths → steps,
 * splitters → branches → steps. Condition paths have no name, so they are given their `yes`/`no` keyword as one.
 */
export class IomDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    protected override getSymbol(document: LangiumDocument, astNode: AstNode): DocumentSymbol[] {
        if (isConditionPath(astNode) && astNode.$cstNode) {
            const keyword = GrammarUtils.findNodeForProperty(astNode.$cstNode, 'kind') ?? astNode.$cstNode;
            return [this.createSymbol(document, astNode, astNode.$cstNode, keyword, astNode.kind)];
        }
        return super.getSymbol(document, astNode);
    }
}
