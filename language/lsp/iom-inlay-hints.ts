import type { AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import { isStep } from '../generated/ast.js';

/**
 * Inlay hints where the source leaves something implicit:
 * - after a step's tile, the action type the tile implies, when the step does not set one;
 * - after a step's provider, the provider definition behind the provider instance (and so behind its action).
 */
export class IomInlayHintProvider extends AbstractInlayHintProvider {
    override computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
        if (!isStep(node)) return;
        const tileNode = node.tile?.$refNode;
        const implied = node.tile?.ref?.actionType?.ref;
        if (tileNode && !node.actionType && implied) {
            acceptor({
                position: tileNode.range.end,
                label: `action type: ${implied.name}`,
                kind: InlayHintKind.Type,
                paddingLeft: true,
                tooltip: `The tile "${node.tile.ref!.name}" implies the action type "${implied.name}".`
            });
        }
        const providerNode = node.provider?.$refNode;
        const definition = node.provider?.ref?.definition?.ref;
        if (providerNode && definition) {
            acceptor({
                position: providerNode.range.end,
                label: `from ${definition.name}`,
                kind: InlayHintKind.Type,
                paddingLeft: true,
                tooltip: `The provider "${node.provider!.ref!.name}" is an instance of the provider definition "${definition.name}", which defines its actions.`
            });
        }
    }
}
