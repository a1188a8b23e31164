/**
 * Values: enum values of choice fields, orchestration types and mapping groups from the catalog; and what the
 * cursor's row expects (the field before the cursor, the type of value), which keyword completion reads too
 * (operators for the field, `true`/`false` for yes/no fields and parameters).
 */
import { type AstNode, AstUtils, GrammarAST } from 'langium';
import type { CompletionAcceptor, CompletionContext, NextFeature } from 'langium/lsp';
import { CompletionItemKind } from 'vscode-languageserver';
import { catalog } from '../../catalog/catalog.js';
import { type Entity, type Field, isComparison, isParameterValue, isRelatedCondition, isSetValue } from '../../generated/ast.js';
import type { IomServices } from '../../iom-module.js';
import { fieldsOf } from '../../scoping/entity-members.js';
import { entityInContext } from '../../scoping/iom-scope-provider.js';
import { ruleOf } from './keywords.js';
import { lineBeforeToken, SORT } from './typed-text.js';

/** The literal values a string at the cursor may take: a choice field's values, orchestration types, mapping groups. */
export function completionForValue(services: IomServices, context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): void {
    const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
    const rule = ruleOf(next.feature);
    const values: Array<{ value: string; detail: string; documentation: string }> = [];
    if (rule === 'StringLiteral') {
        const field = fieldBeforeCursor(services, context);
        if (field?.fieldType === 'choice') {
            for (const value of field.values) {
                values.push({ value, detail: `value of ${field.name}`, documentation: `A value of the choice field **${field.name}**.` });
            }
        }
    } else if (rule === 'Journey' && assignment?.feature === 'orchestrationType') {
        for (const type of catalog.orchestrationTypes) {
            values.push({ value: type.name, detail: 'orchestration type', documentation: type.description ?? 'An orchestration type.' });
        }
    } else if (rule === 'ProviderInstance' && assignment?.feature === 'mappingGroup') {
        for (const group of catalog.mappingGroups) {
            values.push({ value: group, detail: 'mapping group', documentation: "A mapping group of the provider's transformations." });
        }
    }
    for (const { value, detail, documentation } of values) {
        const insertText = JSON.stringify(value);
        acceptor(context, {
            label: insertText,
            kind: CompletionItemKind.EnumMember,
            detail,
            documentation: { kind: 'markdown', value: documentation },
            insertText,
            filterText: insertText,
            sortText: SORT.value
        });
    }
}

/** The field of the condition or `set` row the cursor is in, known once the field has been written. */
export function fieldBeforeCursor(services: IomServices, context: CompletionContext): Field | undefined {
    const node = context.node;
    if ((isComparison(node) || isSetValue(node)) && node.field?.ref) {
        const fieldEnd = node.field.$refNode?.end ?? 0;
        if (fieldEnd <= context.tokenOffset) return node.field.ref;
    }
    // The row is not parsed yet: read the field name before the cursor on this line.
    const line = lineBeforeToken(context);
    const match = /(?:^|[\s{])(?:set\s+)?("(?:\\.|[^"\\])*"|[_a-zA-Z]\w*)\s*(?:=|!=|>=|<=|>|<)?\s*$/.exec(line);
    const written = match?.[1];
    if (written === undefined) return undefined;
    const name = written.startsWith('"') ? (JSON.parse(written) as string) : written;
    const entity = node ? entityAt(node) : undefined;
    return entity ? fieldsOf(services.shared, entity).find(field => field.name === name) : undefined;
}

/** The type of value expected at the cursor, where it is known: a field's type, or a parameter's type. */
export function valueTypeAtCursor(services: IomServices, context: CompletionContext): string | undefined {
    const node = context.node;
    if (isParameterValue(node) && node.parameter?.ref) return node.parameter.ref.dataType?.toLowerCase() ?? 'text';
    return fieldBeforeCursor(services, context)?.fieldType;
}

/** The entity whose fields a condition at this node refers to. */
function entityAt(node: AstNode): Entity | undefined {
    const related = AstUtils.getContainerOfType(node, isRelatedCondition);
    if (related && related !== node) return related.relation?.ref?.target?.ref;
    if (isRelatedCondition(node)) return node.relation?.ref?.target?.ref ?? entityInContext(node);
    return entityInContext(node);
}
