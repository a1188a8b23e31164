import { AstUtils, GrammarAST, LangiumParserErrorMessageProvider, type LangiumCoreServices } from 'langium';
import { kindOf } from '../model/kinds.js';
import { closest, didYouMean } from '../model/names.js';

// chevrotain's types, as Langium's provider receives them (chevrotain is Langium's dependency, not ours).
type Provider = LangiumParserErrorMessageProvider;
type MismatchOptions = Parameters<Provider['buildMismatchTokenMessage']>[0];
type NotAllInputOptions = Parameters<Provider['buildNotAllInputParsedMessage']>[0];
type NoViableAltOptions = Parameters<Provider['buildNoViableAltMessage']>[0];
type EarlyExitOptions = Parameters<Provider['buildEarlyExitMessage']>[0];
type TokenType = MismatchOptions['expected'];
type IToken = MismatchOptions['actual'];

/** How the terminals of the grammar are named in messages. */
const TERMINALS: Record<string, string> = {
    ID: 'a name',
    STRING: 'a quoted string',
    NUMBER: 'a number',
    TEXT_BLOCK: 'a text block ("""…""")'
};

/**
 * One-line syntax error messages in the language's terms: "Expected 'filter' or 'execution' but found 'filtr'."
 * (chevrotain's defaults span several lines and list token sequences, which breaks `path:line:col - message`.)
 */
export class IomParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    private readonly keywordsByRule = new Map<string, Set<string>>();

    constructor(private readonly services?: LangiumCoreServices) {
        super();
    }

    override buildMismatchTokenMessage({ expected, actual, ruleName: parserRuleName }: MismatchOptions): string {
        // Langium gives chevrotain its rule names with a zero-width space appended.
        const ruleName = parserRuleName.replace(/\u200B/g, '');
        // The parser expects the end of the file where no further declaration could start.
        if (expected.name === 'EOF') return expectedDeclaration(actual);
        // A word where the block could go on with a keyword: most likely a misspelled keyword of this block.
        const suggestion = actual && /^[A-Za-z]\w*$/.test(actual.image) ? closestKeyword(actual.image, this.keywordsOf(ruleName)) : undefined;
        if (suggestion) {
            return `Unknown keyword '${actual.image}' in this ${kindOf(ruleName)}.${didYouMean(suggestion)}`;
        }
        return `Expected ${label(expected)} but found ${found(actual)}.`;
    }

    override buildNotAllInputParsedMessage({ firstRedundant }: NotAllInputOptions): string {
        return expectedDeclaration(firstRedundant);
    }

    private keywordsOf(ruleName: string): Set<string> {
        let keywords = this.keywordsByRule.get(ruleName);
        if (!keywords) {
            keywords = this.services ? keywordsOfRule(this.services.Grammar, ruleName) : new Set();
            this.keywordsByRule.set(ruleName, keywords);
        }
        return keywords;
    }

    override buildNoViableAltMessage({ expectedPathsPerAlt, actual }: NoViableAltOptions): string {
        return `Expected ${alternatives(expectedPathsPerAlt.flat())} but found ${found(actual[0])}.`;
    }

    override buildEarlyExitMessage({ expectedIterationPaths, actual }: EarlyExitOptions): string {
        return `Expected at least one ${alternatives(expectedIterationPaths)} but found ${found(actual[0])}.`;
    }
}

const DECLARATION_KEYWORDS = ['connection', 'connector', 'platform', 'provider', 'event', 'action', 'allow', 'policy', 'journey'];

function expectedDeclaration(actual: IToken): string {
    const message = `Expected a declaration (connection, connector, platform, provider, event, action type, allow, policy, journey) but found ${found(actual)}.`;
    const suggestion = actual && /^[A-Za-z]\w*$/.test(actual.image) ? closestKeyword(actual.image, DECLARATION_KEYWORDS) : undefined;
    return `${message}${didYouMean(suggestion === 'action' ? 'action type' : suggestion)}`;
}

function label(type: TokenType): string {
    const name = type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name;
    return TERMINALS[name] ?? `'${name}'`;
}

/** The first token of each path, without repeats: `'a', 'b' or 'c'`. */
function alternatives(paths: TokenType[][]): string {
    const labels = [...new Set(paths.flatMap(([first]) => (first ? [label(first)] : [])))];
    const last = labels.at(-1);
    if (last === undefined) return 'something else';
    if (labels.length === 1) return last;
    return `${labels.slice(0, -1).join(', ')} or ${last}`;
}

function found(token: IToken | undefined): string {
    return !token || token.image === '' ? 'the end of the file' : `'${token.image}'`;
}

