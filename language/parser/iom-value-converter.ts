import { type CstNode, DefaultValueConverter, GrammarAST, GrammarUtils, ValueConverter, type ValueType } from 'langium';
import { forEachLeaf } from '../model/ast-walk.js';

/** Datatype rules made of several keywords, whose value is the keywords joined by single spaces (`provider action`). */
const PHRASE_RULES = new Set(['LogicType', 'DataOperator', 'Cardinality', 'MappingTable']);

/** What an escaped character stands for in a quoted string (Langium's escapes); any other character stands for itself. */
const ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };

/**
 * Converts the language's values: quoted names lose their quotes and escapes, text blocks (`"""…"""`) lose their
 * delimiters and common indentation, and keyword phrases keep their spaces.
 *
 * Every name and reference of a file goes through here while it is parsed, so the common cases are cut short:
 * an identifier is its own value, and a quoted string without escapes is a slice of the text. (Langium's own string
 * conversion appends one character at a time, which leaves a chain of string fragments per name for the garbage
 * collector.)
 */
export class IomValueConverter extends DefaultValueConverter {
    /**
     * The rule whose conversion applies to a CST node, by the node's grammar element (null: the text as it is).
     * Langium's `convert` finds it on every call through type tests that build a string key each.
     */
    private readonly ruleOfElement = new Map<GrammarAST.AbstractElement | undefined, GrammarAST.AbstractRule | null>();
    /** The conversion of each rule this class does not convert itself, chosen once per rule. */
    private readonly conversionOfRule = new Map<GrammarAST.AbstractRule, (input: string) => ValueType>();

    override convert(input: string, cstNode: CstNode): ValueType {
        const element = cstNode.grammarSource;
        let rule = this.ruleOfElement.get(element);
        if (rule === undefined) {
            rule = convertingRule(element);
            this.ruleOfElement.set(element, rule);
        }
        return rule ? this.runConverter(rule, input, cstNode) : input;
    }

    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        switch (rule.name) {
            case 'ID':
                return input;
            case 'STRING':
                return convertString(input);
            case 'TEXT_BLOCK':
                return convertTextBlock(input);
        }
        if (PHRASE_RULES.has(rule.name)) {
            const words: string[] = [];
            forEachLeaf(cstNode, leaf => {
                if (!leaf.hidden) words.push(leaf.text);
            });
            return words.join(' ');
        }
        let conversion = this.conversionOfRule.get(rule);
        if (!conversion) {
            conversion = defaultConversion(rule);
            this.conversionOfRule.set(rule, conversion);
        }
        return conversion(input);
    }
}

/**
 * The rule that converts a CST node's text, by the node's grammar element: the rule called, or the terminal of a
 * cross-reference; null for keywords and anything else (their text is their value). Throws on an unresolved rule
 * call, as Langium's conversion does.
 */
function convertingRule(element: GrammarAST.AbstractElement | undefined): GrammarAST.AbstractRule | null {
    const called = GrammarAST.isCrossReference(element) ? GrammarUtils.getCrossReferenceTerminal(element) : element;
    if (!GrammarAST.isRuleCall(called)) return null;
    const rule = called.rule.ref;
    if (!rule) throw new Error('This cst node was not parsed by a rule.');
    return rule;
}

/**
 * What Langium's default conversion does with a rule, decided once: by the rule's name (INT, STRING, ID in any
 * case), else by its type (number, boolean, bigint, date), else the text as it is.
 */
function defaultConversion(rule: GrammarAST.AbstractRule): (input: string) => ValueType {
    switch (rule.name.toUpperCase()) {
        case 'INT':
            return ValueConverter.convertInt;
        case 'STRING':
            return ValueConverter.convertString;
        case 'ID':
            return ValueConverter.convertID;
    }
    switch (GrammarUtils.getRuleType(rule)?.toLowerCase()) {
        case 'number':
            return ValueConverter.convertNumber;
        case 'boolean':
            return ValueConverter.convertBoolean;
        case 'bigint':
            return ValueConverter.convertBigint;
        case 'date':
            return ValueConverter.convertDate;
        default:
            return input => input;
    }
}

/** The value of a quoted string: without its quotes, each `\x` escape replaced by what it stands for. */
export function convertString(input: string): string {
    const end = input.length - 1;
    let escape = input.indexOf('\\', 1);
    if (escape < 0 || escape >= end) return input.slice(1, end);
    const parts: string[] = [];
    let from = 1;
    while (escape >= 0 && escape < end) {
        parts.push(input.slice(from, escape));
        const escaped = input.charAt(escape + 1);
        parts.push(ESCAPES[escaped] ?? escaped);
        from = escape + 2;
        escape = input.indexOf('\\', from);
    }
    parts.push(input.slice(from, end));
    return parts.join('');
}

/** Strips the `"""` delimiters, a first line break and the indentation shared by all non-blank lines. */
export function convertTextBlock(input: string): string {
    let body = input.slice(3, -3).replace(/\r\n?/g, '\n');
    if (body.startsWith('\n')) body = body.slice(1);
    const lines = body.split('\n');
    if (lines.length > 1 && lines.at(-1)?.trim() === '') lines.pop();
    const indents = lines.filter(line => line.trim() !== '').map(line => /^[ \t]*/.exec(line)![0].length);
    const common = indents.length ? Math.min(...indents) : 0;
    return lines.map(line => line.slice(common)).join('\n');
}
