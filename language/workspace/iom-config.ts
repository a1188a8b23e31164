/**
 * iomconfig.json: the workspace's settings, at the workspace root (like bicepconfig.json).
 *
 * {
 *   "rules": { "IOM2001": "off", "unused-connection": { "level": "info", "options": { … } } },
 *   "build": { "out": "out" }
 * }
 *
 * Its JSON Schema is schemas/iomconfig.schema.json (shipped with the extension, wired through jsonValidation).
 */
import { getNodeValue, type Node as JsonNode, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';

export const CONFIG_FILE_NAME = 'iomconfig.json';

export type RuleLevel = 'off' | 'info' | 'warning' | 'error';

export interface RuleSetting {
    level?: RuleLevel;
    options?: Record<string, unknown>;
}

export interface IomConfig {
    /** Per rule (by code or rule name): a level, or a level with rule options. */
    rules?: Record<string, RuleLevel | RuleSetting>;
    build?: {
        /** The output folder of `iom build`, relative to the workspace root. Default `out`. */
        out?: string;
    };
}

export interface ConfigProblem {
    message: string;
    /** 1-based. */
    line: number;
    column: number;
    /** Length of the text the problem is about (at least 1). */
    length?: number;
}

/** Syntax messages for jsonc-parser's error codes. */
const SYNTAX_MESSAGES: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'a property name in double quotes expected',
    ValueExpected: 'a value expected',
    ColonExpected: "':' expected",
    CommaExpected: "',' expected",
    CloseBraceExpected: "'}' expected",
    CloseBracketExpected: "']' expected",
    EndOfFileExpected: 'end of file expected (only one value is allowed)',
    InvalidCommentToken: 'comments are not allowed in iomconfig.json',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid Unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in a string'
};

/** A parsed iomconfig.json: its value, its syntax tree (for positions) and its first syntax problem. */
export interface ParsedConfig {
    config: IomConfig;
    problem?: ConfigProblem;
    /** jsonc-parser's tree of the text (absent when the text has no value). */
    tree?: JsonNode;
    /** The text the tree's offsets refer to (without a byte order mark). */
    text: string;
}

/**
 * Parses the text of an iomconfig.json (strict JSON, a leading byte order mark ignored) with a position-aware parser:
 * a syntax problem is returned with its real line and column instead of thrown.
 */
export function parseConfig(source: string): ParsedConfig {
    const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
    const errors: ParseError[] = [];
    const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const [first] = errors;
    if (first) {
        const { line, column } = positionOf(text, first.offset);
        const code = printParseErrorCode(first.error);
        return {
            config: {},
            text,
            tree,
            problem: { message: `Invalid JSON: ${SYNTAX_MESSAGES[code] ?? code}.`, line, column, length: Math.max(1, first.length) }
        };
    }
    if (!tree || tree.type !== 'object') {
        return { config: {}, text, tree, problem: { message: 'iomconfig.json must hold a JSON object.', line: 1, column: 1 } };
    }
    return { config: getNodeValue(tree) as IomConfig, text, tree };
}

/** The 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
    let line = 1;
    let start = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
        line++;
        start = i + 1;
    }
    return { line, column: offset - start + 1 };
}
