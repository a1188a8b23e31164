/**
 * Facts about a workspace that the editor features share: which events a step may take as input, which steps raise
 * and consume an event, which operators suit a field, and how declarations are described in details and hovers.
 */
import { type AstNode, AstUtils, type AstNodeDescription } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { isBuiltinNode } from '../model/builtin.js';
import { isBusinessEvent, isJourney } from '../generated/ast.js';
import { kindOf } from '../model/kinds.js';

/** The node a description stands for, loading it through the document when the description does not hold it. */
export function nodeOf(services: LangiumServices, description: AstNodeDescription): AstNode | undefined {
    if (description.node) return description.node;
    const document = services.shared.workspace.LangiumDocuments.getDocument(description.documentUri);
    return document ? services.workspace.AstNodeLocator.getAstNode(document.parseResult.value, description.path) : undefined;
}

/** The declarations of a type in the workspace's index, each once (aliases are descriptions of the same node). */
export function elementsOf<T extends AstNode>(services: LangiumServices, type: string, guard: (node: unknown) => node is T): T[] {
    const nodes = new Set<T>();
    for (const description of services.shared.workspace.IndexManager.allElements(type)) {
        const node = nodeOf(services, description);
        if (guard(node)) nodes.add(node);
    }
    return [...nodes];
}

/** The journey a step belongs to. */
export function journeyOf(node: AstNode): string | undefined {
    return AstUtils.getContainerOfType(node, isJourney)?.name;
}

/** A short description of a declaration: its kind, and for built-ins that it comes from the catalog. */
export function detailOf(node: AstNode): string {
    const kind = kindOf(node.$type);
    const builtin = isBuiltinNode(node) ? 'built-in ' : '';
    if (isBusinessEvent(node) && node.entity?.$refText) return `${builtin}${kind} on ${node.entity.$refText}`;
    return `${builtin}${kind}`;
}

/** Cleans a grammar comment (`/** … *\/`) into plain text. */
export function cleanComment(comment: string | undefined): string | undefined {
    if (!comment) return undefined;
    return (
        comment
            .replace(/^\/\*\*?/, '')
            .replace(/\*\/$/, '')
            .split('\n')
            .map(line => line.replace(/^\s*\*\s?/, '').trim())
            .join(' ')
            .trim() || undefined
    );
}
