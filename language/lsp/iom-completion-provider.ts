import {
    type AstNode,
    type AstNodeDescription,
    AstUtils,
    type Cancellation,
    type CstNode,
    GrammarAST,
    isCompositeCstNode,
    type LangiumDocument,
    type MaybePromise,
    type ReferenceInfo,
    type RootCstNode,
    type Stream,
    stream,
    TextDocument
} from 'langium';
import {
    type CompletionAcceptor,
    type CompletionBacktrackingInformation,
    type CompletionContext,
    type CompletionProviderOptions,
    type CompletionValueItem,
    DefaultCompletionProvider,
    type NextFeature
} from 'langium/lsp';
import {
    type CompletionItem,
    CompletionItemKind,
    type CompletionList,
    type CompletionParams,
    InsertTextFormat,
    type MarkupContent,
    type Position,
    type TextEdit
} from 'vscode-languageserver';
import { catalog, findInCatalog, formatName } from '../catalog/catalog.js';
import {
    type ActionType,
    BusinessEvent,
    type Entity,
    type Field,
    isActionType,
    isBusinessEvent,
    isComparison,
    isCondition,
    isConnection,
    isJourneyElement,
    isEntity,
    isField,
    isLogicDefinition,
    isModel,
    isParameterValue,
    isPolicy,
    Policy,
    isProviderDefinition,
    isProviderInstance,
    isRelatedCondition,
    isEmailTemplate,
    isRelation,
    isSetValue,
    isStep,
    isTile,
    type ProviderInstance,
    type Tile
} from '../generated/ast.js';
import { entityInContext } from '../scoping/iom-scope-provider.js';
import { fieldsOf, ownerEntity } from '../scoping/entity-members.js';
import { kindOf } from '../model/kinds.js';
import { maxBlockDepth } from '../parser/iom-parser.js';
import { describeNode } from './iom-descriptions.js';
import { keywordDocumentation } from './iom-hover-provider.js';
import { detailOf, nodeOf } from './iom-lsp-utils.js';
import { operatorNameOf, operatorsFor } from '../model/operators.js';
import { effectiveActionType } from '../model/journeys.js';
import type { IomServices } from '../iom-module.js';

/** How many levels above the cursor completion reads the text from, in deeply nested journeys and rules. */
const DEEP_CONTEXT = 24;

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

/** Sort groups: the best references first, then other references, keywords, snippets. */
const SORT = { preferred: '0', reference: '1', value: '1', keyword: '2', snippet: '3' } as const;

/**
 * Context- and catalog-aware completion.
 *
 * - Keywords: only those the grammar allows at the cursor, each with what it introduces; operators only those valid
 *   for the field before the cursor (no ordering operators on lookup fields), `contains data` / `does not contain data`
 *   as whole phrases.
 * - References: filtered by kind and validity (filter policies after `filter policies`, execution policies after
 *   `execution policies`, the chosen provider's actions after `provider X action`, the fields and relations of the
 *   policy's entity with their types) and, for `input events`, the events allowed for the step's action type first.
 *   Names that are not identifiers are inserted quoted.
 * - Values: enum values of choice fields, `true`/`false` for yes/no fields and parameters, orchestration types, mapping
 *   groups and email templates from the catalog.
 * - Snippets scaffolding a journey, a step of each catalog tile, conditions and splitters with their branches, a
 *   provider instance of each provider definition, a policy with a rule, a rule.
 */
