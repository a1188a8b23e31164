/**
 * References: the candidates of a reference, filtered by kind and validity (filter policies after `filter policies`,
 * execution policies after `execution policies`, the chosen provider's actions after `provider X action`, no alias
 * and nothing the list already holds) and, for `input events`, the events allowed for the step's action type first;
 * their items (details, sort groups, names that are not identifiers quoted), and the cut of long lists with their
 * documentation left to `completionItem/resolve`. Performance-sensitive: a reference may have thousands of candidates.
 */
import { type AstNode, type AstNodeDescription, type ReferenceInfo, type Scope, type Stream, stream } from 'langium';
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
import { lineBeforeToken, matchesText, SORT, typedQuote, typedText, withoutQuote } from './typed-text.js';

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

/** A scope's candidates: as the scope gives them, and sorted by name with the text each inserts. */
interface SortedCandidates {
    scope: Scope;
    /** The index's exports version of the candidates' type when they were taken (-1 for a scope that is not kept). */
    version: number;
    all: AstNodeDescription[];
    byName: AstNodeDescription[];
    inserts: string[];
    /** The last typed text matched against them, and the positions in `byName` it matches. */
    lastMatch?: { typed: string; positions: Uint32Array };
}

function isReferenceItemData(data: unknown): data is ReferenceItemData {
    const declaration = (data as Partial<ReferenceItemData> | undefined)?.iomDeclaration;
    return typeof declaration?.type === 'string' && typeof declaration.name === 'string';
}

/** The reference completion of one language-service instance. */
export class ReferenceCompletion {
    /** The declaration of each reference item's data, for the documentation of short lists. */
    private readonly declarations = new WeakMap<ReferenceItemData, AstNode>();
    /** The sorted candidates of each reference type's workspace-wide scope (see {@link sortedCandidates}). */
    private readonly sortedByType = new Map<string, SortedCandidates>();
    /** The reference whose items are being made, and its step's action type. */
    private lastInput?: { refInfo: ReferenceInfo; actionType: ActionType | undefined; allowed: Set<BusinessEvent> | undefined };
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
     * The candidates to propose of a reference, given its scope; when there are more than
     * {@link MAX_COMPLETION_ITEMS}, only those the typed text matches and, of those, the best by the items' sort
     * order, so that a reference with thousands of candidates costs items for no more than that many. The candidates
     * are checked (aliases, kinds, what the list already holds) in that order until enough are found, so their
     * declarations are looked up for those only.
     */
    candidates(scope: Scope, refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        let sorted = this.sortedCandidates(scope, refInfo);
        const { candidates, accept } = this.candidatesOf(sorted.all, refInfo, context);
        if (candidates.length <= MAX_COMPLETION_ITEMS) return stream(candidates.filter(accept));
        if (candidates !== sorted.all) sorted = sortedByName(scope, -1, candidates);
        const matching = this.matching(sorted, typedText(context));
        const actionType = isStep(refInfo.container) && refInfo.property === 'inputEvents' ? effectiveActionType(refInfo.container) : undefined;
        const allowed = actionType ? new Set([...this.allowedEvents(actionType)].map(event => event.name)) : undefined;
        // The items' order: by sort group, then by name (then in the scope's order), as their sort texts give it.
        const result: AstNodeDescription[] = [];
        // The allowed input events first: looked up by name (a few), not by a pass over every candidate.
        if (allowed && allowed.size > 0) {
            const positions = [...allowed].flatMap(name => positionsOf(sorted.byName, name)).sort((a, b) => a - b);
            for (const position of positions) {
                const description = sorted.byName[position]!;
                if (description.type !== BusinessEvent.$type || (matching && !includes(matching, position)) || !accept(description)) continue;
                result.push(description);
                if (result.length === MAX_COMPLETION_ITEMS) return stream(result);
            }
        }
        // Then the others (only a policy reference can have unpublished policies, after the others).
        const policies = this.services.shared.AstReflection.isSubtype(Policy.$type, this.services.shared.AstReflection.getReferenceType(refInfo));
        const count = matching ? matching.length : sorted.byName.length;
        for (const group of policies ? [SORT.reference, SORT.keyword] : [SORT.reference]) {
            for (let at = 0; at < count; at++) {
                const description = sorted.byName[matching ? matching[at]! : at]!;
                if (this.referenceSortGroup(description, allowed) !== group || !accept(description)) continue;
                result.push(description);
                if (result.length === MAX_COMPLETION_ITEMS) return stream(result);
            }
        }
        return stream(result);
    }

