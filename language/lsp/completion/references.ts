/**
 * References: the candidates of a reference, filtered by kind and validity (filter policies after `filter policies`,
 * execution policies after `execution policies`, the chosen provider's actions after `provider X action`, no alias
 * and nothing the list already holds) and, for `input events`, the events allowed for the step's action type first;
 * their items (details, sort groups, names that are not identifiers quoted), and the cut of long lists with their
 * documentation left to `completionItem/resolve`. Performance-sensitive: a reference may have thousands of candidates.
 */
import { type AstNode, type AstNodeDescription, type ReferenceInfo, type Stream, stream } from 'langium';
import type { CompletionContext, CompletionValueItem, FuzzyMatcher, NodeKindProvider } from 'langium/lsp';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver';
import { formatName } from '../../catalog/catalog.js';
import {
    type ActionType,
    BusinessEvent,
    isBusinessEvent,
    isField,
    isLogicDefinition,
    isPolicy,
    isProviderInstance,
    isRelation,
    isStep,
    Policy,
    type ProviderInstance
} from '../../generated/ast.js';
import type { IomServices } from '../../iom-module.js';
import { effectiveActionType } from '../../model/journeys.js';
import { kindOf } from '../../model/kinds.js';
import { ownerEntity } from '../../scoping/entity-members.js';
import { describeNode } from '../iom-descriptions.js';
import { detailOf, elementsOf, nodeOf } from '../iom-lsp-utils.js';
import { lineBeforeToken, matchesText, SORT, typedQuote, typedText } from './typed-text.js';

/**
 * The most items a completion list returns. A reference with thousands of candidates (every event of a large estate)
 * would otherwise send megabytes per keystroke: the list is cut to the best items by sort text (allowed inputs
 * first, then by name) and, as every list, marked incomplete, so the editor asks again as the user types and the
 * typed prefix filters the candidates on the server.
 */
export const MAX_COMPLETION_ITEMS = 200;
/** Lists up to this size carry each reference's documentation; longer lists leave it to `completionItem/resolve`. */
export const INLINE_DOCUMENTATION_ITEMS = 100;

/**
 * What a reference item keeps for its documentation: its declaration's type and name (found again in the index on
 * resolve, wherever the declaration has moved meanwhile; members that are not in the index resolve to no
 * documentation, and their lists are short: a typed prefix narrows any list to inline documentation).
 */
interface ReferenceItemData {
    iomDeclaration: { type: string; name: string };
}

function isReferenceItemData(data: unknown): data is ReferenceItemData {
    const declaration = (data as Partial<ReferenceItemData> | undefined)?.iomDeclaration;
    return typeof declaration?.type === 'string' && typeof declaration.name === 'string';
}

/** The reference completion of one language-service instance. */
export class ReferenceCompletion {
    /** The declaration of each reference item's data, for the documentation of short lists. */
    private readonly declarations = new WeakMap<ReferenceItemData, AstNode>();
    private readonly fuzzyMatcher: FuzzyMatcher;
    private readonly nodeKindProvider: NodeKindProvider;

    constructor(private readonly services: IomServices) {
        this.fuzzyMatcher = services.shared.lsp.FuzzyMatcher;
        this.nodeKindProvider = services.shared.lsp.NodeKindProvider;
    }

