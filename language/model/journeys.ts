/** Walking a journey: its steps, its entry steps, and the action type each step runs. */
import { type ActionType, type BusinessEvent, type JourneyElement, type Step, isConditionElement, isSplitter, isStep } from '../generated/ast.js';

/** The action type of a step: its own, or else the one its tile implies. */
export function effectiveActionType(step: Step): ActionType | undefined {
    return step.actionType?.ref ?? step.tile?.ref?.actionType?.ref;
}

/** Every action step below a list of journey elements, in document order. */
export function collectSteps(elements: readonly JourneyElement[], into: Step[]): Step[] {
    for (const element of elements) {
        if (isStep(element)) into.push(element);
        else if (isConditionElement(element)) for (const path of element.paths) collectSteps(path.elements, into);
        else if (isSplitter(element)) for (const branch of element.branches) collectSteps(branch.elements, into);
    }
    return into;
}

/** The first action steps of a journey: the first step, or the first step of each path or branch of a leading control element. */
export function entrySteps(elements: readonly JourneyElement[]): Step[] {
    const first = elements[0];
    if (!first) return [];
    if (isStep(first)) return [first];
    if (isConditionElement(first)) return first.paths.flatMap(path => entrySteps(path.elements));
    if (isSplitter(first)) return first.branches.flatMap(branch => entrySteps(branch.elements));
    return [];
}

/** The events the entry steps of a journey take as input (a journey's entry events). */
export function entryEvents(elements: readonly JourneyElement[]): Set<BusinessEvent> {
    return new Set(entrySteps(elements).flatMap(step => step.inputEvents.flatMap(ref => (ref.ref ? [ref.ref] : []))));
}

/** Whether every entry step of a journey has a filter policy (a journey without steps counts as unfiltered). */
export function entryFiltered(elements: readonly JourneyElement[]): boolean {
    const entries = entrySteps(elements);
    return entries.length > 0 && entries.every(step => step.filterPolicies.length > 0);
}

/** The first action step below a list of elements (descending into the first path or branch). */
export function firstStep(elements: readonly JourneyElement[]): Step | undefined {
    const first = elements[0];
    if (!first) return undefined;
    if (isStep(first)) return first;
    if (isConditionElement(first)) return firstStep(first.paths[0]?.elements ?? []);
    if (isSplitter(first)) return firstStep(first.branches[0]?.elements ?? []);
    return undefined;
}