    /**
     * A scope's candidates, in its order and sorted by name. Those of a workspace-wide scope are kept until the
     * declarations of their type change (the index's exports version), so that a keystroke that declares nothing of
     * the type does not sort thousands of candidates again.
     */
    private sortedCandidates(scope: Scope, refInfo: ReferenceInfo): SortedCandidates {
        const index = this.services.shared.workspace.IndexManager;
        const type = this.services.shared.AstReflection.getReferenceType(refInfo);
        const global = index.globalScope(type) === scope;
        const version = global ? index.exportsVersion(type) : -1;
        const cached = global ? this.sortedByType.get(type) : undefined;
        if (cached && cached.scope === scope && cached.version === version) return cached;
        // Scopes may stream over one-shot iterators: the candidates are taken once.
        const result = sortedByName(scope, version, scope.getAllElements().toArray());
        if (global) this.sortedByType.set(type, result);
        return result;
    }

    /**
     * The positions (in `byName`) of the candidates the typed text matches, or undefined (all) when nothing is typed. As
     * the user types, each text extends the last one and matches a subset of what it matched (the fuzzy matcher
     * matches greedily, left to right), so only the last matches are matched again.
     */
    private matching(sorted: SortedCandidates, typed: string): Uint32Array | undefined {
        if (!typed) return undefined;
        const last = sorted.lastMatch;
        if (last?.typed === typed) return last.positions;
        const from = last && typed.startsWith(last.typed) ? last.positions : undefined;
        const count = from ? from.length : sorted.byName.length;
        const positions = new Uint32Array(count);
        const bare = withoutQuote(typed);
        let found = 0;
        for (let at = 0; at < count; at++) {
            const position = from ? from[at]! : at;
            if (matchesText(this.fuzzyMatcher, typed, sorted.byName[position]!.name, sorted.inserts[position]!, bare)) positions[found++] = position;
        }
        const result = positions.slice(0, found);
        sorted.lastMatch = { typed, positions: result };
        return result;
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
            const { actionType, allowed } = this.inputOf(refInfo);
            if (actionType && allowed?.has(node)) {
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

    /** Drops what was kept for the items of the last request. */
    forgetRequest(): void {
        this.lastInput = undefined;
    }

    /** The action type of the step whose input events are completed and its allowed inputs (the same for every item of a list). */
    private inputOf(refInfo: ReferenceInfo): { actionType: ActionType | undefined; allowed: Set<BusinessEvent> | undefined } {
        if (this.lastInput?.refInfo === refInfo) return this.lastInput;
        const actionType = isStep(refInfo.container) ? effectiveActionType(refInfo.container) : undefined;
        this.lastInput = { refInfo, actionType, allowed: actionType ? this.allowedEvents(actionType) : undefined };
        return this.lastInput;
    }

    /** The allowed input events of an action type (a cached workspace fact). */
    private allowedEvents(actionType: ActionType): Set<BusinessEvent> {
        return this.services.shared.workspace.FactsProvider.allowedInputEvents(actionType);
    }
}

/** Candidates sorted by name (stable: equal names stay in the scope's order); short lists need no order. */
function sortedByName(scope: Scope, version: number, all: AstNodeDescription[]): SortedCandidates {
    if (all.length <= MAX_COMPLETION_ITEMS) return { scope, version, all, byName: all, inserts: [] };
    const byName = [...all].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { scope, version, all, byName, inserts: byName.map(description => formatName(description.name)) };
}

/** The positions of the candidates of a name in candidates sorted by name. */
function positionsOf(byName: readonly AstNodeDescription[], name: string): number[] {
    let low = 0;
    let high = byName.length;
    while (low < high) {
        const middle = (low + high) >> 1;
        if (byName[middle]!.name < name) low = middle + 1;
        else high = middle;
    }
    const positions: number[] = [];
    for (let at = low; at < byName.length && byName[at]!.name === name; at++) positions.push(at);
    return positions;
}

/** Whether ascending positions include one. */
function includes(positions: Uint32Array, position: number): boolean {
    let low = 0;
    let high = positions.length;
    while (low < high) {
        const middle = (low + high) >> 1;
        if (positions[middle]! < position) low = middle + 1;
        else high = middle;
    }
    return positions[low] === position;
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
