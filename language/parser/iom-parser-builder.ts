import { GrammarAST, GrammarUtils, type Lexer, type LangiumParser } from 'langium';

/**
 * Builds the rules of the language's parser from its grammar, with every callback and every option object the
 * parser is given made once, when the parser is built.
 *
 * Langium's own builder (`createParser`) threads rule arguments (`Rule<param>`) through every call, so each
 * alternatives block allocates a fresh array of alternatives (one object and one closure per alternative) every
 * time it is entered, each repetition and option a fresh options object and closure, each group a closure per
 * call and each rule call a fresh argument object. In IOM's grammar, where blocks are repeated alternatives of
 * settings (`( 'url' … | 'description' … | … )*`), that was about 670 MiB of garbage to parse 4.9 MB of text.
 *
 * IOM's grammar uses no rule parameters, guard conditions, unordered groups, infix rules or `EOF`, so no callback
 * needs an argument and all of them can be built up front. The parser is driven through LangiumParser's public
 * methods (`rule`, `consume`, `subrule`, `alternatives`, `many`, `atLeastOne`, `optional`, `action`) in the same
 * order and with the same occurrence indices as Langium's builder, so Chevrotain records the same grammar and the
 * parse trees, CST nodes, syntax errors and error recovery are the same. A grammar that uses one of the features
 * above is left to Langium's builder (`supportsGrammar` says which applies; a test pins IOM's grammar to this one).
 */

type Step = () => void;
type TokenTypeDictionary = Lexer['definition'];
type Token = TokenTypeDictionary[string];

/** The argument object every rule is called with: IOM's rules take no parameters. */
const NO_ARGUMENTS: Readonly<Record<string, boolean>> = Object.freeze({});

/** Occurrence indices of one rule, counted the way Langium's builder counts them (each kind from 1). */
interface Occurrences {
    consume: number;
    subrule: number;
    or: number;
    many: number;
    optional: number;
}

/** Why a grammar cannot be built here (undefined when it can). */
export function unsupportedFeature(grammar: GrammarAST.Grammar): string | undefined {
    for (const rule of GrammarUtils.getAllReachableRules(grammar, false)) {
        if (GrammarAST.isInfixRule(rule)) return `infix rule ${rule.name}`;
        if (!GrammarAST.isParserRule(rule)) continue;
        if (rule.parameters.length > 0) return `parameters of rule ${rule.name}`;
        const problem = unsupportedElement(rule.definition, rule.name);
        if (problem) return problem;
    }
    return undefined;
}

function unsupportedElement(element: GrammarAST.AbstractElement, ruleName: string): string | undefined {
    if (GrammarAST.isUnorderedGroup(element)) return `an unordered group in rule ${ruleName}`;
    if (GrammarAST.isEndOfFile(element)) return `EOF in rule ${ruleName}`;
    if (GrammarAST.isGroup(element) && element.guardCondition) return `a guard condition in rule ${ruleName}`;
    if (GrammarAST.isRuleCall(element) && element.arguments.length > 0) return `rule arguments in rule ${ruleName}`;
    if (GrammarAST.isAction(element) && element.feature) return `an assigning action in rule ${ruleName}`;
    const children =
        GrammarAST.isGroup(element) || GrammarAST.isAlternatives(element)
            ? element.elements
            : GrammarAST.isAssignment(element)
              ? [element.terminal]
              : [];
    for (const child of children) {
        const problem = unsupportedElement(child, ruleName);
        if (problem) return problem;
    }
    return undefined;
}

/** True when `buildParserRules` can build this grammar; otherwise Langium's builder must. */
export function supportsGrammar(grammar: GrammarAST.Grammar): boolean {
    return unsupportedFeature(grammar) === undefined;
}

/**
 * Defines every reachable parser rule of the grammar on the parser (not yet finalized). Throws when the grammar
 * uses a feature this builder leaves to Langium's (see `unsupportedFeature`).
 */
export function buildParserRules<P extends LangiumParser>(grammar: GrammarAST.Grammar, parser: P, tokens: TokenTypeDictionary): P {
    const problem = unsupportedFeature(grammar);
    if (problem) throw new Error(`The IOM parser builder does not support ${problem}.`);
    const tokenOf = (name: string) => {
        const token = tokens[name];
        if (!token) throw new Error(`No token for '${name}' in the lexer's vocabulary.`);
        return token;
    };
    const reachable = GrammarUtils.getAllReachableRules(grammar, false);
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule) || !reachable.has(rule)) continue;
        const counts: Occurrences = { consume: 1, subrule: 1, or: 1, many: 1, optional: 1 };
        const body = new RuleBuilder(parser, tokenOf, counts).element(rule.definition);
        parser.rule(rule, body);
    }
    return parser;
}

