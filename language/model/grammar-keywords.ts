import { AstUtils, type Grammar, GrammarAST, GrammarUtils } from 'langium';

/** The keywords of the grammar that look like identifiers: they cannot be written as bare names. */
export function keywordsOf(grammar: Grammar): string[] {
    const keywords = new Set<string>();
    for (const rule of GrammarUtils.getAllReachableRules(grammar, false)) {
        for (const node of AstUtils.streamAllContents(rule)) {
            if (GrammarAST.isKeyword(node) && /^\w+$/.test(node.value)) keywords.add(node.value);
        }
    }
    return [...keywords].sort();
}
