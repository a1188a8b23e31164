import {
    type AstNodeDescription,
    type Cancellation,
    GrammarAST,
    type LangiumDocument,
    type MaybePromise,
    type ReferenceInfo,
    type Stream
} from 'langium';
import type { CompletionAcceptor, CompletionContext, CompletionProviderOptions, CompletionValueItem, NextFeature } from 'langium/lsp';
import {
    type CompletionItem,
    CompletionItemKind,
    type CompletionList,
    type CompletionParams,
    type Range,
    type TextEdit
} from 'vscode-languageserver';
import type { IomServices } from '../iom-module.js';
import { operatorNameOf, operatorsFor } from '../model/operators.js';
import { dataOperatorPhrase, isFirstOfRule, keywordDetail, ruleOf } from './completion/keywords.js';
import { ParseWindowCompletionProvider } from './completion/parse-window.js';
import { ReferenceCompletion } from './completion/references.js';
import { snippetsFor } from './completion/snippets.js';
import { matchesText, SORT, typedStart } from './completion/typed-text.js';
import { completionForValue, fieldBeforeCursor, valueTypeAtCursor } from './completion/values.js';
import { keywordDocumentation } from './iom-hover-provider.js';

/**
 * Context- and catalog-aware completion, each concern in language/lsp/completion/.
 *
 * - Locality: only the top-level element around the cursor is lexed and parsed (parse-window.ts).
 * - Keywords: only those the grammar allows at the cursor, each with what it introduces; operators only those valid
 *   for the field before the cursor (no ordering operators on lookup fields), `contains data` / `does not contain data`
 *   as whole phrases (keywords.ts).
 * - References: filtered by kind and validity, the best first, long lists cut (references.ts).
 * - Values: enum values of choice fields, `true`/`false` for yes/no fields and parameters, orchestration types, mapping
 *   groups from the catalog (values.ts).
 * - Snippets scaffolding journeys, steps, conditions, splitters, provider instances, policies, tests, rules (snippets.ts).
 */
export class IomCompletionProvider extends ParseWindowCompletionProvider {
    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['"', ':', ','] };
    private readonly references: ReferenceCompletion;
    private lastEdit?: EditRanges;

    constructor(protected readonly services: IomServices) {
        super(services);
        this.references = new ReferenceCompletion(services);
    }

    override async getCompletion(
        document: LangiumDocument,
        params: CompletionParams,
        cancelToken?: Cancellation.CancellationToken
    ): Promise<CompletionList | undefined> {
        let list: CompletionList | undefined;
        try {
            list = await super.getCompletion(document, params, cancelToken);
        } finally {
            // What was kept for the items of one context is not kept past the request.
            this.lastEdit = undefined;
            this.references.forgetRequest();
        }
        if (!list) return list;
        return { isIncomplete: true, items: this.references.shortened(list.items) };
    }

    /** `completionItem/resolve`: the documentation of a reference item of a long list. */
    resolveCompletionItem(item: CompletionItem): CompletionItem {
        return this.references.resolve(item);
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        // In an empty document (or before the first declaration) there is no node yet: use the document's root
        // (langium#1601), so that references can still be completed.
        const ctx = context.node ? context : { ...context, node: context.document.parseResult.value };
        if (GrammarAST.isRuleCall(next.feature) && next.feature.rule.ref?.name === 'STRING') {
            return completionForValue(this.services, ctx, next, acceptor);
        }
        return super.completionFor(ctx, next, acceptor);
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
            return operator !== undefined && operatorsFor(fieldBeforeCursor(this.services, context)).includes(operator);
        }
        if (rule === 'BooleanLiteral') {
            const type = valueTypeAtCursor(this.services, context);
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
            for (const snippet of snippetsFor(this.services, rule, context)) acceptor(context, snippet);
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // References

    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        return this.references.candidates(this.scopeProvider.getScope(refInfo), refInfo, context);
    }

    protected override createReferenceCompletionItem(
        description: AstNodeDescription,
        refInfo: ReferenceInfo,
        context: CompletionContext
    ): CompletionValueItem {
        return this.references.item(description, refInfo, context);
    }

    /**
     * A reference item's JSON without what the client would take from elsewhere: its inserted text (the text edit's
     * text is what is inserted when there is one) and a filter text equal to its label (the default).
     */
    protected override fillCompletionItem(context: CompletionContext, item: CompletionValueItem): CompletionItem | undefined {
        const filled = super.fillCompletionItem(context, item);
        if (filled && 'nodeDescription' in item) {
            if (filled.textEdit) filled.insertText = undefined;
            if (filled.filterText === filled.label) filled.filterText = undefined;
        }
        return filled;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Text edits

    /**
     * Replaces from the start of the token at the cursor, including an opening quote typed before it (an unterminated
     * string is not a token), and accepts an item when the typed text matches its label or its inserted text.
     */
    protected override buildCompletionTextEdit(context: CompletionContext, label: string, newText: string): TextEdit | undefined {
        const { typed, range, quotedRange } = this.editRanges(context);
        if (typed && !matchesText(this.fuzzyMatcher, typed, label, newText)) return undefined;
        // A closing quote right after the cursor (typed or auto-inserted by the editor) is replaced too.
        return { newText, range: quotedRange && newText.endsWith('"') ? quotedRange : range };
    }

    /** The typed text and the ranges an item replaces, the same for every item of a context: computed once. */
    private editRanges(context: CompletionContext): EditRanges {
        if (this.lastEdit?.context === context) return this.lastEdit;
        const text = context.textDocument.getText();
        const start = typedStart(context);
        const typed = text.substring(start, context.offset);
        const from = context.textDocument.positionAt(start);
        const range = { start: from, end: context.textDocument.positionAt(context.offset) };
        const quotedRange =
            typed.startsWith('"') && text.charAt(context.offset) === '"'
                ? { start: from, end: context.textDocument.positionAt(context.offset + 1) }
                : undefined;
        this.lastEdit = { context, typed, range, quotedRange };
        return this.lastEdit;
    }
}

/**
 * What the items of one completion context replace: the typed text, and from its start to the cursor (to after a
 * closing quote when one follows the cursor and was typed with an opening one).
 */
interface EditRanges {
    context: CompletionContext;
    typed: string;
    range: Range;
    quotedRange: Range | undefined;
}
