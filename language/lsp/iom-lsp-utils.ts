/**
 * Facts about a workspace that the editor features share: which events a step may take as input, which steps raise
 * and consume an event, which operators suit a field, and how declarations are described in details and hovers.
 */
import { type AstNode, AstUtils, type AstNodeDescription } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { BUILTIN_SCHEME } from '../catalog/catalog.js';
import { type Field, isBusinessEvent, isJourney } from '../generated/ast.js';
import { kindOf } from '../validation/kinds.js';

/** Whether a node belongs to the built-in catalog library. */
export function isBuiltin(node: AstNode): boolean {
    return AstUtils.getDocument(node).uri.scheme === BUILTIN_SCHEME;
}

/** The node a description stands for, loading it through the document when the description does not hold it. */
export function nodeOf(services: LangiumServices, description: AstNodeDescription): AstNode | undefined {
    if (description.node) return description.node;
    const document = services.shared.workspace.LangiumDocuments.getDocument(description.documentUri);
    return document ? services.workspace.AstNodeLocator.getAstNode(document.parseResult.value, description.path) : undefined;
}

/** The journey a step belongs to. */
export function journeyOf(node: AstNode): string | undefined {
    return AstUtils.getContainerOfType(node, isJourney)?.name;
}

export const ORDERING_OPERATORS = ['>', '>=', '<', '<='] as const;
export const EQUALITY_OPERATORS = ['=', '!='] as const;
export const DATA_OPERATORS = ['contains data', 'does not contain data'] as const;

/** How each operator reads in the product's Condition Builder. */
export const OPERATOR_NAMES: Record<string, string> = {
    '=': 'Equals',
    '!=': "Doesn't equal",
    '>': 'Is greater than',
    '>=': 'Is greater than or equal to',
    '<': 'Is less than',
    '<=': 'Is less than or equal to',
    'contains data': 'Contains data',
    'does not contain data': "Doesn't contain data"
};

/**
 * The operators valid for a field: ordering operators only on plain fields whose values have an order (text, number,
 * date) — not on lookups (entity-based), yes/no fields or choices, as the policy checks require.
 */
export function operatorsFor(field: Field | undefined): string[] {
    const all = [...EQUALITY_OPERATORS, ...ORDERING_OPERATORS, ...DATA_OPERATORS];
    if (!field) return all;
    if (field.fieldType === 'lookup' || field.fieldType === 'boolean' || field.fieldType === 'choice') {
        return [...EQUALITY_OPERATORS, ...DATA_OPERATORS];
    }
    return all;
}

/** A short description of a declaration: its kind, and for built-ins that it comes from the catalog. */
export function detailOf(node: AstNode): string {
    const kind = kindOf(node.$type);
    const builtin = isBuiltin(node) ? 'built-in ' : '';
    if (isBusinessEvent(node) && node.entity?.$refText) return `${builtin}${kind} on ${node.entity.$refText}`;
    return `${builtin}${kind}`;
}

/** Cleans a grammar comment (`/** … *\/`) into plain text. */
export function cleanComment(comment: string | undefined): string | undefined {
    if (!comment) return undefined;
    return comment.replace(/^\/\*\*?/, '').replace(/\*\/$/, '').split('\n').map(line => line.replace(/^\s*\*\s?/, '').trim())
        .join(' ').trim() || undefined;
}
