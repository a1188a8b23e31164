/** The operators of policy conditions and test expectations, and how IOM's Condition Builder names them. */
import type { ComparisonOperator, Field } from '../generated/ast.js';

export const ORDERING_OPERATORS = ['>', '>=', '<', '<='] as const satisfies readonly ComparisonOperator[];
export const EQUALITY_OPERATORS = ['=', '!='] as const satisfies readonly ComparisonOperator[];
/** The keyword phrases of the grammar's DataOperator rule. */
export const DATA_OPERATORS = ['contains data', 'does not contain data'] as const;

export type DataOperatorPhrase = (typeof DATA_OPERATORS)[number];

/** How each operator reads in the product's Condition Builder: a new operator of the grammar must be named here. */
export const OPERATOR_NAMES = {
    '=': 'Equals',
    '!=': "Doesn't equal",
    '>': 'Is greater than',
    '>=': 'Is greater than or equal to',
    '<': 'Is less than',
    '<=': 'Is less than or equal to',
    'contains data': 'Contains data',
    'does not contain data': "Doesn't contain data"
} as const satisfies Record<ComparisonOperator | DataOperatorPhrase, string>;

/** An operator as the compiled records and the Condition Builder name it. */
export type ConditionOperator = (typeof OPERATOR_NAMES)[keyof typeof OPERATOR_NAMES];

/** The Condition Builder's name of an operator as written (`Equals` for one the parser could not read). */
export function operatorName(operator: string): ConditionOperator {
    return operatorNameOf(operator) ?? 'Equals';
}

/** The Condition Builder's name of an operator as written, if it is one. */
export function operatorNameOf(operator: string): ConditionOperator | undefined {
    return Object.hasOwn(OPERATOR_NAMES, operator) ? OPERATOR_NAMES[operator as keyof typeof OPERATOR_NAMES] : undefined;
}

/** Whether an operator compares by order (only plain fields whose values have an order). */
export function isOrderingOperator(operator: string): boolean {
    return (ORDERING_OPERATORS as readonly string[]).includes(operator);
}

/**
 * The operators valid for a field: ordering operators only on plain fields whose values have an order (text, number,
 * date) — not on lookups (entity-based), yes/no fields or choices, as the policy checks require.
 */
export function operatorsFor(field: Field | undefined): string[] {
    const all = [...EQUALITY_OPERATORS, ...ORDERING_OPERATORS, ...DATA_OPERATORS];
    if (!field) return all;
    if (field.fieldType === 'lookup' || field.fieldType === 'boolean' || field.fieldType === 'choice') {
        return [...EQUALITY_OPERATORS, ...DATA_OPERATORS];
    }
    return all;
}
