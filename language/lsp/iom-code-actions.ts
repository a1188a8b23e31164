/**
 * Quick fixes for catalog diagnostics. Each fix reads the diagnostic's `data` (its `code` plus what the check put
 * there) and edits the text; the fixed text re-validates clean of that diagnostic (tested end to end).
 */
import { type AstNode, AstUtils, CstUtils, GrammarUtils, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { formatName } from '../catalog/catalog.js';
import {
    type ConditionElement,
    type Model,
    type Policy,
    type ProviderInstance,
    isConditionElement,
    isElement,
    isJourney,
    isPlatform,
    isPolicy,
    isProviderInstance,
    isSplitter,
    isStep,
    isTransformationDefinition
} from '../generated/ast.js';
import { closest } from '../model/names.js';
import { effectiveActionType } from '../model/journeys.js';
import type { IomServices } from '../iom-module.js';
import { Diagnostics } from '../validation/diagnostics.js';

type Fix = (diagnostic: Diagnostic, data: Record<string, unknown>, document: LangiumDocument) => CodeAction | CodeAction[] | undefined;

export class IomCodeActionProvider implements CodeActionProvider {
    private readonly fixes: Record<string, Fix>;

    constructor(private readonly services: IomServices) {
        const D = Diagnostics;
        this.fixes = {
            [D.unresolvedReference.code]: (d, data, doc) =>
                data.suggestion !== undefined
                    ? this.action(`Change to '${data.suggestion}'`, d, doc, [{ range: d.range, newText: formatName(String(data.suggestion)) }], true)
                    : this.createDeclaration(d, data, doc),
            [D.inputEventNotAllowed.code]: (d, data, doc) => this.replaceOrAllowInput(d, data, doc),
            [D.executionPolicyAsFilter.code]: (d, data, doc) => this.switchPolicyType(d, data, doc),
            [D.filterPolicyAsExecution.code]: (d, data, doc) => this.switchPolicyType(d, data, doc),
            [D.actionOnFilterPolicy.code]: (d, data, doc) => this.switchPolicyType(d, data, doc),
            [D.missingRequiredParameter.code]: (d, data, doc) =>
                this.addToBlock(
                    d,
                    doc,
                    isProviderInstance,
                    (data.missing as string[]).map(name => `parameter ${formatName(name)} = ""`),
                    `Add parameter ${(data.missing as string[]).join(', ')}`
                ),
            [D.unusedConnection.code]: (d, _data, doc) => this.removeElement(d, doc),
            [D.redundantAllow.code]: (d, data, doc) => (data.fix === 'remove-declaration' ? this.removeElement(d, doc) : undefined),
            [D.conditionMissingPath.code]: (d, data, doc) =>
                this.addToBlock(d, doc, isConditionElement, [`${data.path} { }`], `Add the ${data.path} path`),
            [D.actionTypeDiffersFromTile.code]: (d, data, doc) =>
                this.action(
                    `Use the tile's action type '${data.replacement}'`,
                    d,
                    doc,
                    [{ range: d.range, newText: formatName(String(data.replacement)) }],
                    true
                ),
            [D.missingOrchestrationType.code]: (d, data, doc) =>
                this.addToBlock(d, doc, isJourney, [String(data.setting)], 'Add the orchestration type', true),
            [D.unsupportedOrchestrationType.code]: (d, data, doc) =>
                this.action(`Use ${data.replacement}`, d, doc, [{ range: d.range, newText: String(data.replacement) }], true),
            [D.systemNotActivated.code]: (d, _data, doc) => this.addToBlock(d, doc, isPlatform, ['activated'], 'Activate the system'),
            [D.missingCriticality.code]: (d, data, doc) =>
                this.addToBlock(d, doc, isPolicy, [String(data.setting)], 'Add criticality information', true),
            [D.stepsAfterUnmergedElement.code]: (d, _data, doc) => this.addMerge(d, doc),
            [D.unusedSuppression.code]: (d, _data, doc) => this.removeSuppression(d, doc),
            [D.providerNotActivated.code]: (d, _data, doc) => this.activateProvider(d, doc),
            [D.missingSourceObject.code]: (d, data, doc) =>
                this.addToBlock(d, doc, isTransformationDefinition, [String(data.setting)], 'Add the source object (the Dataverse table)'),
            [D.missingDestinationObject.code]: (d, data, doc) =>
                this.addToBlock(d, doc, isTransformationDefinition, [String(data.setting)], 'Add the destination object')
        };
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<CodeAction[] | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const data = (diagnostic.data ?? {}) as Record<string, unknown>;
            const fix = typeof data.code === 'string' ? this.fixes[data.code] : undefined;
            const action = fix?.(diagnostic, data, document);
            if (action) actions.push(...(Array.isArray(action) ? action : [action]));
        }
        return actions;
    }

    // -- fixes ----------------------------------------------------------------------------------------------------

    /**
     * An input event the step's action type does not allow: when an allowed event has a similar name (a typo, another
     * spelling), replacing it is the preferred fix; allowing the event as an input of the action type is the other.
     */
    private replaceOrAllowInput(diagnostic: Diagnostic, data: Record<string, unknown>, document: LangiumDocument): CodeAction[] {
        const event = String(data.event);
        const allow = this.action(`Allow '${event}' as input of '${data.actionType}'`, diagnostic, document, [
            this.append(document, `allow ${formatName(event)} as input of ${formatName(String(data.actionType))}\n`)
        ]);
        const step = this.enclosing(document, diagnostic.range, isStep);
        const similar = similarName(
            event,
            [...this.services.shared.workspace.FactsProvider.allowedInputEvents(step && effectiveActionType(step))].map(allowed => allowed.name)
        );
        if (similar === undefined) return [{ ...allow, isPreferred: true }];
        return [
            this.action(
                `Replace with the allowed '${similar}'`,
                diagnostic,
                document,
                [{ range: diagnostic.range, newText: formatName(similar) }],
                true
            ),
            allow
        ];
    }

    private createDeclaration(diagnostic: Diagnostic, data: Record<string, unknown>, document: LangiumDocument): CodeAction | undefined {
        const name = formatName(String(data.refText ?? '').replace(/^"|"$/g, ''));
        let text: string | undefined;
        switch (data.referenceType) {
            case 'BusinessEvent':
                text = `event ${name}\n`;
                break;
            case 'Connection':
                text = `connection ${name} {\n    url ""\n}\n`;
                break;
            case 'Policy':
                text = `policy ${name} {\n    type ${data.property === 'filterPolicies' ? 'filter' : 'execution'}\n    criticality information\n    entity Order\n    published\n}\n`;
                break;
        }
        return text
            ? this.action(
                  `Create ${String(data.referenceType)
                      .replace(/([a-z])([A-Z])/g, '$1 $2')
                      .toLowerCase()} ${name}`,
                  diagnostic,
                  document,
                  [this.append(document, text)]
              )
            : undefined;
    }

    private switchPolicyType(diagnostic: Diagnostic, data: Record<string, unknown>, document: LangiumDocument): CodeAction | undefined {
        const policy = this.services.shared.workspace.IndexManager.allElements('Policy').find(description => description.name === data.policy)
            ?.node as Policy | undefined;
        const typeNode = policy && GrammarUtils.findNodeForProperty(policy.$cstNode, 'policyType');
        if (!policy || !typeNode) return undefined;
        const target = AstUtils.getDocument(policy);
        return this.action(
            `Make '${policy.name}' ${data.to === 'filter' ? 'a filter' : 'an execution'} policy`,
            diagnostic,
            document,
            [{ range: typeNode.range, newText: String(data.to) }],
            false,
            target
        );
    }

    private addToBlock<T extends AstNode>(
        diagnostic: Diagnostic,
        document: LangiumDocument,
        is: (node: unknown) => node is T,
        lines: string[],
        title: string,
        first = false
    ): CodeAction | undefined {
        const node = this.enclosing(document, diagnostic.range, is);
        const cst = node?.$cstNode;
        if (!node || !cst) return undefined;
        const text = document.textDocument.getText();
        const indent = indentationAt(text, cst.offset) + '    ';
        const open = text.indexOf('{', cst.offset);
        const close = cst.end - 1;
        if (open < 0 || text[close] !== '}') return undefined;
        const body = lines.map(line => `${indent}${line}\n`).join('');
        const inline = !text.slice(open + 1, close).includes('\n');
        let edit: TextEdit;
        if (inline) {
            const inner = text.slice(open + 1, close).trim();
            edit = { range: rangeOf(document, open + 1, close), newText: `\n${inner ? `${indent}${inner}\n` : ''}${body}${indent.slice(4)}` };
        } else if (first) {
            edit = { range: rangeOf(document, open + 1, open + 1), newText: `\n${body.replace(/\n$/, '')}` };
        } else {
            const lineStart = text.lastIndexOf('\n', close) + 1;
            edit = { range: rangeOf(document, lineStart, lineStart), newText: body };
        }
        return this.action(title, diagnostic, document, [edit], true);
    }

    private removeElement(diagnostic: Diagnostic, document: LangiumDocument): CodeAction | undefined {
        const element = this.enclosing(document, diagnostic.range, isElement);
        const cst = element?.$cstNode;
        if (!cst) return undefined;
        const text = document.textDocument.getText();
        let start = text.lastIndexOf('\n', cst.offset - 1) + 1;
        // Take the element's documentation comment and its blank line along.
        const comment = CstUtils.findCommentNode(cst, ['ML_COMMENT']);
        if (comment) start = text.lastIndexOf('\n', comment.offset - 1) + 1;
        let end = text.indexOf('\n', cst.end);
        end = end < 0 ? text.length : end + 1;
        return this.action('Remove the unused declaration', diagnostic, document, [{ range: rangeOf(document, start, end), newText: '' }], true);
    }

    private addMerge(diagnostic: Diagnostic, document: LangiumDocument): CodeAction | undefined {
        const element = this.enclosing(document, diagnostic.range, (node): node is ConditionElement => isConditionElement(node) || isSplitter(node));
        if (!element?.$cstNode) return undefined;
        const offset = element.$cstNode.offset + (isSplitter(element) ? 'splitter' : 'condition').length;
        return this.action(
            `Make it a ${isSplitter(element) ? 'Splitter' : 'Condition'}-Merge`,
            diagnostic,
            document,
            [{ range: rangeOf(document, offset, offset), newText: ' merge' }],
            true
        );
    }

    private removeSuppression(diagnostic: Diagnostic, document: LangiumDocument): CodeAction | undefined {
        const text = document.textDocument;
        const line = text.getText({
            start: { line: diagnostic.range.start.line, character: 0 },
            end: { line: diagnostic.range.start.line + 1, character: 0 }
        });
        const codes =
            /iom-disable-next-line\b(.*)$/m
                .exec(line)?.[1]
                .trim()
                .split(/[\s,]+/) ?? [];
        const edit: TextEdit =
            codes.length <= 1
                ? {
                      range: {
                          start: { line: diagnostic.range.start.line, character: 0 },
                          end: { line: diagnostic.range.start.line + 1, character: 0 }
                      },
                      newText: ''
                  }
                : {
                      range: {
                          start: { line: diagnostic.range.start.line, character: diagnostic.range.start.character - 1 },
                          end: diagnostic.range.end
                      },
                      newText: ''
                  };
        return this.action('Remove the unused suppression', diagnostic, document, [edit], true);
    }

    private activateProvider(diagnostic: Diagnostic, document: LangiumDocument): CodeAction | undefined {
        const name = document.textDocument.getText(diagnostic.range).replace(/^"|"$/g, '');
        const instance = this.services.shared.workspace.IndexManager.allElements('ProviderInstance').find(description => description.name === name)
            ?.node as ProviderInstance | undefined;
        const cst = instance?.$cstNode;
        if (!instance || !cst) return undefined;
        const target = AstUtils.getDocument(instance);
        const text = target.textDocument.getText();
        const close = cst.end - 1;
        const inline = !text.slice(cst.offset, close).includes('\n');
        const indent = indentationAt(text, cst.offset);
        const edit: TextEdit = inline
            ? { range: rangeOf(target, close, close), newText: `${text[close - 1] === ' ' ? '' : ' '}activated ` }
            : { range: rangeOf(target, text.lastIndexOf('\n', close) + 1, text.lastIndexOf('\n', close) + 1), newText: `${indent}    activated\n` };
        return this.action(`Activate provider '${instance.name}'`, diagnostic, document, [edit], true, target);
    }

    // -- helpers --------------------------------------------------------------------------------------------------

    private action(
        title: string,
        diagnostic: Diagnostic,
        document: LangiumDocument,
        edits: TextEdit[],
        preferred = false,
        target = document
    ): CodeAction {
        return {
            title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: preferred,
            edit: { changes: { [target.textDocument.uri]: edits } }
        };
    }

    private append(document: LangiumDocument, text: string): TextEdit {
        const content = document.textDocument.getText();
        const end = document.textDocument.positionAt(content.length);
        return { range: { start: end, end }, newText: (content.length && !content.endsWith('\n') ? '\n' : '') + (content.trim() ? '\n' : '') + text };
    }

    /** The innermost node of a kind that contains the start of a range. */
    private enclosing<T extends AstNode>(document: LangiumDocument, range: Range, is: (node: unknown) => node is T): T | undefined {
        const root = (document.parseResult.value as Model).$cstNode;
        const offset = document.textDocument.offsetAt(range.start);
        let node: AstNode | undefined = root && CstUtils.findLeafNodeAtOffset(root, offset)?.astNode;
        while (node && !is(node)) node = node.$container;
        return node;
    }
}

/**
 * The candidate most like `name` (not `name` itself): equal ignoring case and punctuation, or within an edit distance
 * of a third of the name's length (at least 2). Undefined when none is that close.
 */
export function similarName(name: string, candidates: string[]): string | undefined {
    const normalize = (text: string) =>
        text
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, ' ')
            .trim();
    return closest(
        name,
        candidates.filter(candidate => candidate !== name),
        { normalize }
    );
}

function indentationAt(text: string, offset: number): string {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function rangeOf(document: LangiumDocument, start: number, end: number): Range {
    return { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) };
}
