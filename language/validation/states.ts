/**
 * Entity extensions and the state framework (domain reference 2.7, rule 38): out-of-box states are read-only, the
 * members an extension adds are unique across the entity and all its extensions, transitions use states of their
 * event's entity with one row per source state, and every user state is reachable by some transition.
 */
import { AstUtils, type ValidationAcceptor } from 'langium';
import { formatName } from '../catalog/catalog.js';
import { type Entity, type EntityExtension, type Field, type StateDefinition, type StateTransition, isEntityExtension } from '../generated/ast.js';
import { isBuiltinNode } from '../model/builtin.js';
import { type Check, type CheckContext, locationOf } from './check-context.js';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';
import { kindOf } from '../model/kinds.js';

function where(member: Field | StateDefinition): string {
    return locationOf(AstUtils.getDocument(member), member.$cstNode?.range.start.line);
}

/**
 * An extension's fields and states: an out-of-box state is never redefined (IOM4010); any other member that the
 * entity or another extension of it already has is a duplicate member (IOM1003). The first declaration (the entity's
 * own, then extensions in workspace order) is the one kept; the later ones are reported.
 */
export const extensionMembersMustBeNew: Check<EntityExtension> = context => (node, accept) => {
    const entity = node.entity?.ref;
    if (!entity) return;
    const earlier = earlierMembers(context, entity);
    const check = (member: Field | StateDefinition, kind: 'fields' | 'states') => {
        const first = earlier[kind].get(member.name);
        if (!first || first === member) return;
        if (kind === 'states' && isBuiltinNode(first)) {
            report(
                accept,
                Diagnostics.builtinStateRedefined,
                { node: member, property: 'name' },
                { name: member.name, entity: formatName(entity.name) }
            );
            return;
        }
        report(
            accept,
            Diagnostics.duplicateMemberName,
            { node: member, property: 'name' },
            { kind: kindOf(member.$type), name: member.name, owner: `entity '${entity.name}' (first at ${where(first)})` }
        );
    };
    for (const field of node.fields) check(field, 'fields');
    for (const state of node.states) check(state, 'states');
};

/** The first declaration of each field and state name of an entity: its own, then its extensions' in order. */
function earlierMembers(context: CheckContext, entity: Entity): { fields: Map<string, Field>; states: Map<string, StateDefinition> } {
    const fields = new Map<string, Field>();
    const states = new Map<string, StateDefinition>();
    const extensions = context.facts.extensions.get(entity) ?? [];
    for (const field of [entity.fields, ...extensions.map(e => e.fields)].flat()) if (!fields.has(field.name)) fields.set(field.name, field);
    for (const state of [entity.states, ...extensions.map(e => e.states)].flat()) if (!states.has(state.name)) states.set(state.name, state);
    return { fields, states };
}

/** Transitions: the event has an entity, the states are its, and a source state appears in one row of the event. */
export const transitionsMustFitTheirEvent: Check<StateTransition> = context => (node, accept) => {
    const event = node.event?.ref;
    if (!event) return;
    const entity = event.entity?.ref;
    if (!entity) {
        if (node.rows.length) report(accept, Diagnostics.transitionEventWithoutEntity, { node, property: 'event' }, { event: event.name });
        return;
    }
    const rows = context.facts.transitions.get(event) ?? [];
    for (const row of node.rows) {
        row.sources.forEach((source, index) => {
            const state = source.ref;
            if (state) checkEntity(accept, state, entity, event.name, { node: row, property: 'sources', index });
            if (!state) return;
            const first = rows.flatMap(other => other.sources.map((s, i) => ({ other, i, ref: s.ref }))).find(entry => entry.ref === state);
            if (first && !(first.other === row && first.i === index)) {
                report(
                    accept,
                    Diagnostics.duplicateTransitionSource,
                    { node: row, property: 'sources', index },
                    {
                        event: event.name,
                        state: state.name,
                        other: locationOf(AstUtils.getDocument(first.other), first.other.$cstNode?.range.start.line)
                    }
                );
            }
        });
        const target = row.target?.ref;
        if (target) checkEntity(accept, target, entity, event.name, { node: row, property: 'target' });
    }
};

function checkEntity(
    accept: ValidationAcceptor,
    state: StateDefinition,
    entity: Entity,
    event: string,
    location: { node: StateTransition['rows'][number]; property: 'sources' | 'target'; index?: number }
): void {
    const owner = stateEntity(state);
    if (!owner || owner === entity) return;
    report(accept, Diagnostics.transitionStateOfOtherEntity, location, {
        state: state.name,
        other: formatName(owner.name),
        event,
        entity: formatName(entity.name)
    });
}

function stateEntity(state: StateDefinition): Entity | undefined {
    const container = state.$container;
    return isEntityExtension(container) ? container.entity?.ref : container;
}

/**
 * A user state is reached by some transition, except the initial state of a custom entity (its lowest timeline
 * position, else its first state), where its records start. Out-of-box states are set by IOM itself.
 */
export const statesMustBeReachable: Check<StateDefinition> = context => (node, accept) => {
    if (context.isBuiltin(node) || !node.name) return;
    const entity = stateEntity(node);
    if (!entity) return;
    if (context.facts.targetedStates.has(node)) return;
    // A redefined out-of-box state or a duplicate is reported as such.
    if (earlierMembers(context, entity).states.get(node.name) !== node) return;
    if (!isEntityExtension(node.$container) && initialState(entity) === node) return;
    report(
        accept,
        Diagnostics.unreachableState,
        { node, property: 'name' },
        { name: node.name, entity: formatName(entity.name), reference: formatName(node.name) }
    );
};

function initialState(entity: Entity): StateDefinition | undefined {
    let initial: StateDefinition | undefined;
    for (const state of entity.states) {
        if (!initial) initial = state;
        else if (
            state.timelinePosition !== undefined &&
            (initial.timelinePosition === undefined || state.timelinePosition < initial.timelinePosition)
        )
            initial = state;
    }
    return initial;
}

/** States and reasons of a custom entity are unique within it (extensions are checked by extensionMembersMustBeNew). */
export const stateReasonsMustBeUnique: Check<StateDefinition> = () => (node, accept) => {
    const seen = new Map<string, number>();
    for (const reason of node.reasons) seen.set(reason.name, (seen.get(reason.name) ?? 0) + 1);
    for (const reason of node.reasons) {
        if ((seen.get(reason.name) ?? 0) > 1) {
            report(
                accept,
                Diagnostics.duplicateMemberName,
                { node: reason, property: 'name' },
                { kind: kindOf(reason.$type), name: reason.name, owner: `state '${node.name}'` }
            );
        }
    }
};
