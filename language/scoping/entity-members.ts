/**
 * The members of an entity as rules and state transitions see them: the entity's own fields and states plus those
 * that `extend entity` declarations add anywhere in the workspace (custom columns on built-in entities, user state
 * definitions). The extensions of every entity are collected once per workspace state.
 */
import { type AstNode, type LangiumSharedCoreServices, WorkspaceCache } from 'langium';
import { type Entity, type EntityExtension, type Field, type StateDefinition, isEntityExtension, isModel } from '../generated/ast.js';
import type { IomSharedServices } from '../iom-module.js';

/**
 * Every `extend entity` of the workspace, by the entity it extends (in document order), once per workspace state.
 * Each document's own `extend entity` declarations are found once per parse (a document re-parsed has a new root),
 * so the map is rebuilt after an edit from the few documents that have any, not from every top-level element of
 * the workspace (about 2-3 ms per keystroke with 1,000 files). The entities they extend are resolved again on every
 * rebuild: an edit of another document may change what a name resolves to.
 */
export class IomEntityExtensions {
    private readonly cache: WorkspaceCache<'extensions', Map<Entity, EntityExtension[]>>;
    /** The `extend entity` declarations of each parsed document (by its root), in document order. */
    private readonly perRoot = new WeakMap<AstNode, readonly EntityExtension[]>();

    constructor(private readonly shared: LangiumSharedCoreServices) {
        this.cache = new WorkspaceCache(shared);
    }

    get byEntity(): Map<Entity, EntityExtension[]> {
        return this.cache.get('extensions', () => {
            const result = new Map<Entity, EntityExtension[]>();
            for (const document of this.shared.workspace.LangiumDocuments.all) {
                for (const element of this.extensionsIn(document.parseResult.value)) {
                    const entity = element.entity?.ref;
                    if (!entity) continue;
                    const list = result.get(entity);
                    if (list) list.push(element);
                    else result.set(entity, [element]);
                }
            }
            return result;
        });
    }

    private extensionsIn(root: AstNode): readonly EntityExtension[] {
        let extensions = this.perRoot.get(root);
        if (!extensions) {
            extensions = isModel(root) ? root.elements.filter(isEntityExtension) : [];
            this.perRoot.set(root, extensions);
        }
        return extensions;
    }
}

/** Every `extend entity` of the workspace, by the entity it extends (in document order). */
export function extensionsByEntity(shared: IomSharedServices): Map<Entity, EntityExtension[]> {
    return shared.workspace.EntityExtensions.byEntity;
}

/** The extensions of one entity. */
export function extensionsOf(shared: IomSharedServices, entity: Entity): EntityExtension[] {
    return extensionsByEntity(shared).get(entity) ?? [];
}

/** The entity's fields followed by the custom columns its extensions add. */
export function fieldsOf(shared: IomSharedServices, entity: Entity): Field[] {
    const extensions = extensionsOf(shared, entity);
    return extensions.length ? [...entity.fields, ...extensions.flatMap(extension => extension.fields)] : entity.fields;
}

/** The entity's state definitions followed by those its extensions add. */
export function statesOf(shared: IomSharedServices, entity: Entity): StateDefinition[] {
    const extensions = extensionsOf(shared, entity);
    return extensions.length ? [...entity.states, ...extensions.flatMap(extension => extension.states)] : entity.states;
}

/** The entity a field or state belongs to: its entity, or the entity its `extend entity` extends. */
export function ownerEntity(member: Field | StateDefinition): Entity | undefined {
    const container = member.$container;
    return isEntityExtension(container) ? container.entity?.ref : (container as Entity);
}
