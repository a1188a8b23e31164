import {
    type AstNode,
    type AstNodeDescription,
    AstUtils,
    CstUtils,
    DefaultAstNodeDescriptionProvider,
    type DocumentSegment,
    type LangiumDocument
} from 'langium';

/**
 * Langium's descriptions of declarations (the index's exported symbols and the scopes' members), with both segments
 * computed when first read. Langium computes the selection segment (two line/column positions) of every declaration
 * it indexes at once, and nothing here reads it: every exported symbol of the workspace paid for it at start-up and
 * on each re-index.
 */
export class IomAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const path = this.astNodeLocator.getAstNodePath(node);
        const declared = name ?? this.nameProvider.getName(node);
        if (!declared) throw new Error(`Node at path ${path} has no name.`);
        const nameProvider = this.nameProvider;
        let nameSegment: DocumentSegment | undefined;
        let selectionSegment: DocumentSegment | undefined;
        return {
            node,
            name: declared,
            get nameSegment() {
                return (nameSegment ??= CstUtils.toDocumentSegment(nameProvider.getNameNode(node) ?? node.$cstNode));
            },
            get selectionSegment() {
                return (selectionSegment ??= CstUtils.toDocumentSegment(node.$cstNode));
            },
            type: node.$type,
            documentUri: (document ?? AstUtils.getDocument(node)).uri,
            path
        };
    }
}
