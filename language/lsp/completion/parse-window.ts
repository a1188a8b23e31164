/**
 * Completion whose cost is proportional to the enclosing top-level element, not to the document.
 *
 * Langium's completion lexes the whole document to find the tokens around the cursor, and re-parses the text from
 * the start of the document up to the cursor with the completion parser, once per completion context (two or
 * three per request). Every top-level declaration is an `Element` of the entry rule `Model: elements+=Element*`,
 * so the text from the first token of a top-level element is itself a valid start for the entry rule: the
 * completion parser, started there, reaches the cursor in the same state as when started at the document's start,
 * provided the main parse found no syntax error before that element (then the element really starts at the top
 * level, and is not an artifact of error recovery). Lexing needs no such condition: an element's first token is a
 * token boundary, so the tokens of a window between two element starts are those of the whole text.
 */
import { type AstNode, type CstNode, isCompositeCstNode, type LangiumDocument, type RootCstNode, TextDocument } from 'langium';
import { type CompletionBacktrackingInformation, type CompletionContext, DefaultCompletionProvider, type NextFeature } from 'langium/lsp';
import type { Position } from 'vscode-languageserver';
import { isCondition, isJourneyElement, isModel } from '../../generated/ast.js';
import { maxBlockDepth } from '../../parser/iom-parser.js';

/** How many levels above the cursor completion reads the text from, in deeply nested journeys and rules. */
const DEEP_CONTEXT = 24;

/** Langium's completion provider, lexing and parsing only the window of text around the cursor. */
export class ParseWindowCompletionProvider extends DefaultCompletionProvider {
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
        const shallow = shallowContext(this.documentInProgress, document.getText(), offset);
        if (shallow !== undefined) {
            return super.findFeaturesAt(TextDocument.create(document.uri, document.languageId, document.version, shallow), shallow.length);
        }
        const layout = layoutFor(this.documentInProgress, document.getText());
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
        const layout = layoutFor(this.documentInProgress, text);
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
}

/**
 * Deep in a nested journey or rule (more than DEEP_CONTEXT levels), the completion parser, which recurses per
 * level like the main parser, would overflow the stack: it is given a text with the same grammar state at the
 * cursor instead, an outer declaration's header followed by the text of the construct DEEP_CONTEXT levels up
 * (a journey element goes in a journey, a condition in a rule) up to the cursor.
 */
function shallowContext(document: LangiumDocument | undefined, text: string, offset: number): string | undefined {
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

/** The top-level layout of each parse: computed once per parse result, dropped with it. */
const layouts = new WeakMap<AstNode, ElementLayout>();

/** The top-level layout of the document in progress, if its parse is of this very text. */
function layoutFor(document: LangiumDocument | undefined, text: string): ElementLayout | undefined {
    const root = document?.parseResult.value;
    if (!root) return undefined;
    let layout = layouts.get(root);
    if (!layout) {
        layout = new ElementLayout(document);
        layouts.set(root, layout);
    }
    return layout.text === text ? layout : undefined;
}

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
