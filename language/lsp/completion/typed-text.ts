/** The text typed at the cursor, how completion items match it, and the completion list's sort groups. */
import type { CompletionContext, FuzzyMatcher } from 'langium/lsp';

/** Sort groups: the best references first, then other references, keywords, snippets. */
export const SORT = { preferred: '0', reference: '1', value: '1', keyword: '2', snippet: '3' } as const;

/** Whether a quote is typed at the start of the token being completed, or just before it. */
export function typedQuote(context: CompletionContext): boolean {
    const text = context.textDocument.getText();
    return text.charAt(context.tokenOffset) === '"' || text.charAt(context.tokenOffset - 1) === '"';
}

/** The start of the token being completed, including an opening quote typed before it (an unterminated string is not a token). */
export function typedStart(context: CompletionContext): number {
    const text = context.textDocument.getText();
    let start = context.tokenOffset;
    if (text.charAt(start - 1) === '"' && text.charAt(start) !== '"') start--;
    return start;
}

/** The text typed before the cursor in the token being completed, with an opening quote typed before it. */
export function typedText(context: CompletionContext): string {
    return context.textDocument.getText().substring(typedStart(context), context.offset);
}

/** Whether the typed text (an opening quote included) matches an item's label or inserted text. */
export function matchesText(fuzzyMatcher: FuzzyMatcher, typed: string, label: string, newText: string, bare = withoutQuote(typed)): boolean {
    return fuzzyMatcher.match(typed, label) || fuzzyMatcher.match(bare, label) || fuzzyMatcher.match(typed, newText);
}

/** The typed text without an opening quote (what {@link matchesText} also matches labels with). */
export function withoutQuote(typed: string): string {
    return typed.startsWith('"') ? typed.slice(1) : typed;
}

/** The text on the cursor's line before the token being completed. */
export function lineBeforeToken(context: CompletionContext): string {
    return context.textDocument.getText({
        start: { line: context.position.line, character: 0 },
        end: context.textDocument.positionAt(context.tokenOffset)
    });
}
