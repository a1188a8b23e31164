/**
 * The members of an entity as rules and state transitions see them: the entity's own fields and states plus those
 * that `extend entity` declarations add anywhere in the workspace (custom columns on built-in entities, user state
 * definitions). The extensions of every entity are collected once per workspace state.
 */
import { type LangiumSharedCoreServices, WorkspaceCache } from 'langium';
import {
    type Entity, type EntityExtension, type Field, type StateDefinition, isEntityExtension, isModel
} from '../generated/ast.js';

const caches = new WeakMap<LangiumSharedCoreServices, WorkspaceCache<'extensions', Map<Entity, EntityExtension[]>>>();

/** Every `extend entity` of the workspace, by the entity it extends (in document order). */
export function extensionsByEntity(shared: LangiumSharedCoreServices): Map<Entity, EntityExtension[]> {
    let cache = caches.get(shared);
    if (!cache) caches.set(shared, cache = new WorkspaceCache(shared));
    return cache.get('extensions', () => {
        const result = new Map<Entity, EntityExtension[]>();
        for (const document of shared.workspace.LangiumDocuments.all) {
            const model = document.parseResult.value;
            if (!isModel(model)) continue;
            for (const element of model.elements) {
                if (!isEntityExtension(element)) continue;
                const entity = element.entity?.ref;
                if (!entity) continue;
                const list = result.get(entity);
                if (list) list.push(element); else result.set(entity, [element]);
            }
        }
        return result;
    });
}

/** The extensions of one entity. */
export function extensionsOf(shared: LangiumSharedCoreServices, entity: Entity): EntityExtension[] {
    return extensionsByEntity(shared).get(entity) ?? [];
}

/** The entity's fields followed by the custom columns its extensions add. */
export function fieldsOf(shared: LangiumSharedCoreServices, entity: Entity): Field[] {
    const extensions = extensionsOf(shared, entity);
    return extensions.length ? [...entity.fields, ...extensions.flatMap(extension => extension.fields)] : entity.fields;
}

/** The entity's state definitions followed by those its extensions add. */
export function statesOf(shared: LangiumSharedCoreServices, entity: Entity): StateDefinition[] {
    const extensions = extensionsOf(shared, entity);
    return extensions.length ? [...entity.states, ...extensions.flatMap(extension => extension.states)] : entity.states;
}

/** The entity a field or state belongs to: its entity, or the entity its `extend entity` extends. */
export function ownerEntity(member: Field | StateDefinition): Entity | undefined {
    const container = member.$container;
    return isEntityExtension(container) ? container.entity?.ref : container as Entity;
}
