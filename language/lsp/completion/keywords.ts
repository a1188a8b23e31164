/** What the grammar says about a keyword offered by completion: its rule, whether it starts it, its detail. */
import { AstUtils, GrammarAST } from 'langium';
import { kindOf } from '../../model/kinds.js';

/** The name of the parser rule a grammar element belongs to. */
export function ruleOf(element: GrammarAST.AbstractElement): string | undefined {
    return AstUtils.getContainerOfType(element, GrammarAST.isParserRule)?.name;
}

/** Whether a keyword is the first token of its rule (`journey` of Journey). */
export function isFirstOfRule(keyword: GrammarAST.Keyword): boolean {
    const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
    if (!rule) return false;
    let first: GrammarAST.AbstractElement | undefined = rule.definition;
    while (GrammarAST.isGroup(first)) first = first.elements.find(e => !GrammarAST.isAction(e));
    return first === keyword;
}

export function keywordDetail(keyword: GrammarAST.Keyword): string {
    const ruleName = ruleOf(keyword);
    if (!ruleName) return 'keyword';
    const rule = ruleName === 'ActionTypeInput' ? 'allowed input events' : ruleName;
    if (isFirstOfRule(keyword)) return `keyword: ${kindOf(rule)}`;
    return `keyword in ${kindOf(rule)}`;
}

/** The whole phrase a data operator keyword starts. */
export function dataOperatorPhrase(keyword: GrammarAST.Keyword): string | undefined {
    if (keyword.value === 'contains') return 'contains data';
    if (keyword.value === 'does') return 'does not contain data';
    return undefined;
}
