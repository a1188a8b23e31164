import {
    type AstNode,
    type CstNode,
    type LangiumCoreServices,
    LangiumParser,
    type ParseResult,
    type ParserOptions,
    createCompletionParser,
    createParser,
    isCompositeCstNode,
    type CompletionParserResult,
    DefaultLexer,
    type LangiumCompletionParser,
    type Lexer,
    type LexerResult,
    type TokenizeOptions
} from 'langium';
import { lazy } from '../model/lazy.js';
import { buildParserRules, supportsGrammar } from './iom-parser-builder.js';

type IToken = ReturnType<Lexer['tokenize']>['tokens'][number];

/**
 * How deep `{ }` blocks may nest in one file. Every construct of the language opens one or two blocks per level
 * (a `group`, a `related` block: one; a `condition` with its `yes`/`no` paths, a `splitter` with its branches: two),
 * so 1,000 levels of any construct fit. The first block past the limit is reported (IOM0010) and its contents are
 * not read. docs/diagnostics.md documents the limit.
 */
export const MAX_BLOCK_DEPTH = 2_500;

/**
 * Chevrotain's recursive descent uses a few kilobytes of stack per nested block, so a file nested a few hundred
 * blocks deep overflowed the stack. Deeper files are parsed in slices of at most this many nested blocks: each
 * slice is parsed on its own (the text outside it blanked, so offsets, lines and columns stay those of the file)
 * and its tree is put in place of the block it was cut from.
 */
export const SLICE_DEPTH = 48;

/** The error object of a block nested deeper than the limit; the document validator reports it as IOM0010. */
export const NESTING_ERROR_NAME = 'IomNestingTooDeep';

interface Block {
    open: IToken;
    /** The matching `}`, absent when the file ends first. */
    close?: IToken;
    depth: number;
    /** Slice blocks nested directly inside this one (their contents are parsed separately). */
    slices: Block[];
}

/** The nodes the parser assigned some single-valued property more than once (see `assignedASettingTwice`). */
const repeatedSettings = new WeakSet<AstNode>();

/**
 * Whether the parser assigned some single-valued property (`=`, `?=`) of the node more than once: the grammar lets a
 * block give its settings in any order and any number of times, and the last one wins. The duplicate-setting check
 * (validation/syntax.ts) looks for the repeated settings in the CST of these nodes only.
 */
export function assignedASettingTwice(node: AstNode): boolean {
    return repeatedSettings.has(node);
}

/**
 * The language's parser: Langium's, made safe for deep nesting and against a parser left broken by an earlier
 * failure ("Parser stack is not empty after parsing" for every later parse), noting each node it assigns a setting
 * twice.
 */
export class IomParser extends LangiumParser {
    constructor(services: LangiumCoreServices) {
        super(services);
        // Langium's `assign` (private) sets each property the grammar assigns, on the node being built: a property of
        // `=` or `?=` that already has a value is being given twice.
        const parser = this as unknown as LangiumParserState;
        const assign = parser.assign;
        parser.assign = function (this: LangiumParserState, operator, feature, value, cstNode, crossRef): void {
            if (operator !== '+=') {
                const node = this.current;
                if (node[feature] !== undefined) repeatedSettings.add(node as unknown as AstNode);
            }
            assign.call(this, operator, feature, value, cstNode, crossRef);
        };
    }

    override parse<T extends AstNode = AstNode>(input: string, options: ParserOptions = {}): ParseResult<T> {
        if (maxBlockDepth(input) <= SLICE_DEPTH) return this.parseOnce<T>(input, options);
        return this.parseInSlices<T>(input, options);
    }

    /**
     * One plain parse; whatever happens, the parser is left ready for the next one. It is Langium's `parse` step for
     * step, except that each node's container is set by one loop over the tree ({@link linkContainers}) instead of
     * Langium's `linkContentToContainer`, which makes an array of entries per node (about a sixth of what parsing
     * allocates: 25 young-generation collections became 21 over 1,000 files, `iom validate` of 1,500 files 3 %
     * faster). test/language/parser-containers.test.ts holds it to Langium's result.
     */
    protected parseOnce<T extends AstNode>(input: string, options: ParserOptions): ParseResult<T> {
        const parser = this as unknown as LangiumParserState;
        parser.stack = [];
        try {
            parser.nodeBuilder.buildRootNode(input);
            const lexerResult = (parser.lexerResult = this.lexer.tokenize(input));
            parser.wrapper.input = lexerResult.tokens;
            const rule = options.rule ? parser.allRules.get(options.rule) : parser.mainRule;
            if (!rule) throw new Error(options.rule ? `No rule found with name '${options.rule}'` : 'No main rule available.');
            const value = parser.doParse(rule) as T;
            parser.nodeBuilder.addHiddenNodes(lexerResult.hidden);
            parser._unorderedGroups.clear();
            parser.lexerResult = undefined;
            linkContainers(value);
            return { value, lexerErrors: lexerResult.errors, lexerReport: lexerResult.report, parserErrors: parser.wrapper.errors };
        } finally {
            parser.stack = [];
        }
    }

