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
import { type CompletionItem, CompletionItemKind, type CompletionList, type CompletionParams, type TextEdit } from 'vscode-languageserver';
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

    constructor(protected readonly services: IomServices) {
        super(services);
        this.references = new ReferenceCompletion(services);
    }

    override async getCompletion(
        document: LangiumDocument,
        params: CompletionParams,
        cancelToken?: Cancellation.CancellationToken
    ): Promise<CompletionList | undefined> {
        const list = await super.getCompletion(document, params, cancelToken);
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
        // Scopes may stream over one-shot iterators: take the candidates once.
        return this.references.candidates(super.getReferenceCandidates(refInfo, context).toArray(), refInfo, context);
    }

    protected override createReferenceCompletionItem(
        description: AstNodeDescription,
        refInfo: ReferenceInfo,
        context: CompletionContext
    ): CompletionValueItem {
        return this.references.item(description, refInfo, context);
    }

    // -----------------------------------------------------------------------------------------------------------
    // Text edits

    /**
     * Replaces from the start of the token at the cursor, including an opening quote typed before it (an unterminated
     * string is not a token), and accepts an item when the typed text matches its label or its inserted text.
     */
    protected override buildCompletionTextEdit(context: CompletionContext, label: string, newText: string): TextEdit | undefined {
        const text = context.textDocument.getText();
        const start = typedStart(context);
        const typed = text.substring(start, context.offset);
        if (typed && !matchesText(this.fuzzyMatcher, typed, label, newText)) return undefined;
        // A closing quote right after the cursor (typed or auto-inserted by the editor) is replaced too.
        const end = typed.startsWith('"') && text.charAt(context.offset) === '"' && newText.endsWith('"') ? context.offset + 1 : context.offset;
        return { newText, range: { start: context.textDocument.positionAt(start), end: context.textDocument.positionAt(end) } };
    }
}