// ---------------------------------------------------------------------------------------------------------------
// Lexer errors and misspelled keywords

/** Hints for characters that people type from other languages' habits. */
const CHARACTER_HINTS: Record<string, string> = {
    "'": 'Names and texts are written in double quotes: "New Order".',
    '\u2018': 'Names and texts are written in straight double quotes: "New Order".',
    '\u2019': 'Names and texts are written in straight double quotes: "New Order".',
    '\u201C': 'Use straight double quotes (") around names and texts, not typographic ones.',
    '\u201D': 'Use straight double quotes (") around names and texts, not typographic ones.',
    '#': 'Comments start with // (or are written as /* … */).',
    ';': 'Settings end at the end of the line; no semicolon is needed.',
    '[': 'Lists are written with commas, without brackets: input events "New Order", "Order Updated".',
    ']': 'Lists are written with commas, without brackets: input events "New Order", "Order Updated".',
    '(': 'IOM has no parentheses: group conditions with group and { … } } or group or { … }.',
    ')': 'IOM has no parentheses: group conditions with group and { … } } or group or { … }.',
    '-': "A journey's order is the order of its steps; there are no arrows. A name with a dash is written in double quotes.",
    '|': 'Combine conditions with group or { … }.',
    '&': 'Combine conditions with group and { … }.'
};

/**
 * Lexer errors in the language's terms: "Unexpected character '@' (U+0040): it is not part of the IOM language.
 * Names with spaces or symbols are written in double quotes: "Orders @ Seattle"." (chevrotain's own text reads
 * "unexpected character: ->@<- at offset: 190, skipped 3 characters.")
 */
export class IomLexerErrorMessageProvider {
    buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const skipped = fullText.substr(startOffset, length);
        const character = String.fromCodePoint(skipped.codePointAt(0) ?? 0x3f);
        const code = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
        const hint = CHARACTER_HINTS[character] ?? 'Names with spaces or symbols are written in double quotes: "Orders @ Seattle".';
        const what =
            [...skipped].length > 1 ? `Unexpected characters '${skipped}' (starting with ${code})` : `Unexpected character '${character}' (${code})`;
        return `${what}: not part of the IOM language here. ${hint}`;
    }

    buildUnableToPopLexerModeMessage(token: IToken): string {
        return `Unexpected '${token.image}'.`;
    }
}

/**
 * The keyword that a word mistyped for one would be: the closest word keyword within an edit distance of a third of
 * its length, rounded (at least 1), ignoring case; undefined when none is that close or the word is a keyword itself.
 */
export function closestKeyword(word: string, keywords: Iterable<string>): string | undefined {
    const candidates = [...keywords];
    if (candidates.includes(word)) return undefined;
    return closest(word, candidates, { maxDistance: (_, keyword) => Math.max(1, Math.round(keyword.length / 3)) });
}

/**
 * The word keywords that can start something inside a rule's block: the rule's own keywords and the first keywords
 * of the rules it calls (a policy's `rule`, a condition's `group` and `related`).
 */
export function keywordsOfRule(grammar: GrammarAST.Grammar, ruleName: string): Set<string> {
    const rule = grammar.rules.find(candidate => candidate.name === ruleName);
    const keywords = new Set<string>();
    if (!rule || !GrammarAST.isParserRule(rule)) return keywords;
    const word = (value: string) => /^[A-Za-z]\w*$/.test(value);
    for (const node of AstUtils.streamAllContents(rule)) {
        if (GrammarAST.isKeyword(node) && word(node.value)) keywords.add(node.value);
        if (GrammarAST.isRuleCall(node) && GrammarAST.isParserRule(node.rule.ref) && !node.rule.ref.dataType) {
            for (const first of leadingKeywords(node.rule.ref, 0)) if (word(first)) keywords.add(first);
        }
    }
    return keywords;
}

function leadingKeywords(rule: GrammarAST.ParserRule, depth: number): string[] {
    if (depth > 3) return [];
    const starts = (element: GrammarAST.AbstractElement): string[] => {
        if (GrammarAST.isKeyword(element)) return [element.value];
        if (GrammarAST.isGroup(element)) {
            const [first] = element.elements;
            return first ? starts(first) : [];
        }
        if (GrammarAST.isAlternatives(element)) return element.elements.flatMap(starts);
        if (GrammarAST.isAssignment(element)) return starts(element.terminal);
        if (GrammarAST.isRuleCall(element) && GrammarAST.isParserRule(element.rule.ref)) return leadingKeywords(element.rule.ref, depth + 1);
        return [];
    };
    return starts(rule.definition);
}
