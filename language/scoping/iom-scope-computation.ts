import {
    type AstNode,
    type AstNodeDescription,
    DefaultScopeComputation,
    interruptAndCheck,
    type LangiumDocument,
    type LocalSymbols,
    MultiMap
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { isProviderDefinition, type Model } from '../generated/ast.js';

/**
 * Every top-level declaration is visible in the whole workspace, under its name and its aliases (built-in items
 * such as "New Order" are also known as "New order"). Business events declared inside a provider definition are
 * global events too. Members (a definition's parameters, an entity's fields, …) are reached through their owner by
 * the scope provider, so nothing is collected as a local symbol.
 */
export class IomScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<AstNodeDescription[]> {
        const exports: AstNodeDescription[] = [];
        for (const element of (document.parseResult.value as Model).elements) {
            await interruptAndCheck(cancelToken);
            this.exportWithAliases(element, exports, document);
            if (isProviderDefinition(element)) {
                for (const event of element.events) this.exportWithAliases(event, exports, document);
            }
        }
        return exports;
    }

    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap<AstNode, AstNodeDescription>();
    }

    protected exportWithAliases(node: AstNode, exports: AstNodeDescription[], document: LangiumDocument): void {
        const name = this.nameProvider.getName(node);
        if (!name) return;
        exports.push(this.descriptions.createDescription(node, name, document));
        for (const alias of aliasesOf(node)) {
            if (alias !== name) exports.push(this.descriptions.createDescription(node, alias, document));
        }
    }
}

/** The alternative names of a declaration (its `aliases` setting), if it has any. */
export function aliasesOf(node: AstNode): readonly string[] {
    const aliases = (node as { aliases?: unknown }).aliases;
    return Array.isArray(aliases) ? (aliases as string[]) : [];
}
