import type { ActionTypeInput, Journey, Step } from '../generated/ast.js';
import { isActionType } from '../generated/ast.js';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';
import { type Check, locationOf } from './check-context.js';
import { AstUtils } from 'langium';
import { catalog, findInCatalog } from '../catalog/catalog.js';
import { effectiveActionType, entrySteps } from '../model/journeys.js';

/** A step has an action type: its own or its tile's; when it sets one, it agrees with the tile's. */
export const stepsMustHaveAnActionType: Check<Step> = () => (node, accept) => {
    const tile = node.tile?.ref;
    if (!tile) return;
    const implied = tile.actionType?.ref;
    if (!node.actionType && !implied) {
        report(accept, Diagnostics.missingActionType, { node, property: 'name' }, { name: node.name, tile: tile.name });
    } else if (node.actionType?.ref && implied && node.actionType.ref !== implied) {
        report(
            accept,
            Diagnostics.actionTypeDiffersFromTile,
            { node, property: 'actionType' },
            { tile: tile.name, implied: implied.name, actual: node.actionType.ref.name },
            { replacement: implied.name }
        );
    }
};

/**
 * Every input event of a step is allowed for its action type (built-in inputs plus every `allow … as input of …`
 * in the workspace) and is raised by something; a step with no raised input event never runs.
 */
export const inputEventsMustBeAllowedAndRaised: Check<Step> = context => (node, accept) => {
    if (node.inputEvents.length === 0) {
        report(accept, Diagnostics.stepWithoutInputEvents, { node, property: 'name' }, { name: node.name });
        return;
    }
    const facts = context.facts;
    const actionType = effectiveActionType(node);
    // An action type IOM fixes for its tile (Send email, FRO) takes any input event: no rows gate it (catalog data).
    if (actionType && !(context.isBuiltin(actionType) && findInCatalog(catalog.actionTypes, actionType.name)?.anyInputEvent)) {
        const allowed = facts.allowedInputs.get(actionType);
        node.inputEvents.forEach((ref, index) => {
            const event = ref.ref;
            if (!event || allowed?.has(event)) return;
            const names = allowed ? [...allowed.keys()].map(e => `'${e.name}'`).join(', ') : 'none';
            report(
                accept,
                Diagnostics.inputEventNotAllowed,
                { node, property: 'inputEvents', index },
                { event: event.name, actionType: actionType.name, allowed: names },
                { event: event.name, actionType: actionType.name }
            );
        });
    }
    const resolved = node.inputEvents.filter(ref => ref.ref);
    if (resolved.length < node.inputEvents.length) return;
    const raised = resolved.filter(ref => facts.raisedEvents.has(ref.ref!));
    if (raised.length === 0) {
        report(accept, Diagnostics.unreachableStep, { node, property: 'name' }, { name: node.name });
        return;
    }
    node.inputEvents.forEach((ref, index) => {
        if (!facts.raisedEvents.has(ref.ref!)) {
            report(accept, Diagnostics.inputEventNeverRaised, { node, property: 'inputEvents', index }, { event: ref.ref!.name });
        }
    });
};

/** An `allow` adds something new: an event that is not already an input of the action type. */
export const allowsMustNotRepeatInputs: Check<ActionTypeInput> = context => (node, accept) => {
    const actionType = node.actionType?.ref;
    if (!actionType) return;
    const allowed = context.facts.allowedInputs.get(actionType);
    node.events.forEach((ref, index) => {
        const origin = ref.ref && allowed?.get(ref.ref);
        const duplicateInSelf = node.events.findIndex(other => other.ref === ref.ref) < index;
        if (!origin || (origin === node && !duplicateInSelf)) return;
        const where = isActionType(origin) ? 'built in' : locationOf(AstUtils.getDocument(origin), origin.$cstNode?.range.start.line);
        report(
            accept,
            Diagnostics.redundantAllow,
            node.events.length === 1 ? { node } : { node, property: 'events', index },
            { event: ref.ref!.name, actionType: actionType.name, where },
            { wholeDeclaration: node.events.length === 1 }
        );
    });
};

/** The first step of a journey listens to an intake event (New Order). */
export const entryStepsMustListenToIntakeEvents: Check<Journey> = context => (node, accept) => {
    const facts = context.facts;
    for (const step of entrySteps(node.elements)) {
        const events = step.inputEvents.map(ref => ref.ref);
        if (events.length === 0 || events.some(event => !event)) continue;
        if (!events.some(event => facts.raisedEvents.has(event!) && isIntake(event!.name))) {
            report(
                accept,
                Diagnostics.entryStepWithoutIntakeEvent,
                { node: step, property: 'inputEvents' },
                { journey: node.name, events: events.map(event => `'${event!.name}'`).join(', ') }
            );
        }
    }
};

const INTAKE = new Set(catalog.events.filter(event => event.intake).map(event => event.name));
const isIntake = (name: string) => INTAKE.has(name);
