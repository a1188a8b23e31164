import { type AstNode, GrammarUtils, type LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import type { DocumentSymbol } from 'vscode-languageserver';
import type { CstNode } from 'langium';
import {
    isActionType, isBranch, isBusinessEvent, isConditionElement, isConditionPath, isConnection, isJourney, isPolicy, isProviderInstance,
    isRule, isSplitter, isStep, isTile
} from '../generated/ast.js';
import { isBuiltin } from './iom-lsp-utils.js';

/**
 * The outline: declarations with their members, and journeys as journey → steps, conditions → Yes/No paths → steps,
 * splitters → branches → steps. Condition paths have no name, so they are given their `yes`/`no` keyword as one.
 * Each symbol's detail says what it is in IOM's terms: a step its tile (and its own action type, when it sets one),
 * a policy its type, a provider its definition, a connection its connector, a journey its orchestration type.
 */
export class IomDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    protected override getSymbol(document: LangiumDocument, astNode: AstNode): DocumentSymbol[] {
        if (isConditionPath(astNode) && astNode.$cstNode) {
            const keyword = GrammarUtils.findNodeForProperty(astNode.$cstNode, 'kind') ?? astNode.$cstNode;
            return [this.createSymbol(document, astNode, astNode.$cstNode, keyword, astNode.kind)];
        }
        return super.getSymbol(document, astNode);
    }

    protected override createSymbol(document: LangiumDocument, astNode: AstNode, cstNode: CstNode, nameNode: CstNode, computedName?: string): DocumentSymbol {
        const symbol = super.createSymbol(document, astNode, cstNode, nameNode, computedName);
        const detail = symbolDetail(astNode);
        return detail ? { ...symbol, detail } : symbol;
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
    if (isBusinessEvent(node)) return `${isBuiltin(node) ? 'built-in ' : ''}event${node.entity?.$refText ? ` on ${node.entity.$refText}` : ''}`;
    if (isActionType(node)) return 'action type';
    if (isTile(node)) return node.actionType?.$refText ? `tile · action type ${node.actionType.$refText}` : 'tile';
    return undefined;
}
