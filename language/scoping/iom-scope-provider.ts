import { type AstNode, DefaultScopeProvider, EMPTY_SCOPE, MapScope, type ReferenceInfo, type Scope, WorkspaceCache } from 'langium';
import type { LangiumCoreServices } from 'langium';
import {
    type Entity, isComparison, isConnectionBinding, isParameterValue, isPolicy, isRelatedCondition, isSetValue, isStep
} from '../generated/ast.js';

/**
 * Resolves references in linear time. Member references (a binding's connection reference, a parameter value's
 * parameter, a step's provider action, a rule's fields and relations) are looked up in a map of their owner's
 * members; every other reference is looked up in the workspace-wide map of its type (Langium's cached global
 * scope). Nothing walks the containers of the referencing node, which is what makes the default quadratic.
 */
export class IomScopeProvider extends DefaultScopeProvider {
    private readonly memberScopes: WorkspaceCache<AstNode, Map<string, Scope>>;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.memberScopes = new WorkspaceCache(services.shared);
    }

    override getScope(context: ReferenceInfo): Scope {
        const { container, property } = context;
        if (isConnectionBinding(container) && property === 'reference') {
            return this.members(container.$container.definition?.ref, 'connectionReferences');
        }
        if (isParameterValue(container)) {
            return this.members(container.$container.definition?.ref, 'parameters');
        }
        if (isStep(container) && property === 'providerAction') {
            return this.members(container.provider?.ref?.definition?.ref, 'logicDefinitions');
        }
        if ((isComparison(container) || isSetValue(container)) && property === 'field') {
            return this.members(entityInContext(container), 'fields');
        }
        if (isRelatedCondition(container) && property === 'relation') {
            return this.members(entityInContext(container), 'relations');
        }
        return this.getGlobalScope(this.reflection.getReferenceType(context), context);
    }

    /** The scope of an owner's members held in one of its list properties, built once per workspace state. */
    private members<T extends AstNode>(owner: T | undefined, property: keyof T & string): Scope {
        if (!owner) return EMPTY_SCOPE;
        const scopes = this.memberScopes.get(owner, () => new Map());
        let scope = scopes.get(property);
        if (!scope) {
            const members = owner[property] as unknown as AstNode[];
            scope = new MapScope(members.flatMap(member => {
                const name = this.nameProvider.getName(member);
                return name ? [this.descriptions.createDescription(member, name)] : [];
            }));
            scopes.set(property, scope);
        }
        return scope;
    }
}

/**
 * The entity whose fields a rule element refers to: the target of the nearest enclosing related-entity block, or
 * else the policy's associated entity.
 */
export function entityInContext(node: AstNode): Entity | undefined {
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        if (isRelatedCondition(current) && current !== node) return current.relation?.ref?.target?.ref;
        if (isPolicy(current)) return current.entity?.ref;
    }
    return undefined;
}
