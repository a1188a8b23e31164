/**
 * The AST types that tables keyed by type name must cover, derived from the generated AST: a new grammar rule that
 * declares a name, or that references can point to, is a compile error in every table typed with these until it has
 * its entry there (kind names, symbol kinds, semantic token types, the compiler's reference kinds).
 */
import type { Reference } from 'langium';
import type { IomAstType } from '../generated/ast.js';

/** The name of any AST type of the grammar. */
export type AstTypeName = keyof IomAstType;

/** The concrete AST types (not unions of other types) that declare a `name`. */
export type NamedAstType = {
    [K in AstTypeName]: IomAstType[K] extends { name: string } ? (IomAstType[K]['$type'] extends K ? K : never) : never;
}[AstTypeName];

type ReferencedBy<T> = {
    [P in keyof T]-?: NonNullable<T[P]> extends Reference<infer U>
        ? U['$type']
        : NonNullable<T[P]> extends Array<Reference<infer V>>
          ? V['$type']
          : never;
}[keyof T];

/** The AST types that some cross-reference of the grammar can point to. */
export type ReferenceTargetType = { [K in AstTypeName]: ReferencedBy<IomAstType[K]> }[AstTypeName];

/** A table with an entry for each of `Required` (and optionally for other AST types). */
export type AstTypeTable<Required extends AstTypeName, V> = Record<Required, V> & Partial<Record<AstTypeName, V>>;