    /** A completion list's items, cut to the best {@link MAX_COMPLETION_ITEMS}, short lists with their documentation. */
    shortened(all: CompletionItem[]): CompletionItem[] {
        let items = all;
        if (items.length > MAX_COMPLETION_ITEMS) {
            const key = (item: CompletionItem) => item.sortText ?? item.label;
            items = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).slice(0, MAX_COMPLETION_ITEMS);
        }
        if (items.length <= INLINE_DOCUMENTATION_ITEMS) {
            for (const item of items) {
                if (item.documentation === undefined && isReferenceItemData(item.data)) {
                    item.documentation = this.referenceDocumentation(item.data, this.declarations.get(item.data));
                    item.data = undefined;
                }
            }
        }
        return items;
    }

    /** `completionItem/resolve`: the documentation of a reference item of a long list. */
    resolve(item: CompletionItem): CompletionItem {
        if (item.documentation === undefined && isReferenceItemData(item.data)) {
            return { ...item, documentation: this.referenceDocumentation(item.data) };
        }
        return item;
    }

    private itemData(description: AstNodeDescription, node: AstNode): ReferenceItemData {
        const data = { iomDeclaration: { type: description.type, name: description.name } };
        this.declarations.set(data, node);
        return data;
    }

    private referenceDocumentation({ iomDeclaration }: ReferenceItemData, known?: AstNode): MarkupContent | undefined {
        const description = known
            ? undefined
            : this.services.shared.workspace.IndexManager.allElements(iomDeclaration.type).find(candidate => candidate.name === iomDeclaration.name);
        const node = known ?? (description ? nodeOf(this.services, description) : undefined);
        return node ? { kind: 'markdown', value: describeNode(this.services, node, { workspaceFacts: false }) } : undefined;
    }

    /**
     * The candidates to propose of a reference, given its scope's candidates; when there are more than
     * {@link MAX_COMPLETION_ITEMS}, only those the typed text matches and, of those, the best by the items' sort
     * order, so that a reference with thousands of candidates costs items for no more than that many. The candidates
     * are checked (aliases, kinds, what the list already holds) in that order until enough are found, so their
     * declarations are looked up for those only.
     */
    candidates(scope: AstNodeDescription[], refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const { candidates, accept } = this.candidatesOf(scope, refInfo, context);
        if (candidates.length <= MAX_COMPLETION_ITEMS) return stream(candidates.filter(accept));
        const typed = typedText(context);
        const matching = typed
            ? candidates.filter(description => matchesText(this.fuzzyMatcher, typed, description.name, formatName(description.name)))
            : candidates;
        const actionType = isStep(refInfo.container) && refInfo.property === 'inputEvents' ? effectiveActionType(refInfo.container) : undefined;
        const allowed = actionType ? new Set([...this.allowedEvents(actionType)].map(event => event.name)) : undefined;
        const keyed = matching.map(description => [`${this.referenceSortGroup(description, allowed)}${description.name}`, description] as const);
        keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        const result: AstNodeDescription[] = [];
        for (const [, description] of keyed) {
            if (!accept(description)) continue;
            result.push(description);
            if (result.length === MAX_COMPLETION_ITEMS) break;
        }
        return stream(result);
    }

    /**
     * The sort group of a reference item, as {@link item} gives it: allowed input events (of the step's action type,
     * by name: `allowed`) first, unpublished policies after the others.
     */
    private referenceSortGroup(description: AstNodeDescription, allowed: Set<string> | undefined): string {
        if (allowed?.has(description.name) && description.type === BusinessEvent.$type) return SORT.preferred;
        if (description.type !== Policy.$type) return SORT.reference;
        const node = nodeOf(this.services, description);
        return isPolicy(node) && !node.published ? SORT.keyword : SORT.reference;
    }

    /** The scope's candidates of a reference (taken once: scopes may stream over one-shot iterators), and which of them to propose. */
    private candidatesOf(
        scope: AstNodeDescription[],
        refInfo: ReferenceInfo,
        context: CompletionContext
    ): { candidates: AstNodeDescription[]; accept: (description: AstNodeDescription) => boolean } {
        const { container, property } = refInfo;
        let candidates = scope;
        if (isStep(container) && property === 'providerAction' && candidates.length === 0) {
            candidates = this.providerActionsByText(context).toArray();
        }
        // One item per declaration: aliases resolve too, but are not proposed. Items a list already holds
        // (`input events A, <|>`) are not proposed again.
        const listed = alreadyListed(refInfo, context);
        const kind: (node: AstNode | undefined) => boolean =
            isStep(container) && (property === 'filterPolicies' || property === 'executionPolicies')
                ? node => isPolicy(node) && node.policyType === (property === 'filterPolicies' ? 'filter' : 'execution')
                : isStep(container) && property === 'providerAction'
                  ? node => isLogicDefinition(node) && (node.logicType === undefined || node.logicType === 'provider action')
                  : () => true;
        const accept = (description: AstNodeDescription): boolean => {
            const node = nodeOf(this.services, description);
            if (node && (this.services.references.NameProvider.getName(node) !== description.name || listed.has(node))) return false;
            return kind(node);
        };
        return { candidates, accept };
    }

    /** After `provider X action` in a step the parser could not finish: the actions of provider X, found by name. */
    private providerActionsByText(context: CompletionContext): Stream<AstNodeDescription> {
        const line = lineBeforeToken(context);
        const match = /provider\s+("(?:\\.|[^"\\])*"|\w+)\s+action\s*$/.exec(line);
        const written = match?.[1];
        const name = written?.startsWith('"') ? (JSON.parse(written) as string) : written;
        const instance = elementsOf(this.services, 'ProviderInstance', isProviderInstance).find(p => p.name === name) as ProviderInstance | undefined;
        const definition = instance?.definition?.ref;
        const descriptions = this.services.workspace.AstNodeDescriptionProvider;
        return stream((definition?.logicDefinitions ?? []).map(logic => descriptions.createDescription(logic, logic.name)));
    }

    /** The completion item of a reference candidate: its detail, sort group, quoted insert text and documentation data. */
    item(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const node = nodeOf(this.services, description);
        const insertText = formatName(description.name);
        let detail = node ? detailOf(node) : kindOf(description.type);
        let sortText: string = SORT.reference;
        if (isPolicy(node)) {
            detail = `${node.policyType ?? ''} policy on ${node.entity?.$refText ?? '?'}${node.published ? '' : ' (not published)'}`.trim();
            if (!node.published) sortText = SORT.keyword;
        }
        if (isField(node)) detail = `${node.fieldType} field of ${ownerEntity(node)?.name ?? '?'}`;
        if (isRelation(node)) detail = `relation: ${node.cardinality} ${node.target?.$refText ?? '?'}`;
        if (isStep(refInfo.container) && refInfo.property === 'inputEvents' && isBusinessEvent(node)) {
            const actionType = effectiveActionType(refInfo.container);
            if (actionType && this.allowedEvents(actionType).has(node)) {
                detail = `${detail} · allowed input of ${actionType.name}`;
                sortText = SORT.preferred;
            } else if (actionType) {
                detail = `${detail} · not an allowed input of ${actionType.name}`;
            }
        }
        return {
            nodeDescription: description,
            label: description.name,
            kind: this.nodeKindProvider.getCompletionItemKind(node ?? description),
            detail,
            // Written once the list is cut (inline for short lists, else on completionItem/resolve).
            data: node ? this.itemData(description, node) : undefined,
            insertText,
            filterText: typedQuote(context) ? insertText : description.name,
            sortText: `${sortText}${description.name}`
        };
    }

    /** The allowed input events of an action type (a cached workspace fact). */
    private allowedEvents(actionType: ActionType): Set<BusinessEvent> {
        return this.services.shared.workspace.FactsProvider.allowedInputEvents(actionType);
    }
}

/** The targets of the other references in the same list as the reference being completed. */
function alreadyListed(refInfo: ReferenceInfo, context: CompletionContext): Set<AstNode> {
    const value = (refInfo.container as unknown as Record<string, unknown>)[refInfo.property];
    const listed = new Set<AstNode>();
    if (!Array.isArray(value)) return listed;
    for (const reference of value as Array<{ ref?: AstNode; $refNode?: { offset: number; end: number } }>) {
        const refNode = reference?.$refNode;
        const atCursor = refNode && refNode.offset <= context.offset && context.offset <= refNode.end;
        if (reference?.ref && !atCursor) listed.add(reference.ref);
    }
    return listed;
}