    protected parseInSlices<T extends AstNode>(input: string, options: ParserOptions): ParseResult<T> {
        const tokens = this.lexer.tokenize(input).tokens;
        const { top, tooDeep } = blocksOf(tokens);
        const blankText = blank(input);
        const outer = this.parseOnce<T>(maskedText(input, blankText, 0, input.length, top, tooDeep), options);
        // The root CST node holds the text its nodes' `text` is cut from: the whole text, not the blanked one.
        (outer.value.$cstNode as unknown as { _text: string })._text = input;
        const parserErrors = [...outer.parserErrors];
        const lexerErrors = [...outer.lexerErrors];
        for (const block of tooDeep) parserErrors.push(nestingError(block.open));
        // Each slice block with the CST node to look for its owner from: the slice it lies in.
        const queue = top.map(block => ({ block, from: outer.value.$cstNode }));
        while (queue.length > 0) {
            const { block, from: lookFrom } = queue.shift()!;
            const owner = ownerOf(lookFrom, block);
            if (!owner?.$cstNode) {
                // Recovery from a syntax error around the block left no node that owns it: its contents are lost.
                parserErrors.push(unreadBlockError(block.open));
                continue;
            }
            const start = owner.$cstNode.offset;
            const end = block.close ? block.close.endOffset! + 1 : input.length;
            const inner = this.parseOnce<AstNode>(maskedText(input, blankText, start, end, block.slices, tooDeep), { rule: owner.$type });
            const from = block.open.endOffset! + 1;
            const to = block.close ? block.close.startOffset : input.length;
            parserErrors.push(...inner.parserErrors.filter(error => within(error.token.startOffset, from, to)));
            lexerErrors.push(...inner.lexerErrors.filter(error => within(error.offset, from, to)));
            graft(owner, inner.value);
            queue.push(...block.slices.map(slice => ({ block: slice, from: owner.$cstNode })));
        }
        return { ...outer, parserErrors, lexerErrors };
    }
}

/**
 * Creates the language's parser: its rules built by our builder (iom-parser-builder.ts, no allocation per rule
 * call or repetition), or by Langium's for a grammar that builder leaves to it.
 */
export function createIomParser(services: LangiumCoreServices): LangiumParser {
    const grammar = services.Grammar;
    const parser = new IomParser(services);
    const tokens = services.parser.Lexer.definition;
    if (supportsGrammar(grammar)) buildParserRules(grammar, parser, tokens);
    else createParser(grammar, parser, tokens);
    parser.finalize();
    return parser;
}

/**
 * Langium's completion parser, built on first use: the completion provider takes it when it is created, which the
 * language server does at initialize (its capabilities), and building it (Chevrotain's grammar analysis) is about
 * 50 ms of every server start (workspace/start-snapshot.ts). Langium only calls its `parse`.
 */
class DeferredCompletionParser {
    private readonly parser: () => LangiumCompletionParser;

    constructor(services: LangiumCoreServices) {
        this.parser = lazy(() => createCompletionParser(services));
    }

    parse(input: string): CompletionParserResult {
        return this.parser().parse(input);
    }
}

export function createDeferredCompletionParser(services: LangiumCoreServices): LangiumCompletionParser {
    return new DeferredCompletionParser(services) as unknown as LangiumCompletionParser;
}

/**
 * Langium's lexer, built on first use: the completion provider takes it when it is created, at initialize, and
 * building it (Chevrotain's analysis of the token types, 20–25 ms) delayed every server's answer to initialize. The
 * first parse, which needs its token types, builds it instead.
 */
class DeferredLexer implements Lexer {
    private readonly lexer: () => Lexer;

    constructor(services: LangiumCoreServices) {
        this.lexer = lazy(() => new DefaultLexer(services));
    }

