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
import { type FixDataByKey, type FixOf, type FixableKey, fixOf } from '../validation/diagnostic-builder.js';

/** The quick fix of a code: the diagnostic, the fix data its report attached (typed by its catalog entry), the document. */
type Fix<Data> = (diagnostic: Diagnostic, data: Data, document: LangiumDocument) => CodeAction | CodeAction[] | undefined;

/** One fix per catalog code that declares one (`fix: quickFix<Data>()`): a code without its fix does not compile. */
type Fixes = { readonly [K in FixableKey]: Fix<FixDataByKey[K]> };

export class IomCodeActionProvider implements CodeActionProvider {
    private readonly fixes: Fixes = {
        unresolvedReference: (d, data, doc) =>
            data.suggestion !== undefined
                ? this.action(`Change to '${data.suggestion}'`, d, doc, [{ range: d.range, newText: formatName(data.suggestion) }], true)
                : this.createDeclaration(d, data, doc),
        inputEventNotAllowed: (d, data, doc) => this.replaceOrAllowInput(d, data, doc),
        executionPolicyAsFilter: (d, data, doc) => this.switchPolicyType(d, data, doc),
        filterPolicyAsExecution: (d, data, doc) => this.switchPolicyType(d, data, doc),
        actionOnFilterPolicy: (d, data, doc) => this.switchPolicyType(d, data, doc),
        missingRequiredParameter: (d, data, doc) =>
            this.addToBlock(
                d,
                doc,
                isProviderInstance,
                data.missing.map(name => `parameter ${formatName(name)} = ""`),
                `Add parameter ${data.missing.join(', ')}`
            ),
        unusedConnection: (d, _data, doc) => this.removeElement(d, doc),
        redundantAllow: (d, data, doc) => (data.wholeDeclaration ? this.removeElement(d, doc) : undefined),
        conditionMissingPath: (d, data, doc) => this.addToBlock(d, doc, isConditionElement, [`${data.path} { }`], `Add the ${data.path} path`),
        actionTypeDiffersFromTile: (d, data, doc) =>
            this.action(
                `Use the tile's action type '${data.replacement}'`,
                d,
                doc,
                [{ range: d.range, newText: formatName(data.replacement) }],
                true
            ),
        missingOrchestrationType: (d, data, doc) => this.addToBlock(d, doc, isJourney, [data.setting], 'Add the orchestration type', true),
        unsupportedOrchestrationType: (d, data, doc) =>
            this.action(`Use ${data.replacement}`, d, doc, [{ range: d.range, newText: data.replacement }], true),
        systemNotActivated: (d, data, doc) => this.addToBlock(d, doc, isPlatform, [data.setting], 'Activate the system'),
        missingCriticality: (d, data, doc) => this.addToBlock(d, doc, isPolicy, [data.setting], 'Add criticality information', true),
        stepsAfterUnmergedElement: (d, _data, doc) => this.addMerge(d, doc),
        unusedSuppression: (d, _data, doc) => this.removeSuppression(d, doc),
        providerNotActivated: (d, _data, doc) => this.activateProvider(d, doc),
        missingSourceObject: (d, data, doc) =>
            this.addToBlock(d, doc, isTransformationDefinition, [data.setting], 'Add the source object (the Dataverse table)'),
        missingDestinationObject: (d, data, doc) => this.addToBlock(d, doc, isTransformationDefinition, [data.setting], 'Add the destination object')
    };

    constructor(private readonly services: IomServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<CodeAction[] | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const fix = fixOf(diagnostic);
            const action = fix && this.apply(fix, diagnostic, document);
            if (action) actions.push(...(Array.isArray(action) ? action : [action]));
        }
        return actions;
    }

    /** Runs the fix of a code with its data (one generic step, so that the fix and its data stay paired). */
    private apply<K extends FixableKey>(fix: FixOf<K>, diagnostic: Diagnostic, document: LangiumDocument): ReturnType<Fix<unknown>> {
        const run: Fix<FixDataByKey[K]> = this.fixes[fix.key];
        return run(diagnostic, fix.data, document);
    }

    // -- fixes ----------------------------------------------------------------------------------------------------

    /**
     * An input event the step's action type does not allow: when an allowed event has a similar name (a typo, another
     * spelling), replacing it is the preferred fix; allowing the event as an input of the action type is the other.
     */
    private replaceOrAllowInput(diagnostic: Diagnostic, data: FixDataByKey['inputEventNotAllowed'], document: LangiumDocument): CodeAction[] {
        const { event, actionType } = data;
        const allow = this.action(`Allow '${event}' as input of '${actionType}'`, diagnostic, document, [
            this.append(document, `allow ${formatName(event)} as input of ${formatName(actionType)}\n`)
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

    private createDeclaration(diagnostic: Diagnostic, data: FixDataByKey['unresolvedReference'], document: LangiumDocument): CodeAction | undefined {
        const name = formatName((data.refText ?? '').replace(/^"|"$/g, ''));
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
        return text && data.referenceType
            ? this.action(`Create ${data.referenceType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} ${name}`, diagnostic, document, [
                  this.append(document, text)
              ])
            : undefined;
    }

    private switchPolicyType(
        diagnostic: Diagnostic,
        data: FixDataByKey['executionPolicyAsFilter' | 'filterPolicyAsExecution' | 'actionOnFilterPolicy'],
        document: LangiumDocument
    ): CodeAction | undefined {
        const policy = this.services.shared.workspace.IndexManager.allElements('Policy').find(description => description.name === data.policy)?.node;
        const typeNode = isPolicy(policy) ? GrammarUtils.findNodeForProperty(policy.$cstNode, 'policyType') : undefined;
        if (!isPolicy(policy) || !typeNode) return undefined;
        const target = AstUtils.getDocument(policy);
        return this.action(
            `Make '${policy.name}' ${data.to === 'filter' ? 'a filter' : 'an execution'} policy`,
            diagnostic,
            document,
            [{ range: typeNode.range, newText: data.to }],
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
                ?.trim()
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
        const instance = this.services.shared.workspace.IndexManager.allElements('ProviderInstance').find(
            description => description.name === name
        )?.node;
        const cst = instance?.$cstNode;
        if (!isProviderInstance(instance) || !cst) return undefined;
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
        const root = document.parseResult.value.$cstNode;
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
