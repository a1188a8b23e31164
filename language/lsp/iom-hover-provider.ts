import { type AstNode, AstUtils, GrammarAST, type LangiumDocument, type MaybePromise } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { IomServices } from '../iom-module.js';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { describeNode } from './iom-descriptions.js';
import { keywordExplanation } from './iom-keyword-docs.js';
import { operatorNameOf } from '../model/operators.js';

/**
 * Hovers: declarations and references show the declaration's kind, doc comment and key settings (built-in catalog
 * items their catalog documentation, tiles the action type they imply, fields their type and entity, events the steps
 * that raise and consume them); keywords show their own short explanation, or nothing.
 */
export class IomHoverProvider extends AstNodeHoverProvider {
    constructor(protected readonly services: IomServices) {
        super(services);
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const hover = await super.getHoverContent(document, params);
        if (hover) return hover;
        // On the opening quote of a quoted name, hover the name.
        const offset = document.textDocument.offsetAt(params.position);
        if (document.textDocument.getText().charAt(offset) === '"') {
            return super.getHoverContent(document, { ...params, position: document.textDocument.positionAt(offset + 1) });
        }
        return undefined;
    }

    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        return describeNode(this.services, node);
    }

    protected override getKeywordHoverContent(keyword: GrammarAST.AbstractElement): MaybePromise<Hover | undefined> {
        if (!GrammarAST.isKeyword(keyword)) return undefined;
        const text = keywordDocumentation(keyword);
        return text ? { contents: { kind: 'markdown', value: text } } : undefined;
    }
}

/** What a keyword means: the operator it spells, or its own short explanation (see iom-keyword-docs.ts); else nothing. */
export function keywordDocumentation(keyword: GrammarAST.Keyword): string | undefined {
    const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
    const operator = rule?.name === 'ComparisonOperator' ? operatorNameOf(keyword.value) : undefined;
    if (operator) {
        return `Operator **${operator}**.`;
    }
    if (rule?.name === 'DataOperator') {
        return keyword.value === 'does' || keyword.value === 'not'
            ? "Operator **Doesn't contain data**."
            : "Operator **Contains data** (or, after `does not`, **Doesn't contain data**).";
    }
    return keywordExplanation(keyword);
}
