import { type AstNode, CstUtils, type LangiumDocument } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import {
    ErrorCodes,
    type PrepareRenameParams,
    type Range,
    type RenameParams,
    ResponseError,
    TextEdit,
    type WorkspaceEdit
} from 'vscode-languageserver';
import { formatName } from '../catalog/catalog.js';
import { kindOf } from '../model/kinds.js';
import { isBuiltinNode } from '../model/builtin.js';
import { unquote } from '../model/names.js';

/**
 * Rename across files. The new name is written as the language spells it (quoted when it is not an identifier), at
 * the declaration and at every reference. Built-in catalog items belong to IOM and cannot be renamed: preparing or
 * performing such a rename fails with a message saying so.
 */
export class IomRenameProvider extends DefaultRenameProvider {
    constructor(protected readonly services: LangiumServices) {
        super(services);
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const target = this.targetAt(document, params.position);
        if (!target) return undefined;
        this.refuseBuiltin(target);
        const bare = unquote(params.newName.trim());
        if (!bare || /[\r\n]/.test(bare)) throw new ResponseError(ErrorCodes.InvalidParams, 'A name must be non-empty and fit on one line.');
        const newName = formatName(bare);
        const changes: Record<string, TextEdit[]> = {};
        for (const reference of this.references.findReferences(target, { includeDeclaration: true })) {
            const uri = reference.sourceUri.toString();
            (changes[uri] ??= []).push(TextEdit.replace(reference.segment.range, newName));
        }
        return { changes };
    }

    override prepareRename(document: LangiumDocument, params: PrepareRenameParams): Range | undefined {
        const range = super.prepareRename(document, params) as Range | undefined;
        if (!range) return undefined;
        const target = this.targetAt(document, params.position);
        if (target) this.refuseBuiltin(target);
        return range;
    }

    private targetAt(document: LangiumDocument, position: { line: number; character: number }): AstNode | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(position), this.grammarConfig.nameRegexp);
        return leaf ? this.references.findDeclarations(leaf)[0] : undefined;
    }

    private refuseBuiltin(target: AstNode): void {
        if (isBuiltinNode(target)) {
            const name = this.nameProvider.getName(target) ?? '';
            throw new ResponseError(
                ErrorCodes.InvalidRequest,
                `"${name}" is a built-in ${kindOf(target.$type)} of the IOM catalog and cannot be renamed.`
            );
        }
    }
}
