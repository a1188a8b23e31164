import { type AstNode, AstUtils, DefaultScopeProvider, EMPTY_SCOPE, MapScope, type ReferenceInfo, type Scope, WorkspaceCache } from 'langium';
import type { IomServices } from '../iom-module.js';
import { type Entity, type IomAstType, isEntity, isPolicy, isRelatedCondition, isTest, type StateDefinition } from '../generated/ast.js';
import { fieldsOf, statesOf } from './entity-members.js';
import type { AstTypeName } from '../model/ast-types.js';

/**
 * Resolves references in linear time. Member references (a binding's connection reference, a parameter value's
 * parameter, a step's provider action, a rule's fields and relations) are looked up in a map of their owner's
 * members; every other reference is looked up in the workspace-wide map of its type (Langium's cached global
 * scope). Nothing walks the containers of the referencing node, which is what makes the default quadratic.
 */
export class IomScopeProvider extends DefaultScopeProvider {
    private readonly memberScopes: WorkspaceCache<AstNode, Map<string, Scope>>;
    private readonly shared: IomServices['shared'];

    constructor(services: IomServices) {
        super(services);
        this.shared = services.shared;
        this.memberScopes = new WorkspaceCache(services.shared);
    }

    override getScope(context: ReferenceInfo): Scope {
        const member = memberReference(context.container, context.property);
        if (member) {
            if (!member.owner) return EMPTY_SCOPE;
            if (isEntity(member.owner) && member.members === 'states') return this.states(member.owner);
            return this.members(member.owner, member.members);
        }
        return this.getGlobalScope(this.reflection.getReferenceType(context));
    }

    /** Every exported declaration of the type, kept up to date by the index manager as documents are indexed. */
    protected override getGlobalScope(referenceType: string): Scope {
        return this.shared.workspace.IndexManager.globalScope(referenceType);
    }

    /** The scope of an owner's members held in one of its list properties, built once per workspace state. */
    private members(owner: AstNode, property: string, outer?: Scope): Scope {
        const scopes = this.memberScopes.get(owner, () => new Map());
        let scope = scopes.get(property);
        if (!scope) {
            // `*Type`: every node of that type inside the owner (the steps, splitters or conditions of a journey).
            // An entity's fields and states include those its `extend entity` declarations add.
            const members: AstNode[] = property.startsWith('*')
                ? AstUtils.streamAst(owner)
                      .filter(node => node.$type === property.slice(1))
                      .toArray()
                : isEntity(owner) && property === 'fields'
                  ? fieldsOf(this.shared, owner)
                  : isEntity(owner) && property.startsWith('states')
                    ? statesOf(this.shared, owner)
                    : ((owner as unknown as Partial<Record<string, AstNode[]>>)[property] ?? []);
            // A name declared twice resolves to its first declaration (the later one is reported as a duplicate).
            const seen = new Set<string>();
            scope = new MapScope(
                members.flatMap(member => {
                    const name = this.nameProvider.getName(member);
                    if (!name || seen.has(name)) return [];
                    seen.add(name);
                    return [this.descriptions.createDescription(member, name)];
                }),
                outer
            );
            scopes.set(property, scope);
        }
        return scope;
    }

    /**
     * The states of a transition's entity; behind them, the states of every other entity, so that a state of the
     * wrong entity resolves and is reported as such (instead of as a name that does not exist).
     */
    private states(entity: Entity): Scope {
        return this.members(entity, 'states+', this.otherStates(entity));
    }

    private otherStates(entity: Entity): Scope {
        const entities = this.shared.workspace.IndexManager.allElements('Entity')
            .map(description => description.node)
            .filter((node): node is Entity => isEntity(node) && node !== entity)
            .distinct()
            .toArray();
        const states: StateDefinition[] = entities.flatMap(other => statesOf(this.shared, other));
        return new MapScope(states.map(state => this.descriptions.createDescription(state, state.name)));
    }
}

export interface MemberReference {
    /** The declaration whose members the reference names; undefined when that declaration itself is unresolved. */
    owner: AstNode | undefined;
    /** The owner's property that lists the members. */
    members: string;
}

/**
 * Describes a reference to a member of another declaration: `bind <connection reference>` and
 * `parameter <parameter>` name members of the instance's provider definition, `provider X action <action>` names
 * an action of X's definition, and rule fields and relations belong to the entity in context. Undefined for
 * references to top-level declarations.
 */
export function memberReference(container: AstNode, property: string): MemberReference | undefined {
    // A lookup by the container's type: this runs for every reference the linker resolves.
    const members = MEMBER_REFERENCES[container.$type as AstTypeName] as Record<string, (node: AstNode) => MemberReference> | undefined;
    return members?.[property]?.(container);
}

/** How a member reference finds its owner, by the referencing node's type and property. */
type MemberReferenceTable = {
    [T in AstTypeName]?: { [P in keyof IomAstType[T]]?: (node: IomAstType[T]) => MemberReference };
};

/** The journey a test's expectation names elements of. */
const testJourney = (node: AstNode) => (isTest(node.$container) ? node.$container.journey?.ref : undefined);

const MEMBER_REFERENCES: MemberReferenceTable = {
    ConnectionBinding: { reference: node => ({ owner: node.$container.definition?.ref, members: 'connectionReferences' }) },
    ConnectionSetting: { setting: node => ({ owner: node.$container.connector?.ref, members: 'settings' }) },
    ParameterValue: { parameter: node => ({ owner: node.$container.definition?.ref, members: 'parameters' }) },
    Step: { providerAction: node => ({ owner: node.provider?.ref?.definition?.ref, members: 'logicDefinitions' }) },
    Comparison: { field: node => ({ owner: entityInContext(node), members: 'fields' }) },
    SetValue: { field: node => ({ owner: entityInContext(node), members: 'fields' }) },
    RelatedCondition: { relation: node => ({ owner: entityInContext(node), members: 'relations' }) },
    TransitionRow: {
        sources: node => ({ owner: node.$container.event?.ref?.entity?.ref, members: 'states' }),
        target: node => ({ owner: node.$container.event?.ref?.entity?.ref, members: 'states' }),
        reason: node => ({ owner: node.target?.ref, members: 'reasons' })
    },
    // Tests: a mock names an action of the provider's definition; sample values and field expectations name fields
    // of their entity; step, splitter and condition expectations name elements of the test's journey.
    Mock: { action: node => ({ owner: node.provider?.ref?.definition?.ref, members: 'logicDefinitions' }) },
    // An email template's placeholder names a field of the template's entity.
    EmailPlaceholder: { field: node => ({ owner: node.$container.entity?.ref, members: 'fields' }) },
    SampleValue: { field: node => ({ owner: node.$container.entity?.ref, members: 'fields' }) },
    ExpectField: { field: node => ({ owner: node.entity?.ref, members: 'fields' }) },
    ExpectBranch: {
        branch: node => ({ owner: node.splitter?.ref, members: 'branches' }),
        splitter: node => ({ owner: testJourney(node), members: '*Splitter' })
    },
    ExpectStep: { step: node => ({ owner: testJourney(node), members: '*Step' }) },
    ExpectPath: { condition: node => ({ owner: testJourney(node), members: '*ConditionElement' }) }
};

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
