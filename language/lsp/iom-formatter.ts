import { type AstNode, type CstNode, CstUtils, GrammarAST, isLeafCstNode, type LangiumDocument, type LeafCstNode } from 'langium';
import { AbstractFormatter, type LangiumServices } from 'langium/lsp';
import type { DocumentOnTypeFormattingOptions, DocumentOnTypeFormattingParams, FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * The canonical layout of `.iom` source (the style of the examples):
 *
 * - every top-level declaration and every setting or member inside `{ }` starts its own line, indented by one level
 *   per open block (the editor's tab size, spaces or tabs);
 * - one blank line at most is kept between declarations and between settings; none after `{` or before `}`;
 * - tokens on one line are separated by one space, with no space before `,`;
 * - a member's block written on one line with at most one setting (`connection reference X { connector Y }`) stays on
 *   one line; the blocks of top-level declarations always take several lines;
 * - comments stay where they are: a comment after code stays at the end of that line, a comment on its own line stays
 *   on its own line and takes the indentation of the code that follows it; doc comments are re-indented as a whole;
 * - text blocks (`"""…"""`) are left exactly as written.
 *
 * Langium's node-by-node formatting regions are known to glue code into line comments and to lose comments between
 * tokens (langium #994, #1613). This formatter therefore lays out the token stream itself: it visits every token
 * (comments included, taken from the lexer), decides the whitespace between each pair of neighbours from the grammar
 * element behind the token, and edits only that whitespace. Token texts are never changed, except for the indentation
 * of a multi-line comment's continuation lines.
 */
export class IomFormatter extends AbstractFormatter {
    constructor(protected readonly services: LangiumServices) {
        super();
    }

    protected override format(_node: AstNode): void {
        // Layout is computed from the token stream in doDocumentFormat, see the class comment.
    }

    override get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return { firstTriggerCharacter: '}', moreTriggerCharacter: ['\n'] };
    }

    override formatDocumentOnType(document: LangiumDocument, params: DocumentOnTypeFormattingParams): TextEdit[] {
        // The line where a character was typed (after a line break: the line before the new one, and the new one).
        const line = params.ch === '\n' ? Math.max(0, params.position.line - 1) : params.position.line;
        const range: Range = { start: { line, character: 0 }, end: { line: params.position.line, character: Number.MAX_SAFE_INTEGER } };
        // While typing, only a document that parses completely is touched: recovered half-typed code is left alone.
        const { lexerErrors, parserErrors } = document.parseResult;
        return lexerErrors.length || parserErrors.length ? [] : this.doDocumentFormat(document, params.options, range);
    }

    protected override doDocumentFormat(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
        const textDocument = document.textDocument;
        const edits = computeLayout(document, this.services, options);
        if (!range) return edits.map(edit => toTextEdit(textDocument, edit));
        const from = textDocument.offsetAt({ line: range.start.line, character: 0 });
        const to = textDocument.offsetAt(range.end);
        // An edit belongs to the range when the token it places (its end) lies in the range.
        return edits.filter(edit => edit.end >= from && edit.end <= to).map(edit => toTextEdit(textDocument, edit));
    }
}

interface OffsetEdit {
    start: number;
    end: number;
    text: string;
}

function toTextEdit(document: TextDocument, edit: OffsetEdit): TextEdit {
    return { range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.text };
}

interface Token {
    offset: number;
    end: number;
    text: string;
    comment: boolean;
    /** For code tokens: the CST leaf. */
    leaf?: LeafCstNode;
}

/**
 * The formatted text of a whole document, or undefined when it cannot be formatted safely (lexing or parsing errors).
 */
export function formatDocumentText(document: LangiumDocument, services: LangiumServices, options: FormattingOptions): string | undefined {
    const { lexerErrors, parserErrors } = document.parseResult;
    if (lexerErrors.length || parserErrors.length) return undefined;
    const text = document.textDocument.getText();
    let result = '';
    let position = 0;
    for (const edit of computeLayout(document, services, options)) {
        result += text.slice(position, edit.start) + edit.text;
        position = edit.end;
    }
    return result + text.slice(position);
}

/** The whitespace edits that bring a document into canonical layout, in document order. */
function computeLayout(document: LangiumDocument, services: LangiumServices, options: FormattingOptions): OffsetEdit[] {
    const text = document.textDocument.getText();
    const root = document.parseResult.value.$cstNode;
    if (!root) return [];
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const unit = options.insertSpaces === false ? '\t' : ' '.repeat(options.tabSize ?? 4);

    const tokens = collectTokens(root, text, services);
    const [first] = tokens;
    const last = tokens.at(-1);
    if (!first || !last) return [];
    const itemStarts = findItemStarts(root);
    const inlineBlocks = findInlineBlocks(tokens, text, itemStarts);

    const edits: OffsetEdit[] = [];
    const replace = (start: number, end: number, newText: string) => {
        if (text.slice(start, end) !== newText) edits.push({ start, end, text: newText });
    };
    const lineBreaks = (start: number, end: number) => (text.slice(start, end).match(/\n/g) ?? []).length;
    const newLines = (start: number, end: number, maxBlank: number) => eol.repeat(1 + Math.min(maxBlank, Math.max(0, lineBreaks(start, end) - 1)));

    // Leading whitespace of the file.
    replace(0, first.offset, '');

    let depth = 0;
    const inlineStack: boolean[] = [];
    let previousCode: Token | undefined;
    for (const [i, token] of tokens.entries()) {
        const previous = i > 0 ? tokens[i - 1] : undefined;
        if (token.comment) {
            if (!previous) continue;
            const gapStart = previous.end;
            if (lineBreaks(gapStart, token.offset) === 0) {
                replace(gapStart, token.offset, ' ');
            } else {
                // A comment on its own line takes the indentation of the code that follows it.
                const next = tokens.slice(i + 1).find(t => !t.comment);
                const level = next ? levelOf(next, previousCode, depth, itemStarts, true) : depth;
                const maxBlank = previous.text === '{' && !previous.comment ? 0 : 1;
                const indent = unit.repeat(level);
                replace(gapStart, token.offset, newLines(gapStart, token.offset, maxBlank) + indent);
                reindentComment(token, text, indent, replace);
            }
            continue;
        }
        // A code token.
        const isOpen = token.text === '{' && isKeywordLeaf(token);
        const isClose = token.text === '}' && isKeywordLeaf(token);
        if (isClose) depth = Math.max(0, depth - 1);
        const closesInline = isClose && inlineStack[inlineStack.length - 1] === true;
        if (isClose) inlineStack.pop();
        const insideInline = inlineStack.includes(true);

        if (previous) {
            const gapStart = previous.end;
            let gap: string;
            const previousIsLineComment = previous.comment && previous.text.startsWith('//');
            const brokenAfterComment = previous.comment && (previousIsLineComment || lineBreaks(gapStart, token.offset) > 0);
            if (previous.comment && !brokenAfterComment) {
                // Code right after a block comment on the same line (`/* note */ action type X`) stays there.
                gap = ' ';
            } else if (closesInline) {
                gap = previous.text === '{' && !previous.comment ? '' : ' ';
            } else if (insideInline && !brokenAfterComment) {
                gap = token.text === ',' ? '' : ' ';
            } else {
                const onNewLine = brokenAfterComment || isClose || startsLine(token, previousCode, itemStarts);
                if (onNewLine) {
                    const maxBlank = isClose || (previous.text === '{' && !previous.comment) ? 0 : 1;
                    gap = newLines(gapStart, token.offset, maxBlank) + unit.repeat(levelOf(token, previousCode, depth, itemStarts, false));
                } else {
                    gap = token.text === ',' ? '' : ' ';
                }
            }
            replace(gapStart, token.offset, gap);
        }
        if (isOpen) {
            depth++;
            inlineStack.push(inlineBlocks.has(token.offset));
        }
        previousCode = token;
    }
    // Exactly one line break at the end of the file.
    replace(last.end, text.length, eol);
    return edits;
}

function isKeywordLeaf(token: Token): boolean {
    return token.leaf !== undefined && GrammarAST.isKeyword(token.leaf.grammarSource);
}

/** Whether a code token starts a line: a declaration, a setting or a member, or the first token after `{`. */
function startsLine(token: Token, previousCode: Token | undefined, itemStarts: Set<number>): boolean {
    if (!previousCode) return false;
    if (previousCode.text === '{' && isKeywordLeaf(previousCode)) return true;
    return itemStarts.has(token.offset);
}

/** The indentation level of a token placed at the start of a line. */
function levelOf(token: Token, previousCode: Token | undefined, depth: number, itemStarts: Set<number>, beforeToken: boolean): number {
    const isClose = token.text === '}' && isKeywordLeaf(token);
    if (isClose) return beforeToken ? depth : depth;
    if (startsLine(token, previousCode, itemStarts) || !previousCode) return depth;
    // A continuation line (code that would be on the previous line but follows a line comment).
    return depth + 1;
}

/** Moves the continuation lines of a multi-line comment along with its first line. */
function reindentComment(token: Token, text: string, newIndent: string, replace: (start: number, end: number, text: string) => void): void {
    if (!token.text.includes('\n')) return;
    const lineStart = text.lastIndexOf('\n', token.offset - 1) + 1;
    const oldIndent = text.slice(lineStart, token.offset);
    if (!/^[ \t]*$/.test(oldIndent) || oldIndent === newIndent) return;
    let position = token.offset;
    for (;;) {
        const lineBreak = text.indexOf('\n', position);
        if (lineBreak < 0 || lineBreak >= token.end) break;
        const start = lineBreak + 1;
        if (text.startsWith(oldIndent, start)) {
            replace(start, start + oldIndent.length, newIndent);
        }
        position = start;
    }
}

/** Every code token (CST leaves) and comment (from the lexer), in document order. */
function collectTokens(root: CstNode, text: string, services: LangiumServices): Token[] {
    const tokens: Token[] = [];
    for (const node of CstUtils.streamCst(root)) {
        if (isLeafCstNode(node) && !node.hidden && node.length > 0) {
            tokens.push({ offset: node.offset, end: node.end, text: node.text, comment: false, leaf: node });
        }
    }
    for (const hidden of services.parser.Lexer.tokenize(text).hidden) {
        const end = hidden.startOffset + hidden.image.length;
        if (/^\s*$/.test(hidden.image)) continue;
        tokens.push({ offset: hidden.startOffset, end, text: hidden.image, comment: true });
    }
    return tokens.sort((a, b) => a.offset - b.offset);
}

/**
 * The offsets of `{` tokens whose block stays on one line: written on one line, holding at most one setting or member,
 * no nested block and no comment (`connection reference X { connector Y }`).
 */
function findInlineBlocks(tokens: Token[], text: string, itemStarts: Set<number>): Set<number> {
    const inline = new Set<number>();
    const stack: Array<{ index: number; offset: number }> = [];
    for (const [i, token] of tokens.entries()) {
        if (token.comment) continue;
        if (token.text === '{' && isKeywordLeaf(token)) stack.push({ index: i, offset: token.offset });
        else if (token.text === '}' && isKeywordLeaf(token)) {
            const open = stack.pop();
            if (!open) continue;
            const between = tokens.slice(open.index + 1, i);
            const oneLine = !text.slice(open.offset, token.end).includes('\n');
            const simple =
                !between.some(t => t.comment || (t.text === '{' && isKeywordLeaf(t))) && between.filter(t => itemStarts.has(t.offset)).length <= 1;
            // The blocks of top-level declarations always take several lines.
            if (oneLine && simple && stack.length > 0) inline.add(open.offset);
        }
    }
    return inline;
}

/**
 * The offsets of the tokens that start a declaration, a setting or a member: the first token of a grammar element
 * that is repeated inside a `{ … }` block (or at the top level of a file).
 */
function findItemStarts(root: CstNode): Set<number> {
    // Without recursion (files nest up to 2,500 blocks): the leaves come in document order, so the first visible
    // leaf to reach a node through its containers is that node's first token.
    const starts = new Set<number>();
    const reached = new Set<CstNode>();
    for (const leaf of CstUtils.streamCst(root)) {
        if (!isLeafCstNode(leaf) || leaf.hidden || leaf.length === 0) continue;
        for (let node: CstNode | undefined = leaf; node && !reached.has(node); node = node === root ? undefined : node.container) {
            reached.add(node);
            if (isItemStart(node.grammarSource)) starts.add(leaf.offset);
        }
    }
    return starts;
}

function isItemStart(element: GrammarAST.AbstractElement | undefined): boolean {
    let current: GrammarAST.AbstractElement | undefined = element;
    while (current) {
        if (isRepeatedInBlock(current)) return true;
        const container: unknown = current.$container;
        if (GrammarAST.isAssignment(container) || GrammarAST.isCrossReference(container) || GrammarAST.isAlternatives(container)) {
            current = container;
        } else if (GrammarAST.isGroup(container) && firstElement(container) === current) {
            current = container;
        } else {
            return false;
        }
    }
    return false;
}

function firstElement(group: GrammarAST.Group): GrammarAST.AbstractElement | undefined {
    return group.elements.find(element => !GrammarAST.isAction(element));
}

function isRepeatedInBlock(element: GrammarAST.AbstractElement): boolean {
    if (element.cardinality !== '*' && element.cardinality !== '+') return false;
    const container: unknown = element.$container;
    if (GrammarAST.isParserRule(container)) return container.entry;
    if (GrammarAST.isGroup(container)) {
        const index = container.elements.indexOf(element);
        const before = container.elements[index - 1];
        return GrammarAST.isKeyword(before) && before.value === '{';
    }
    return false;
}
