import { type AstNode, AstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import type { DocumentSymbol } from 'vscode-languageserver';
import {
    isActionType,
    isBranch,
    isBusinessEvent,
    isConditionElement,
    isConditionPath,
    isConnection,
    isJourney,
    isPolicy,
    isProviderInstance,
    isRule,
    isSplitter,
    isStep,
    isTile
} from '../generated/ast.js';
import { isBuiltinNode } from '../model/builtin.js';

/**
 * The outline: declarations with their members, and journeys as journey → steps, conditions → Yes/No paths → steps,
 * splitters → branches → steps. Condition paths have no name, so they are given their `yes`/`no` keyword as one.
 * Each symbol's detail says what it is in IOM's terms: a step its tile (and its own action type, when it sets one),
 * a policy its type, a provider its definition, a connection its connector, a journey its orchestration type.
 * The tree is built without recursion (Langium's provider recurses per level), so files nested thousands of levels
 * deep get their outline too.
 */
export class IomDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    override getSymbols(document: LangiumDocument): DocumentSymbol[] {
        const result: DocumentSymbol[] = [];
        const stack: Array<{ node: AstNode; into: DocumentSymbol[] }> = [{ node: document.parseResult.value, into: result }];
        const withChildren: DocumentSymbol[] = [];
        while (stack.length > 0) {
            const { node, into } = stack.pop()!;
            const symbol = this.ownSymbol(document, node);
            let target = into;
            if (symbol) {
                into.push(symbol);
                target = symbol.children = [];
                withChildren.push(symbol);
            }
            const children = AstUtils.streamContents(node).toArray();
            for (const child of children.reverse()) stack.push({ node: child, into: target });
        }
        for (const symbol of withChildren) if (symbol.children!.length === 0) symbol.children = undefined;
        return result;
    }

    /** The node's own symbol, without its children; none for nodes without a name (their children go up a level). */
    protected ownSymbol(document: LangiumDocument, node: AstNode): DocumentSymbol | undefined {
        const cst = node.$cstNode;
        if (!cst) return undefined;
        if (isConditionPath(node)) {
            const keyword = GrammarUtils.findNodeForProperty(cst, 'kind') ?? cst;
            return this.symbol(node, cst.range, keyword.range, node.kind);
        }
        const nameNode = this.nameProvider.getNameNode(node);
        if (!nameNode) return undefined;
        return this.symbol(node, cst.range, nameNode.range, this.nameProvider.getName(node) || nameNode.text);
    }

    private symbol(node: AstNode, range: DocumentSymbol['range'], selectionRange: DocumentSymbol['range'], name: string): DocumentSymbol {
        const detail = symbolDetail(node);
        return { kind: this.nodeKindProvider.getSymbolKind(node), name, range, selectionRange, ...(detail ? { detail } : {}) };
    }
}

/** The outline detail of a declaration, or undefined. */
export function symbolDetail(node: AstNode): string | undefined {
    if (isStep(node)) {
        const tile = node.tile?.$refText ? `tile ${node.tile.$refText}` : 'step';
        return node.actionType?.$refText ? `${tile} · action type ${node.actionType.$refText}` : tile;
    }
    if (isConditionElement(node)) return node.merge ? 'condition merge' : 'condition';
    if (isConditionPath(node)) return node.kind === 'yes' ? 'when the previous step succeeded' : 'when the previous step failed';
    if (isSplitter(node)) return node.merge ? 'splitter merge' : 'splitter';
    if (isBranch(node)) return 'branch';
    if (isJourney(node)) return node.orchestrationType ? `journey · ${node.orchestrationType}` : 'journey';
    if (isPolicy(node)) return `${node.policyType ? `${node.policyType} ` : ''}policy${node.entity?.$refText ? ` on ${node.entity.$refText}` : ''}`;
    if (isRule(node)) return 'rule';
    if (isProviderInstance(node)) return node.definition?.$refText ? `provider from ${node.definition.$refText}` : 'provider';
    if (isConnection(node)) return node.connector?.$refText ? `connection · ${node.connector.$refText}` : 'connection';
    if (isBusinessEvent(node)) return `${isBuiltinNode(node) ? 'built-in ' : ''}event${node.entity?.$refText ? ` on ${node.entity.$refText}` : ''}`;
    if (isActionType(node)) return 'action type';
    if (isTile(node)) return node.actionType?.$refText ? `tile · action type ${node.actionType.$refText}` : 'tile';
    return undefined;
}