    get definition(): Lexer['definition'] {
        return this.lexer().definition;
    }

    tokenize(text: string, options?: TokenizeOptions): LexerResult {
        return this.lexer().tokenize(text, options);
    }
}

export function createDeferredLexer(services: LangiumCoreServices): Lexer {
    return new DeferredLexer(services);
}

/** The members of Langium's parser that its `parse` uses (private in its typings). */
interface LangiumParserState {
    stack: unknown[];
    nodeBuilder: { buildRootNode(input: string): unknown; addHiddenNodes(tokens: IToken[]): void };
    lexerResult: LexerResult | undefined;
    wrapper: { input: IToken[]; errors: ParseResult['parserErrors'] };
    allRules: Map<string, unknown>;
    mainRule: unknown;
    _unorderedGroups: Map<string, boolean[]>;
    doParse(rule: unknown): AstNode;
    /** The node being built. */
    readonly current: Record<string, unknown>;
    assign(operator: string, feature: string, value: unknown, cstNode: CstNode, crossRef?: unknown): void;
}

/**
 * Sets `$container`, `$containerProperty` and `$containerIndex` (for list elements) of every node below `root`, as
 * Langium's `linkContentToContainer(root, { deep: true })` does: with a loop over each node's own properties and an
 * explicit stack (a tree may be thousands of levels deep), without allocating per node.
 */
export function linkContainers(root: AstNode): void {
    const stack: GenericNode[] = [root as unknown as GenericNode];
    while (stack.length > 0) {
        const node = stack.pop()!;
        for (const property in node) {
            if (property.charCodeAt(0) === 36 /* $ */) continue;
            const value = node[property];
            if (typeof value !== 'object' || value === null) continue;
            if (Array.isArray(value)) {
                for (let index = 0; index < value.length; index++) {
                    const item: unknown = value[index];
                    if (!isNodeLike(item)) continue;
                    item.$container = node;
                    item.$containerProperty = property;
                    item.$containerIndex = index;
                    stack.push(item);
                }
            } else if (isNodeLike(value)) {
                value.$container = node;
                value.$containerProperty = property;
                stack.push(value);
            }
        }
    }
}

type GenericNode = Record<string, unknown> & { $type: string };

