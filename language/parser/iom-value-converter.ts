import { type CstNode, CstUtils, DefaultValueConverter, type GrammarAST, isLeafCstNode, type ValueType } from 'langium';

/** Datatype rules made of several keywords, whose value is the keywords joined by single spaces (`provider action`). */
const PHRASE_RULES = new Set(['LogicType', 'DataOperator', 'Cardinality', 'MappingTable']);

/**
 * Converts the language's values: quoted names lose their quotes and escapes, text blocks (`"""…"""`) lose their
 * delimiters and common indentation, and keyword phrases keep their spaces.
 */
export class IomValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'TEXT_BLOCK') return convertTextBlock(input);
        if (PHRASE_RULES.has(rule.name)) {
            return CstUtils.streamCst(cstNode)
                .filter(node => isLeafCstNode(node) && !node.hidden)
                .map(node => node.text)
                .join(' ');
        }
        return super.runConverter(rule, input, cstNode);
    }
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