export class IomCompletionProvider extends DefaultCompletionProvider {
    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['"', ':', ','] };

    constructor(protected readonly services: IomServices) {
        super(services);
    }

    override async getCompletion(
        document: LangiumDocument,
        params: CompletionParams,
        cancelToken?: Cancellation.CancellationToken
    ): Promise<CompletionList | undefined> {
        const list = await super.getCompletion(document, params, cancelToken);
        if (!list) return list;
        let items = list.items;
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
        return { isIncomplete: true, items };
    }

    /** `completionItem/resolve`: the documentation of a reference item of a long list. */
    resolveCompletionItem(item: CompletionItem): CompletionItem {
        if (item.documentation === undefined && isReferenceItemData(item.data)) {
            return { ...item, documentation: this.referenceDocumentation(item.data) };
        }
        return item;
    }

    /** The declaration of each reference item's data, for the documentation of short lists. */
    private readonly declarations = new WeakMap<ReferenceItemData, AstNode>();

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

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        // In an empty document (or before the first declaration) there is no node yet: use the document's root
        // (langium#1601), so that references can still be completed.
        const ctx = context.node ? context : { ...context, node: context.document.parseResult.value };
        if (GrammarAST.isRuleCall(next.feature) && next.feature.rule.ref?.name === 'STRING') {
            return this.completionForValue(ctx, next, acceptor);
        }
        return super.completionFor(ctx, next, acceptor);
    }

    // -----------------------------------------------------------------------------------------------------------
    // Cost proportional to the enclosing top-level element, not to the document
    //
    // Langium's completion lexes the whole document to find the tokens around the cursor, and re-parses the text from
    // the start of the document up to the cursor with the completion parser, once per completion context (two or
    // three per request). Every top-level declaration is an `Element` of the entry rule `Model: elements+=Element*`,
    // so the text from the first token of a top-level element is itself a valid start for the entry rule: the
    // completion parser, started there, reaches the cursor in the same state as when started at the document's start,
    // provided the main parse found no syntax error before that element (then the element really starts at the top
    // level, and is not an artifact of error recovery). Lexing needs no such condition: an element's first token is a
    // token boundary, so the tokens of a window between two element starts are those of the whole text.

    /** The document whose contexts are being built; set only while Langium's context generator runs (synchronously). */
    private documentInProgress?: LangiumDocument;

    protected override *buildContexts(document: LangiumDocument, position: Position): IterableIterator<CompletionContext> {
        const contexts = super.buildContexts(document, position);
        for (;;) {
            this.documentInProgress = document;
            let next: IteratorResult<CompletionContext>;
            try {
                next = contexts.next();
            } finally {
                this.documentInProgress = undefined;
            }
            if (next.done) return;
            yield next.value;
        }
    }

    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const shallow = this.shallowContext(document.getText(), offset);
        if (shallow !== undefined) {
            return super.findFeaturesAt(TextDocument.create(document.uri, document.languageId, document.version, shallow), shallow.length);
        }
        const layout = this.layoutFor(document.getText());
        const start = layout ? layout.parseStart(offset) : 0;
        const before = document.getText().substring(Math.max(start, 0), offset);
        // Deeply nested text that the parse could not attach to a deep syntax tree (error recovery in a broken
        // region) has no shallow context; the completion parser would overflow the stack on it, so nothing is offered.
        if (maxBlockDepth(before) > 2 * DEEP_CONTEXT) return [];
        if (start <= 0) return super.findFeaturesAt(document, offset);
        const element = TextDocument.create(document.uri, document.languageId, document.version, before);
        return super.findFeaturesAt(element, offset - start);
    }

    protected override backtrackToAnyToken(text: string, offset: number): CompletionBacktrackingInformation {
        const layout = this.layoutFor(text);
        if (!layout) return super.backtrackToAnyToken(text, offset);
        const end = layout.nextStartAfter(offset) ?? text.length;
        // From the element around the cursor; from the one before when the cursor is in an element's first token,
        // so that the token before the cursor is found too.
        for (let index = layout.lastStartBefore(offset), tries = 0; index >= 0 && tries < 2; index--, tries++) {
            const start = layout.starts[index];
            if (start === undefined) break;
            const found = super.backtrackToAnyToken(text.substring(start, end), offset - start);
            if (found.previousTokenStart !== undefined) return shift(found, start);
        }
        return super.backtrackToAnyToken(end === text.length ? text : text.substring(0, end), offset);
    }

    /**
     * Deep in a nested journey or rule (more than DEEP_CONTEXT levels), the completion parser, which recurses per
     * level like the main parser, would overflow the stack: it is given a text with the same grammar state at the
     * cursor instead, an outer declaration's header followed by the text of the construct DEEP_CONTEXT levels up
     * (a journey element goes in a journey, a condition in a rule) up to the cursor.
     */
    private shallowContext(text: string, offset: number): string | undefined {
        const document = this.documentInProgress;
        const root = document?.parseResult.value.$cstNode;
        if (!root || document.textDocument.getText() !== text) return undefined;
        let leaf: CstNode | undefined = root;
        while (leaf && isCompositeCstNode(leaf)) {
            const content: readonly CstNode[] = leaf.content;
            let found: CstNode | undefined;
            for (const child of content) {
                if (child.offset >= offset) break;
                found = child;
            }
            leaf = found;
        }
        if (!leaf) return undefined;
        const chain: AstNode[] = [];
        for (let node: AstNode | undefined = leaf.astNode; node; node = node.$container) chain.push(node);
        if (chain.length <= 2 * DEEP_CONTEXT) return undefined;
        for (const ancestor of chain.slice(DEEP_CONTEXT)) {
            const start = ancestor.$cstNode?.offset;
            if (start === undefined || start >= offset) continue;
            if (isJourneyElement(ancestor)) return 'journey J {\n' + text.substring(start, offset);
            if (isCondition(ancestor)) return 'policy P {\nrule R {\n' + text.substring(start, offset);
        }
        return undefined;
    }

    /** The top-level layout of the document in progress, if its parse is of this very text. */
    private layoutFor(text: string): ElementLayout | undefined {
        const root = this.documentInProgress?.parseResult.value;
        if (!root) return undefined;
        let layout = layouts.get(root);
        if (!layout) {
            layout = new ElementLayout(this.documentInProgress!);
            layouts.set(root, layout);
        }
        return layout.text === text ? layout : undefined;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Keywords and snippets

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        const rule = ruleOf(keyword);
        if (rule === 'DataOperator' && !dataOperatorPhrase(keyword)) {
            // The rest of a phrase already begun (`contains` → `data`).
            return true;
        }
        if (rule === 'ComparisonOperator' || rule === 'DataOperator') {
            const operator = rule === 'DataOperator' ? dataOperatorPhrase(keyword) : keyword.value;
            return operator !== undefined && operatorsFor(this.fieldBeforeCursor(context)).includes(operator);
        }
        if (rule === 'BooleanLiteral') {
            const type = this.valueTypeAtCursor(context);
            return type === undefined || type === 'boolean';
        }
        if (keyword.value === '=' && (rule === 'ParameterValue' || rule === 'SetValue')) return true;
        return super.filterKeyword(context, keyword);
    }

    protected override completionForKeyword(
        context: CompletionContext,
        keyword: GrammarAST.Keyword,
        acceptor: CompletionAcceptor
    ): MaybePromise<void> {
        if (!this.filterKeyword(context, keyword)) return;
        const rule = ruleOf(keyword);
        const phrase = rule === 'DataOperator' ? dataOperatorPhrase(keyword) : undefined;
        const label = phrase ?? keyword.value;
        const operator = operatorNameOf(label);
        acceptor(context, {
            label,
            kind: operator ? CompletionItemKind.Operator : CompletionItemKind.Keyword,
            detail: operator ? `operator: ${operator}` : keywordDetail(keyword),
            documentation: { kind: 'markdown', value: keywordDocumentation(keyword) ?? `Keyword \`${keyword.value}\`.` },
            sortText: SORT.keyword
        });
        if (isFirstOfRule(keyword)) {
            for (const snippet of this.snippetsFor(rule, context)) acceptor(context, snippet);
        }
    }

    /** The snippets that start with a keyword that begins a declaration of the given rule. */
    protected snippetsFor(rule: string | undefined, context: CompletionContext): CompletionValueItem[] {
        const snippet = (label: string, detail: string, body: string, documentation: string): CompletionValueItem => ({
            label,
            kind: CompletionItemKind.Snippet,
            detail,
            documentation: { kind: 'markdown', value: `${documentation}\n\n\`\`\`iom\n${previewSnippet(body)}\n\`\`\`` },
            insertText: body,
            insertTextFormat: InsertTextFormat.Snippet,
            filterText: label,
            sortText: SORT.snippet
        });
        switch (rule) {
            case 'Journey':
                return [
                    snippet(
                        'journey',
                        'snippet: journey with a first step',
                        this.journeySnippet(),
                        "A journey of the catalog's orchestration type whose first step validates new orders."
                    )
                ];
            case 'Step':
                return this.tiles().map(tile =>
                    snippet(
                        `step : ${tile.name}`,
                        `snippet: ${kindOf('Step')} with tile ${tile.name}`,
                        this.stepSnippet(tile, 1),
                        `A step using the tile **${tile.name}**${tile.actionType?.ref ? ` (action type ${tile.actionType.ref.name})` : ''}.`
                    )
                );
            case 'ConditionElement':
                return [false, true].map(merge =>
                    snippet(
                        merge ? 'condition merge' : 'condition',
                        `snippet: Condition${merge ? '-Merge' : ''} with Yes and No paths`,
                        `condition ${merge ? 'merge ' : ''}"\${1:Condition}" {\n\tyes {\n\t\t$2\n\t}\n\tno {\n\t\t$3\n\t}\n}`,
                        'A Yes path when the previous step succeeded, a No path when it failed.'
                    )
                );
            case 'Splitter':
                return [false, true].map(merge =>
                    snippet(
                        merge ? 'splitter merge' : 'splitter',
                        `snippet: Splitter${merge ? '-Merge' : ''} with two branches`,
                        `splitter ${merge ? 'merge ' : ''}"\${1:Splitter}" {\n\tbranch "\${2:Branch 1}" {\n\t\t$3\n\t}\n\tbranch "\${4:Branch 2}" {\n\t\t$5\n\t}\n}`,
                        'Parallel branches, told apart by the filter policy of the first step of each branch.'
                    )
                );
            case 'ProviderInstance':
            case 'ProviderDefinition':
                return this.providerDefinitions(context).map(definition =>
                    snippet(
                        `provider from ${definition.name}`,
                        `snippet: provider instance of ${definition.name}`,
                        this.providerSnippet(definition),
                        `Adds the provider **${definition.name}** with its connection bindings and required parameters.`
                    )
                );
            case 'Policy':
                return [snippet('policy', 'snippet: policy with a rule', this.policySnippet(), 'A policy on an associated entity with one rule.')];
            case 'Test':
                return [
                    snippet(
                        'test',
                        'snippet: test with a sample order and an expectation',
                        'test "${1:Test}" {\n\tjourney ${2:"Journey"}\n\torder "${3:orders/sample.order.json}"\n\tevent "New Order"\n\texpect entered\n\t$0\n}',
                        'A test: a sample order run through the simulator, with expectations (docs/simulation.md).'
                    )
                ];
            case 'Rule':
                return [
                    snippet(
                        'rule',
                        'snippet: rule with a condition',
                        `rule "\${1:Rule}" {\n\t\${2:${this.firstFieldName(context)}} \${3|=,!=|} \${4:"value"}\n}`,
                        'A rule with one condition row.'
                    )
                ];
            default:
                return [];
        }
    }

    private tiles(): Tile[] {
        const descriptions = this.services.shared.workspace.IndexManager.allElements('Tile').toArray();
        const tiles = new Set<Tile>();
        for (const description of descriptions) {
            const node = nodeOf(this.services, description);
            if (isTile(node)) tiles.add(node);
        }
        return [...tiles];
    }

    private elementsOf<T extends AstNode>(type: string, guard: (node: unknown) => node is T): T[] {
        const nodes = new Set<T>();
        for (const description of this.services.shared.workspace.IndexManager.allElements(type)) {
            const node = nodeOf(this.services, description);
            if (guard(node)) nodes.add(node);
        }
        return [...nodes];
    }

    private providerDefinitions(_context: CompletionContext) {
        return this.elementsOf('ProviderDefinition', isProviderDefinition);
    }

    private journeySnippet(): string {
        const orchestrationType = catalog.orchestrationTypes[0]?.name ?? 'Order orchestration';
        const tile = this.tiles().find(t => t.actionType?.ref && this.allowed(t.actionType.ref).length > 0) ?? this.tiles()[0];
        const step = tile ? this.stepSnippet(tile, 3).replace(/\n/g, '\n\t') : '$3';
        return `journey "\${1:Journey}" {\n\torchestration type "\${2:${orchestrationType}}"\n\n\t${step}\n}`;
    }

    private allowed(actionType: ActionType | undefined): string[] {
        return [...this.services.shared.workspace.FactsProvider.allowedInputEvents(actionType)].map(event => event.name);
    }

    /** A step of a tile: the action type when the tile implies none, allowed input events, email template, provider. */
    private stepSnippet(tile: Tile, first: number): string {
        let n = first + 1;
        const lines: string[] = [];
        let actionType = tile.actionType?.ref;
        if (!actionType) {
            const actionTypes = this.elementsOf('ActionType', isActionType);
            actionType = actionTypes.find(a => this.allowed(a).length > 0) ?? actionTypes[0];
            const ordered = actionType ? [actionType, ...actionTypes.filter(a => a !== actionType)] : actionTypes;
            if (ordered.length)
                lines.push(
                    `action type ${choice(
                        n++,
                        ordered.map(a => formatName(a.name))
                    )}`
                );
        }
        const events = this.allowed(actionType);
        const eventNames = events.length ? events : this.elementsOf('BusinessEvent', isBusinessEvent).map(e => e.name);
        if (eventNames.length) lines.push(`input events ${choice(n++, eventNames.map(formatName))}`);
        const entry = findInCatalog(catalog.tiles, tile.name);
        if (entry?.email) {
            // The email templates in scope: the catalog's (Order Confirmation, …) and the workspace's custom ones.
            const templates = this.elementsOf('EmailTemplate', isEmailTemplate).map(t => formatName(t.name));
            lines.push(`email template ${choice(n++, templates.length ? templates : ['"Order Confirmation"'])}`);
        }
        if (entry?.requiresProvider) {
            const instance = this.elementsOf('ProviderInstance', isProviderInstance).find(
                p => p.definition?.ref && p.definition.ref.name === entry.requiresProvider
            );
            const action = instance?.definition?.ref?.logicDefinitions.find(l => l.logicType === 'provider action');
            if (instance && action) lines.push(`provider ${formatName(instance.name)} action ${formatName(action.name)}`);
        }
        lines.push(`$${n}`);
        return `step "\${${first}:${escapeSnippet(tile.name)}}" : ${formatName(tile.name)} {\n${lines.map(l => `\t${l}`).join('\n')}\n}`;
    }

    private providerSnippet(definition: {
        name: string;
        connectionReferences: Array<{ name: string }>;
        parameters: Array<{ name: string; required: boolean; dataType?: string }>;
    }): string {
        let n = 2;
        const connections = this.elementsOf('Connection', isConnection).map(c => formatName(c.name));
        const lines = definition.connectionReferences.map(
            ref => `bind ${formatName(ref.name)} to ${connections.length ? choice(n++, connections) : `\${${n++}:Connection}`}`
        );
        for (const parameter of definition.parameters.filter(p => p.required)) {
            const value =
                parameter.dataType === 'Boolean'
                    ? choice(n++, ['true', 'false'])
                    : parameter.dataType === 'Number'
                      ? `\${${n++}:0}`
                      : `"\${${n++}:value}"`;
            lines.push(`parameter ${formatName(parameter.name)} = ${value}`);
        }
        lines.push(`mapping group "${catalog.mappingGroups[0] ?? 'Default mapping group'}"`);
        lines.push('activated');
        return `provider \${1:${escapeSnippet(definition.name.replace(/\W+/g, '')) || 'Provider'}} from ${formatName(definition.name)} {\n${lines.map(l => `\t${l}`).join('\n')}\n}`;
    }

    private policySnippet(): string {
        const entities = this.elementsOf('Entity', isEntity).filter(e => findInCatalog(catalog.entities, e.name)?.associated !== false);
        const first = entities[0];
        const field = first?.fields.find(f => f.fieldType === 'text') ?? first?.fields[0];
        return (
            `policy "\${1:Policy}" {\n\ttype \${2|filter,execution|}\n\tcriticality \${3|information,critical|}\n\tentity ${first ? formatName(first.name) : '${4:Order}'}\n\n` +
            `\trule "\${5:Rule}" {\n\t\t\${6:${escapeSnippet(field ? formatName(field.name) : 'Name')}} \${7|=,!=|} "\${8:value}"\n\t}\n}`
        );
    }

    private firstFieldName(context: CompletionContext): string {
        const entity = context.node ? entityInContext(context.node) : undefined;
        const fields = entity ? fieldsOf(this.services.shared, entity) : [];
        const field = fields.find(f => f.fieldType === 'text') ?? fields[0];
        return escapeSnippet(field ? formatName(field.name) : 'Field');
    }

    // -----------------------------------------------------------------------------------------------------------
    // References

    /**
     * The candidates of a reference; when there are more than {@link MAX_COMPLETION_ITEMS}, only those the typed
     * text matches and, of those, the best by the items' sort order, so that a reference with thousands of
     * candidates costs items for no more than that many. The candidates are checked (aliases, kinds, what the list
     * already holds) in that order until enough are found, so their declarations are looked up for those only.
     */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const { candidates, accept } = this.candidates(refInfo, context);
        if (candidates.length <= MAX_COMPLETION_ITEMS) return stream(candidates.filter(accept));
        const typed = this.typedText(context);
        const matching = typed
            ? candidates.filter(description => this.matchesText(typed, description.name, formatName(description.name)))
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
     * The sort group of a reference item, as createReferenceCompletionItem gives it: allowed input events (of the
     * step's action type, by name: `allowed`) first, unpublished policies after the others.
     */
    private referenceSortGroup(description: AstNodeDescription, allowed: Set<string> | undefined): string {
        if (allowed?.has(description.name) && description.type === BusinessEvent.$type) return SORT.preferred;
        if (description.type !== Policy.$type) return SORT.reference;
        const node = nodeOf(this.services, description);
        return isPolicy(node) && !node.published ? SORT.keyword : SORT.reference;
    }

    /** The scope's candidates of a reference, and which of them to propose. */
    private candidates(
        refInfo: ReferenceInfo,
        context: CompletionContext
    ): { candidates: AstNodeDescription[]; accept: (description: AstNodeDescription) => boolean } {
        const { container, property } = refInfo;
        // Scopes may stream over one-shot iterators: take the candidates once.
        let candidates = super.getReferenceCandidates(refInfo, context).toArray();
        if (isStep(container) && property === 'providerAction' && candidates.length === 0) {
            candidates = this.providerActionsByText(context).toArray();
        }
        // One item per declaration: aliases resolve too, but are not proposed. Items a list already holds
        // (`input events A, <|>`) are not proposed again.
        const listed = this.alreadyListed(refInfo, context);
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

    /** The targets of the other references in the same list as the reference being completed. */
    private alreadyListed(refInfo: ReferenceInfo, context: CompletionContext): Set<AstNode> {
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

    /** After `provider X action` in a step the parser could not finish: the actions of provider X, found by name. */
    private providerActionsByText(context: CompletionContext): Stream<AstNodeDescription> {
        const line = context.textDocument.getText({
            start: { line: context.position.line, character: 0 },
            end: context.textDocument.positionAt(context.tokenOffset)
        });
        const match = /provider\s+("(?:\\.|[^"\\])*"|\w+)\s+action\s*$/.exec(line);
        const written = match?.[1];
        const name = written?.startsWith('"') ? (JSON.parse(written) as string) : written;
        const instance = this.elementsOf('ProviderInstance', isProviderInstance).find(p => p.name === name) as ProviderInstance | undefined;
        const definition = instance?.definition?.ref;
        const descriptions = this.services.workspace.AstNodeDescriptionProvider;
        return stream((definition?.logicDefinitions ?? []).map(logic => descriptions.createDescription(logic, logic.name)));
    }

    protected override createReferenceCompletionItem(
        description: AstNodeDescription,
        refInfo: ReferenceInfo,
        context: CompletionContext
    ): CompletionValueItem {
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
            filterText: this.typedQuote(context) ? insertText : description.name,
            sortText: `${sortText}${description.name}`
        };
    }

    /** The allowed input events of an action type (a cached workspace fact). */
    private allowedEvents(actionType: ActionType): Set<BusinessEvent> {
        return this.services.shared.workspace.FactsProvider.allowedInputEvents(actionType);
    }

    // -----------------------------------------------------------------------------------------------------------
    // Values

    protected completionForValue(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): void {
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
        const rule = ruleOf(next.feature);
        const values: Array<{ value: string; detail: string; documentation: string }> = [];
        if (rule === 'StringLiteral') {
            const field = this.fieldBeforeCursor(context);
            if (field?.fieldType === 'choice') {
                for (const value of field.values) {
                    values.push({ value, detail: `value of ${field.name}`, documentation: `A value of the choice field **${field.name}**.` });
                }
            }
        } else if (rule === 'Journey' && assignment?.feature === 'orchestrationType') {
            for (const type of catalog.orchestrationTypes) {
                values.push({ value: type.name, detail: 'orchestration type', documentation: type.description ?? 'An orchestration type.' });
            }
        } else if (rule === 'ProviderInstance' && assignment?.feature === 'mappingGroup') {
            for (const group of catalog.mappingGroups) {
                values.push({ value: group, detail: 'mapping group', documentation: "A mapping group of the provider's transformations." });
            }
        }
        for (const { value, detail, documentation } of values) {
            const insertText = JSON.stringify(value);
            acceptor(context, {
                label: insertText,
                kind: CompletionItemKind.EnumMember,
                detail,
                documentation: { kind: 'markdown', value: documentation },
                insertText,
                filterText: insertText,
                sortText: SORT.value
            });
        }
    }

    /** The field of the condition or `set` row the cursor is in, known once the field has been written. */
    protected fieldBeforeCursor(context: CompletionContext): Field | undefined {
        const node = context.node;
        if ((isComparison(node) || isSetValue(node)) && node.field?.ref) {
            const fieldEnd = node.field.$refNode?.end ?? 0;
            if (fieldEnd <= context.tokenOffset) return node.field.ref;
        }
        // The row is not parsed yet: read the field name before the cursor on this line.
        const line = context.textDocument.getText({
            start: { line: context.position.line, character: 0 },
            end: context.textDocument.positionAt(context.tokenOffset)
        });
        const match = /(?:^|[\s{])(?:set\s+)?("(?:\\.|[^"\\])*"|[_a-zA-Z]\w*)\s*(?:=|!=|>=|<=|>|<)?\s*$/.exec(line);
        const written = match?.[1];
        if (written === undefined) return undefined;
        const name = written.startsWith('"') ? (JSON.parse(written) as string) : written;
        const entity = node ? entityAt(node) : undefined;
        return entity ? fieldsOf(this.services.shared, entity).find(field => field.name === name) : undefined;
    }

    /** The type of value expected at the cursor, where it is known: a field's type, or a parameter's type. */
    protected valueTypeAtCursor(context: CompletionContext): string | undefined {
        const node = context.node;
        if (isParameterValue(node) && node.parameter?.ref) return node.parameter.ref.dataType?.toLowerCase() ?? 'text';
        return this.fieldBeforeCursor(context)?.fieldType;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Text edits

    private typedQuote(context: CompletionContext): boolean {
        const text = context.textDocument.getText();
        return text.charAt(context.tokenOffset) === '"' || text.charAt(context.tokenOffset - 1) === '"';
    }

    /** Whether the text typed before the cursor (an opening quote included) matches an item's label or inserted text. */
    private matchesTyped(context: CompletionContext, label: string, newText: string): boolean {
        const typed = this.typedText(context);
        return !typed || this.matchesText(typed, label, newText);
    }

    /** The text typed before the cursor in the token being completed, with an opening quote typed before it. */
    private typedText(context: CompletionContext): string {
        const text = context.textDocument.getText();
        let start = context.tokenOffset;
        if (text.charAt(start - 1) === '"' && text.charAt(start) !== '"') start--;
        return text.substring(start, context.offset);
    }

    private matchesText(typed: string, label: string, newText: string): boolean {
        const bare = typed.replace(/^"/, '');
        return this.fuzzyMatcher.match(typed, label) || this.fuzzyMatcher.match(bare, label) || this.fuzzyMatcher.match(typed, newText);
    }

    /**
     * Replaces from the start of the token at the cursor, including an opening quote typed before it (an unterminated
     * string is not a token), and accepts an item when the typed text matches its label or its inserted text.
     */
    protected override buildCompletionTextEdit(context: CompletionContext, label: string, newText: string): TextEdit | undefined {
        const text = context.textDocument.getText();
        let start = context.tokenOffset;
        if (text.charAt(start - 1) === '"' && text.charAt(start) !== '"') start--;
        const typed = text.substring(start, context.offset);
        if (!this.matchesTyped(context, label, newText)) return undefined;
        // A closing quote right after the cursor (typed or auto-inserted by the editor) is replaced too.
        const end = typed.startsWith('"') && text.charAt(context.offset) === '"' && newText.endsWith('"') ? context.offset + 1 : context.offset;
        return { newText, range: { start: context.textDocument.positionAt(start), end: context.textDocument.positionAt(end) } };
    }
}

/** The top-level layout of each parse: computed once per parse result, dropped with it. */
const layouts = new WeakMap<AstNode, ElementLayout>();

/** Where the top-level elements of a parsed document start, and where its first syntax error is. */
class ElementLayout {
    /** The text that was parsed. */
    readonly text: string;
    /** The offsets of the first tokens of the top-level elements, ascending. */
    readonly starts: number[];
    /** The offset of the first token at which the parser reported an error (the text's length if none). */
    readonly firstError: number;

    constructor(document: LangiumDocument) {
        const root = document.parseResult.value;
        this.text = (root.$cstNode as RootCstNode | undefined)?.fullText ?? '';
        const elements: AstNode[] = isModel(root) ? root.elements : [];
        this.starts = elements
            .map(element => element.$cstNode)
            .filter(node => node !== undefined && node.length > 0)
            .map(node => node!.offset)
            .sort((a, b) => a - b);
        let firstError = this.text.length;
        for (const error of document.parseResult.parserErrors) {
            const offset = error.token.startOffset;
            if (Number.isFinite(offset)) firstError = Math.min(firstError, offset);
        }
        this.firstError = firstError;
    }

    /** The index of the last element that starts before the offset, or -1. */
    lastStartBefore(offset: number): number {
        let low = 0;
        let high = this.starts.length;
        while (low < high) {
            const middle = (low + high) >> 1;
            // low <= middle < high <= starts.length: an index of starts.
            if (this.starts[middle]! < offset) low = middle + 1;
            else high = middle;
        }
        return low - 1;
    }

    /** The start of the first element that starts after the offset. */
    nextStartAfter(offset: number): number | undefined {
        const index = this.lastStartBefore(offset + 1) + 1;
        return this.starts[index];
    }

    /**
     * Where the completion parser may start to reach the offset in the same state as from the document's start: the
     * start of the top-level element before the offset, unless a syntax error precedes it (then the last element
     * before the error, or the document's start).
     */
    parseStart(offset: number): number {
        const index = this.lastStartBefore(Math.min(offset, this.firstError));
        return this.starts[index] ?? 0; // index -1: no element before, so the document's start
    }
}

function shift(found: CompletionBacktrackingInformation, by: number): CompletionBacktrackingInformation {
    return {
        nextTokenStart: found.nextTokenStart + by,
        nextTokenEnd: found.nextTokenEnd + by,
        previousTokenStart: found.previousTokenStart === undefined ? undefined : found.previousTokenStart + by,
        previousTokenEnd: found.previousTokenEnd === undefined ? undefined : found.previousTokenEnd + by
    };
}

/** The entity whose fields a condition at this node refers to. */
function entityAt(node: AstNode): Entity | undefined {
    const related = AstUtils.getContainerOfType(node, isRelatedCondition);
    if (related && related !== node) return related.relation?.ref?.target?.ref;
    if (isRelatedCondition(node)) return node.relation?.ref?.target?.ref ?? entityInContext(node);
    return entityInContext(node);
}

function ruleOf(element: GrammarAST.AbstractElement): string | undefined {
    return AstUtils.getContainerOfType(element, GrammarAST.isParserRule)?.name;
}

/** Whether a keyword is the first token of its rule (`journey` of Journey). */
function isFirstOfRule(keyword: GrammarAST.Keyword): boolean {
    const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
    if (!rule) return false;
    let first: GrammarAST.AbstractElement | undefined = rule.definition;
    while (GrammarAST.isGroup(first)) first = first.elements.find(e => !GrammarAST.isAction(e));
    return first === keyword;
}

function keywordDetail(keyword: GrammarAST.Keyword): string {
    const ruleName = ruleOf(keyword);
    if (!ruleName) return 'keyword';
    const rule = ruleName === 'ActionTypeInput' ? 'allowed input events' : ruleName;
    if (isFirstOfRule(keyword)) return `keyword: ${kindOf(rule)}`;
    return `keyword in ${kindOf(rule)}`;
}

/** The whole phrase a data operator keyword starts. */
function dataOperatorPhrase(keyword: GrammarAST.Keyword): string | undefined {
    if (keyword.value === 'contains') return 'contains data';
    if (keyword.value === 'does') return 'does not contain data';
    return undefined;
}

function escapeSnippet(text: string): string {
    return text.replace(/[\\$}]/g, match => `\\${match}`);
}

function choice(index: number, options: string[]): string {
    return `\${${index}|${options.map(option => option.replace(/[\\,|$}]/g, match => `\\${match}`)).join(',')}|}`;
}

/** The text a snippet expands to when every placeholder keeps its default (the first choice). */
export function expandSnippet(body: string): string {
    let out = '';
    for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if (c === '\\' && i + 1 < body.length) {
            out += body[++i];
        } else if (c === '$' && /\d/.test(body[i + 1] ?? '')) {
            while (/\d/.test(body[i + 1] ?? '')) i++;
        } else if (c === '$' && body[i + 1] === '{') {
            i += 2;
            while (/\d/.test(body[i] ?? '')) i++;
            const isChoice = body[i] === '|';
            i++;
            let value = '';
            let taking = true;
            for (; i < body.length; i++) {
                const d = body[i];
                if (d === '\\') {
                    if (taking) value += body[i + 1];
                    i++;
                    continue;
                }
                if (isChoice && d === ',') {
                    taking = false;
                    continue;
                }
                if (isChoice && d === '|' && body[i + 1] === '}') {
                    i++;
                    break;
                }
                if (!isChoice && d === '}') break;
                if (taking) value += d;
            }
            out += value;
        } else {
            out += c;
        }
    }
    return out;
}

/** The text a snippet expands to with its defaults, for documentation. */
export function previewSnippet(body: string): string {
    return expandSnippet(body)
        .replace(/\t/g, '    ')
        .replace(/[ ]+\n/g, '\n')
        .replace(/\n\s*\n(\s*\})/g, '\n$1');
}