/** Langium's `isAstNode`. */
function isNodeLike(value: unknown): value is GenericNode {
    return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

function within(offset: number, from: number, to: number): boolean {
    return offset >= from && offset < to;
}

/** The characters {@link maxBlockDepth} stops at: braces, and what starts a string or a comment. */
const BLOCK_SYNTAX = /[{}"/]/g;

/**
 * The deepest nesting of `{ }` in a text, read without the lexer: strings, text blocks and comments are skipped
 * like the grammar's terminals do. Cheap enough to run before every parse: a regular expression finds the next
 * character that matters (most of a text is names, keywords and spaces), the loop looks only at those.
 */
export function maxBlockDepth(text: string): number {
    let depth = 0;
    let max = 0;
    const length = text.length;
    BLOCK_SYNTAX.lastIndex = 0;
    for (let found = BLOCK_SYNTAX.exec(text); found !== null; found = BLOCK_SYNTAX.exec(text)) {
        let i = found.index;
        const c = text.charCodeAt(i);
        if (c === 123 /* { */) {
            if (++depth > max) max = depth;
        } else if (c === 125 /* } */) {
            if (depth > 0) depth--;
        } else if (c === 34 /* " */) {
            if (text.startsWith('"""', i)) {
                const end = text.indexOf('"""', i + 3);
                if (end >= 0) i = end + 2;
            } else {
                let j = i + 1;
                while (j < length) {
                    const d = text.charCodeAt(j);
                    if (d === 92 /* \ */) {
                        j += 2;
                        continue;
                    }
                    if (d === 34 || d === 10 || d === 13) break;
                    j++;
                }
                if (j < length && text.charCodeAt(j) === 34) i = j;
            }
        } else {
            const next = text.charCodeAt(i + 1);
            if (next === 47 /* / */) {
                const end = text.indexOf('\n', i + 2);
                i = end >= 0 ? end : length;
            } else if (next === 42 /* * */) {
                const end = text.indexOf('*/', i + 2);
                if (end >= 0) i = end + 1;
            }
        }
        BLOCK_SYNTAX.lastIndex = i + 1;
    }
    return max;
}

/**
 * The blocks where slices start (depth SLICE_DEPTH, 2 × SLICE_DEPTH, …, each listed in the slice block around it,
 * the top ones returned) and the blocks nested one past the limit.
 */
function blocksOf(tokens: IToken[]): { top: Block[]; tooDeep: Block[] } {
    const top: Block[] = [];
    const tooDeep: Block[] = [];
    const open: Block[] = [];
    const slices: Block[] = [];
    for (const token of tokens) {
        const name = token.tokenType.name;
        if (name === '{') {
            const depth = open.length + 1;
            const block: Block = { open: token, depth, slices: [] };
            open.push(block);
            if (depth === MAX_BLOCK_DEPTH + 1) {
                tooDeep.push(block);
            } else if (depth <= MAX_BLOCK_DEPTH && depth % SLICE_DEPTH === 0) {
                const parent = slices[slices.length - 1];
                (parent ? parent.slices : top).push(block);
                slices.push(block);
            }
        } else if (name === '}') {
            const block = open.pop();
            if (!block) continue;
            block.close = token;
            if (slices[slices.length - 1] === block) slices.pop();
        }
    }
    return { top, tooDeep };
}

/**
 * The text with everything outside [start, end) and inside the given blocks (between their braces) blanked:
 * every character but line breaks becomes a space, so offsets, lines and columns do not move. `blankText` is the
 * whole text blanked (computed once per file).
 */
function maskedText(text: string, blankText: string, start: number, end: number, ...blanked: Block[][]): string {
    const cuts: Array<[number, number]> = [];
    for (const list of blanked) {
        for (const block of list) {
            const from = block.open.endOffset! + 1;
            const to = block.close ? block.close.startOffset : text.length;
            if (from >= start && to <= end && from < to) cuts.push([from, to]);
        }
    }
    cuts.sort((a, b) => a[0] - b[0]);
    const parts: string[] = [blankText.slice(0, start)];
    let position = start;
    for (const [from, to] of cuts) {
        if (from < position) continue;
        parts.push(text.slice(position, from), blankText.slice(from, to));
        position = to;
    }
    parts.push(text.slice(position, end), blankText.slice(end));
    return parts.join('');
}

function blank(text: string): string {
    return text.replace(/[^\r\n]/g, ' ');
}

/** The AST node whose own text holds the block's `{` (the construct the block belongs to). */
function ownerOf(root: CstNode | undefined, block: Block): AstNode | undefined {
    const offset = block.open.startOffset;
    let node = root;
    while (node && isCompositeCstNode(node)) {
        node = node.content.find(child => child.offset <= offset && offset < child.end);
    }
    if (!node || node.offset !== offset || node.text !== '{') return undefined;
    const owner = node.astNode;
    const end = block.close ? block.close.endOffset! + 1 : undefined;
    if (end !== undefined && owner.$cstNode?.end !== end) return undefined;
    return owner;
}

/** Puts the separately parsed node in place of the one parsed with its block blanked, in the AST and the CST. */
function graft(old: AstNode, node: AstNode): void {
    const container = old.$container as unknown as Record<string, unknown> | undefined;
    const property = old.$containerProperty;
    if (!container || !property) return;
    const target = node as { -readonly [K in keyof AstNode]: AstNode[K] };
    const index = old.$containerIndex;
    if (index !== undefined) (container[property] as AstNode[])[index] = node;
    else container[property] = node;
    target.$container = old.$container;
    target.$containerProperty = property;
    target.$containerIndex = index;
    const cst = old.$cstNode as CstNode & { content: CstNode[]; _rangeCache?: unknown; astNode: AstNode };
    const root = node.$cstNode as CstNode & { content: CstNode[] };
    cst.content = root.content;
    for (const child of cst.content) (child as { container?: CstNode }).container = cst;
    cst._rangeCache = undefined;
    cst.astNode = node;
    target.$cstNode = cst;
}

function nestingError(token: IToken) {
    return {
        name: NESTING_ERROR_NAME,
        message: `This block is nested more than ${MAX_BLOCK_DEPTH.toLocaleString('en-US')} levels deep; its contents are not read.`,
        token,
        resyncedTokens: [],
        context: { ruleStack: [], ruleOccurrenceStack: [] }
    };
}

function unreadBlockError(token: IToken) {
    return {
        name: 'MismatchedTokenException',
        message: 'This deeply nested block could not be read because of the syntax errors around it.',
        token,
        resyncedTokens: [],
        context: { ruleStack: [], ruleOccurrenceStack: [] }
    };
}