class RuleBuilder {
    constructor(
        private readonly parser: LangiumParser,
        private readonly tokenOf: (name: string) => Token,
        private readonly counts: Occurrences
    ) {}

    /** The step that parses an element, repeated or made optional by its cardinality. */
    element(element: GrammarAST.AbstractElement): Step {
        return this.repeated(this.single(element), element.cardinality);
    }

    private single(element: GrammarAST.AbstractElement): Step {
        const parser = this.parser;
        if (GrammarAST.isKeyword(element)) return this.consume(this.tokenOf(element.value), element);
        if (GrammarAST.isAction(element)) {
            const type = GrammarUtils.getTypeName(element);
            return () => parser.action(type, element);
        }
        if (GrammarAST.isAssignment(element)) return this.element(element.terminal);
        if (GrammarAST.isCrossReference(element)) return this.crossReference(element);
        if (GrammarAST.isRuleCall(element)) return this.ruleCall(element);
        if (GrammarAST.isAlternatives(element)) return this.alternatives(element);
        if (GrammarAST.isGroup(element)) return this.group(element);
        throw new Error(`The IOM parser builder does not support ${element.$type} elements.`);
    }

    private consume(token: Token, feature: GrammarAST.AbstractElement): Step {
        const parser = this.parser;
        const index = this.counts.consume++;
        return () => parser.consume(index, token, feature);
    }

    private subrule(rule: GrammarAST.ParserRule, feature: GrammarAST.AbstractElement, fragment: boolean): Step {
        const parser = this.parser;
        const index = this.counts.subrule++;
        // Rules are defined one after another: the called one is looked up on first use (when Chevrotain records
        // the grammar, after every rule is defined).
        let target: ReturnType<LangiumParser['rule']> | undefined;
        return () => {
            target ??= parser.getRule(rule.name);
            if (!target) throw new Error(`Rule ${rule.name} is not defined.`);
            parser.subrule(index, target, fragment, feature, NO_ARGUMENTS);
        };
    }

    private ruleCall(call: GrammarAST.RuleCall): Step {
        const rule = call.rule.ref;
        if (GrammarAST.isParserRule(rule)) return this.subrule(rule, call, rule.fragment);
        if (GrammarAST.isTerminalRule(rule)) return this.consume(this.tokenOf(rule.name), call);
        throw new Error(`Unresolved rule '${call.rule.$refText}' in the grammar.`);
    }

    private crossReference(reference: GrammarAST.CrossReference): Step {
        let terminal = reference.terminal;
        if (!terminal) {
            const type = reference.type.ref;
            if (!type) throw new Error(`Unresolved type '${reference.type.$refText}' in the grammar.`);
            terminal = GrammarUtils.findNameAssignment(type)?.terminal;
            if (!terminal) throw new Error(`No name assignment for type '${GrammarUtils.getTypeName(type)}'.`);
        }
        if (GrammarAST.isKeyword(terminal)) return this.consume(this.tokenOf(terminal.value), reference);
        if (GrammarAST.isRuleCall(terminal)) {
            const rule = terminal.rule.ref;
            if (GrammarAST.isParserRule(rule)) return this.subrule(rule, reference, false);
            if (GrammarAST.isTerminalRule(rule)) return this.consume(this.tokenOf(rule.name), reference);
        }
        throw new Error('A cross-reference must be written with a keyword, a terminal or a data type rule.');
    }

    private alternatives(alternatives: GrammarAST.Alternatives): Step {
        const [only] = alternatives.elements;
        if (only && alternatives.elements.length === 1) return this.element(only);
        const choices = alternatives.elements.map(element => ({ ALT: this.element(element) }));
        const parser = this.parser;
        const index = this.counts.or++;
        return () => parser.alternatives(index, choices);
    }

    private group(group: GrammarAST.Group): Step {
        const steps = group.elements.map(element => this.element(element));
        const [first, second] = steps;
        if (first && steps.length === 1) return first;
        if (first && second && steps.length === 2) {
            return () => {
                first();
                second();
            };
        }
        return () => {
            for (const step of steps) step();
        };
    }

    private repeated(step: Step, cardinality: GrammarAST.AbstractElement['cardinality']): Step {
        const parser = this.parser;
        const options = { DEF: step };
        switch (cardinality) {
            case undefined:
                return step;
            case '*': {
                const index = this.counts.many++;
                return () => parser.many(index, options);
            }
            case '+': {
                const index = this.counts.many++;
                return () => parser.atLeastOne(index, options);
            }
            case '?': {
                const index = this.counts.optional++;
                return () => parser.optional(index, options);
            }
        }
    }
}
