import { catalog, findInCatalog } from '../catalog/catalog.js';
import type { Comparison, Literal, Policy, Rule, SetValue, Field } from '../generated/ast.js';
import { isBooleanLiteral, isNumberLiteral, isStringLiteral } from '../generated/ast.js';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';
import type { Check } from './check-context.js';
import { isBuiltinDocument } from '../model/builtin.js';
import { isOrderingOperator } from '../model/operators.js';
import { AstUtils } from 'langium';

/** A policy has a type, a criticality, an associated entity that may be one, and rules. */
export const policiesMustBeComplete: Check<Policy> = () => (node, accept) => {
    if (!node.policyType) report(accept, Diagnostics.missingPolicyType, { node, property: 'name' }, { name: node.name });
    if (!node.criticality)
        report(accept, Diagnostics.missingCriticality, { node, property: 'name' }, { name: node.name }, { setting: 'criticality information' });
    const entity = node.entity?.ref;
    if (!node.entity) {
        report(accept, Diagnostics.missingAssociatedEntity, { node, property: 'name' }, { name: node.name });
    } else if (entity && isBuiltinDocument(AstUtils.getDocument(entity)) && findInCatalog(catalog.entities, entity.name)?.associated === false) {
        report(accept, Diagnostics.notAnAssociatedEntity, { node, property: 'entity' }, { entity: entity.name });
    }
    if (node.rules.length === 0) report(accept, Diagnostics.policyWithoutRules, { node, property: 'name' }, { name: node.name });
};

/** Set Value actions appear only on execution policies. */
export const actionsOnlyOnExecutionPolicies: Check<SetValue> = () => (node, accept) => {
    const policy = node.$container.$container;
    if (policy.policyType === 'filter') {
        report(accept, Diagnostics.actionOnFilterPolicy, { node }, { policy: policy.name }, { policy: policy.name, to: 'execution' });
    }
};

/** A rule has at least one condition. */
export const rulesMustHaveConditions: Check<Rule> = () => (node, accept) => {
    // A rule of Set Value actions only is how an execution policy sets a value unconditionally (e.g. Company).
    if (node.conditions.length === 0 && node.actions.length > 0 && node.$container.policyType === 'execution') return;
    if (node.conditions.length === 0) report(accept, Diagnostics.emptyRule, { node, property: 'name' }, { name: node.name });
};

/** Ordering operators only on plain fields; values fit the field's type. */
export const comparisonsMustFitTheField: Check<Comparison> = () => (node, accept) => {
    const field = node.field?.ref;
    if (!field) return;
    if (isOrderingOperator(node.operator) && field.fieldType === 'lookup') {
        report(accept, Diagnostics.orderingOperatorOnLookup, { node, property: 'operator' }, { operator: node.operator, field: field.name });
        return;
    }
    if (node.value) checkValue(accept, node, field, node.value, isOrderingOperator(node.operator));
};

/** A Set Value value fits the field's type. */
export const setValuesMustFitTheField: Check<SetValue> = () => (node, accept) => {
    const field = node.field?.ref;
    if (field && node.value) checkValue(accept, node, field, node.value, false);
};

function checkValue(
    accept: Parameters<ReturnType<Check<SetValue>>>[1],
    node: Comparison | SetValue,
    field: Field,
    value: Literal,
    ordering: boolean
): void {
    const problem = valueProblem(field, value, ordering);
    if (problem)
        report(
            accept,
            Diagnostics.valueTypeMismatch,
            { node, property: 'value' },
            { field: field.name, fieldType: `a ${field.fieldType} field`, problem }
        );
}

function valueProblem(field: Field, value: Literal, ordering: boolean): string | undefined {
    switch (field.fieldType) {
        case 'number':
            return isNumberLiteral(value) ? undefined : 'compare it with a number';
        case 'boolean':
            if (ordering) return 'true and false have no order';
            return isBooleanLiteral(value) ? undefined : 'compare it with true or false';
        case 'date':
            return isStringLiteral(value) && !Number.isNaN(Date.parse(value.value)) && /^\d{4}-\d{2}-\d{2}/.test(value.value)
                ? undefined
                : 'give the date as a quoted ISO date such as "2025-01-31"';
        case 'choice':
            if (!isStringLiteral(value)) return 'give one of its values as a quoted string';
            if (ordering) return 'choice values have no order';
            return field.values.length === 0 || field.values.includes(value.value)
                ? undefined
                : `'${value.value}' is not one of ${field.values.map(v => `'${v}'`).join(', ')}`;
        default:
            return isStringLiteral(value) ? undefined : 'give the value as a quoted string';
    }
}
