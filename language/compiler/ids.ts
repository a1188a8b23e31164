import { v5 as uuidv5 } from 'uuid';

/**
 * The namespace of every id the compiler derives (a fixed, randomly chosen UUID; never change it, or every record
 * of every environment would be duplicated on the next deployment).
 */
export const ID_NAMESPACE = '6f1d3c2a-8b4e-4f7a-9c5d-2e8b7a6f4d31';

/**
 * A stable id: UUID v5 of the JSON array `[kind, ...names]` (e.g. `["rule","Order line validation policy","Min
 * quantity"]`) in {@link ID_NAMESPACE}. The same kind and names give the same id on every build and machine, so a
 * rebuild updates records rather than duplicating them.
 */
export function stableId(kind: string, ...names: string[]): string {
    return uuidv5(JSON.stringify([kind, ...names]), ID_NAMESPACE);
}
