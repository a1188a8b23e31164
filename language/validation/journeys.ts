import { catalog, findInCatalog } from '../catalog/catalog.js';
import type { BusinessEvent, ConditionElement, Journey, JourneyElement, Splitter, Step } from '../generated/ast.js';
import { isSplitter, isStep } from '../generated/ast.js';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';
import type { Check } from './check-context.js';
import type { PublishedEntry } from './facts.js';
import { collectSteps, entrySteps, firstStep } from '../model/journeys.js';

const SUPPORTED_TYPES = catalog.orchestrationTypes.map(type => type.name);

/** A journey has an orchestration type, and it is Order orchestration. */
export const journeysMustHaveASupportedOrchestrationType: Check<Journey> = () => (node, accept) => {
    if (node.orchestrationType === undefined) {
        report(
            accept,
            Diagnostics.missingOrchestrationType,
            { node, property: 'name' },
            { name: node.name },
            { setting: `orchestration type "${SUPPORTED_TYPES[0]}"` }
        );
    } else if (!SUPPORTED_TYPES.includes(node.orchestrationType)) {
        report(
            accept,
            Diagnostics.unsupportedOrchestrationType,
            { node, property: 'orchestrationType' },
            { type: node.orchestrationType, supported: SUPPORTED_TYPES.map(type => `'${type}'`).join(', ') },
            { replacement: JSON.stringify(SUPPORTED_TYPES[0]) }
        );
    }
};

/** The two policy slots of a step: the policy type each holds, and the error for a policy of the other type there. */
const POLICY_SLOTS = [
    { property: 'filterPolicies', holds: 'filter', other: 'execution', misplaced: Diagnostics.executionPolicyAsFilter },
    { property: 'executionPolicies', holds: 'execution', other: 'filter', misplaced: Diagnostics.filterPolicyAsExecution }
] as const;

/** Filter policy slots hold filter policies, execution slots execution policies; a published journey uses published policies. */
export const stepPoliciesMustFitTheirSlot: Check<Step> = () => (node, accept) => {
    for (const { property, holds, other, misplaced } of POLICY_SLOTS) {
        node[property].forEach((ref, index) => {
            const policy = ref.ref;
            if (policy?.policyType === other) {
                report(accept, misplaced, { node, property, index }, { policy: policy.name }, { policy: policy.name, to: holds });
            }
        });
    }
    if (journeyOf(node)?.published) {
        for (const { property } of POLICY_SLOTS) {
            node[property].forEach((ref, index) => {
                if (ref.ref && !ref.ref.published) {
                    report(accept, Diagnostics.unpublishedPolicy, { node, property, index }, { policy: ref.ref.name });
                }
            });
        }
    }
};

/** A condition has exactly one yes and one no path, and directly follows an action step. */
export const conditionsMustHaveYesAndNo: Check<ConditionElement> = () => (node, accept) => {
    for (const kind of ['yes', 'no'] as const) {
        const paths = node.paths.filter(path => path.kind === kind);
        if (paths.length === 0) {
            report(accept, Diagnostics.conditionMissingPath, { node, property: 'name' }, { name: node.name, path: kind }, { path: kind });
        }
        for (const extra of paths.slice(1)) {
            report(accept, Diagnostics.conditionDuplicatePath, { node: extra, property: 'kind' }, { name: node.name, path: kind });
        }
    }
    const siblings = elementsOf(node);
    const previous = siblings[siblings.indexOf(node) - 1];
    if (!previous || !isStep(previous)) {
        report(accept, Diagnostics.conditionWithoutPrecedingStep, { node, property: 'name' }, { name: node.name });
    }
};

/** A splitter has at least two uniquely named branches; each branch's first action has a filter policy. */
export const splittersMustHaveDistinctFilteredBranches: Check<Splitter> = () => (node, accept) => {
    if (node.branches.length < 2) {
        report(accept, Diagnostics.splitterTooFewBranches, { node, property: 'name' }, { name: node.name, count: node.branches.length });
    }
    const seen = new Set<string>();
    for (const branch of node.branches) {
        if (seen.has(branch.name))
            report(accept, Diagnostics.duplicateBranchName, { node: branch, property: 'name' }, { splitter: node.name, name: branch.name });
        seen.add(branch.name);
        if (branch.elements.length === 0) {
            report(accept, Diagnostics.emptyBranch, { node: branch, property: 'name' }, { splitter: node.name, name: branch.name });
        }
        const first = firstStep(branch.elements);
        if (first && first.filterPolicies.length === 0) {
            report(accept, Diagnostics.branchWithoutFilterPolicy, { node: first, property: 'name' }, { branch: branch.name });
        }
    }
};

/** Nothing follows a plain Condition or Splitter in the same sequence: only -merge variants rejoin. */
export const onlyMergeElementsAreFollowed: Check<ConditionElement | Splitter> = () => (node, accept) => {
    if (node.merge) return;
    const siblings = elementsOf(node);
    if (siblings.indexOf(node) < siblings.length - 1) {
        report(
            accept,
            Diagnostics.stepsAfterUnmergedElement,
            { node, property: 'name' },
            { name: node.name, element: isSplitter(node) ? 'splitter' : 'condition' },
            {}
        );
    }
};

/**
 * Send email steps: a template and one of the required provider's actions of the tile's action type (the Send Email
 * actions); tiles needing a provider have an activated one; tiles needing Set Values (finance and operations: Company)
 * have an execution policy in the journey that sets them. What each tile needs is catalog data (tiles.json).
 */
export const tilesMustHaveWhatTheyNeed: Check<Step> = context => (node, accept) => {
    const tile = node.tile?.ref;
    if (!tile) return;
    const entry = findInCatalog(catalog.tiles, tile.name);
    if (entry?.email) {
        if (!node.emailTemplate) report(accept, Diagnostics.missingEmailTemplate, { node, property: 'name' }, { name: node.name });
        const action = node.providerAction?.ref;
        const fixed = tile.actionType?.ref;
        if (!action || action.$container.name !== entry.requiresProvider || (fixed && action.actionType?.ref !== fixed)) {
            const provider = findInCatalog(catalog.providers, entry.requiresProvider);
            const actions = (provider?.logicDefinitions ?? []).filter(logic => logic.actionType === entry.actionType).map(logic => `'${logic.name}'`);
            report(
                accept,
                Diagnostics.emailStepWithoutSendEmailAction,
                { node, property: node.providerAction ? 'providerAction' : 'name' },
                { name: node.name, provider: entry.requiresProvider ?? '?', actions: actions.join(', ') || 'none' }
            );
        }
    }
    if (entry?.requiresProvider) {
        const activated = [...context.facts.activatedInstances.keys()].some(definition => definition.name === entry.requiresProvider);
        if (!activated) {
            report(
                accept,
                Diagnostics.requiredProviderNotActivated,
                { node, property: 'tile' },
                { tile: tile.name, definition: entry.requiresProvider }
            );
        }
    }
    if (entry?.requiresSetValues?.length) {
        const journey = journeyOf(node);
        const set = new Set<string>();
        if (journey) {
            for (const step of collectSteps(journey.elements, [])) {
                for (const ref of step.executionPolicies) {
                    for (const rule of ref.ref?.rules ?? []) for (const action of rule.actions) set.add(action.field?.ref?.name ?? '');
                }
            }
        }
        const unset = entry.requiresSetValues.filter(field => !set.has(field));
        if (journey && unset.length) {
            report(
                accept,
                Diagnostics.missingCompanyPolicy,
                { node, property: 'name' },
                { name: node.name, journey: journey.name, fields: unset.join(', ') }
            );
        }
    }
};

/** Two published journeys on the same entry event, neither with filter policies, both process every order. */
export const publishedJourneysMustNotCompete: Check<Journey> = context => (node, accept) => {
    if (!node.published) return;
    const entries = entryIndex(context.facts.publishedEntries);
    const mine = entries.byJourney.get(node);
    if (!mine || mine.filtered) return;
    // The first other unfiltered entry (in the facts' order) that shares an entry event with this journey's.
    let other: PublishedEntry | undefined;
    let otherAt = Infinity;
    for (const event of mine.events) {
        for (const at of entries.unfilteredByEvent.get(event) ?? []) {
            if (at >= otherAt) break;
            const candidate = entries.list[at]!;
            if (candidate.journey === node) continue;
            other = candidate;
            otherAt = at;
            break;
        }
    }
    if (!other) return;
    const shared = [...mine.events].find(event => other.events.has(event))!;
    report(accept, Diagnostics.competingJourneys, { node, property: 'name' }, { name: node.name, other: other.journey.name, event: shared.name });
};

/** The published entries by journey (the first of each) and, of the unfiltered ones, their positions by entry event. */
interface EntryIndex {
    list: readonly PublishedEntry[];
    byJourney: Map<Journey, PublishedEntry>;
    unfilteredByEvent: Map<BusinessEvent, number[]>;
}

/** Built once per facts (their entries are not changed once merged), so that each journey's check is not a pass over all. */
const entryIndexes = new WeakMap<readonly PublishedEntry[], EntryIndex>();

function entryIndex(list: readonly PublishedEntry[]): EntryIndex {
    let index = entryIndexes.get(list);
    if (index) return index;
    index = { list, byJourney: new Map(), unfilteredByEvent: new Map() };
    list.forEach((entry, at) => {
        if (!index!.byJourney.has(entry.journey)) index!.byJourney.set(entry.journey, entry);
        if (entry.filtered) return;
        for (const event of entry.events) {
            const positions = index!.unfilteredByEvent.get(event);
            if (positions) positions.push(at);
            else index!.unfilteredByEvent.set(event, [at]);
        }
    });
    entryIndexes.set(list, index);
    return index;
}

/** Journeys entered by an intake event (New Order, catalog data) only see provider-imported orders (or Orchestrate). */
export const newOrderJourneysNeedAnIntakeProvider: Check<Journey> = context => (node, accept) => {
    if (!node.published || context.facts.hasActivatedIntakeProvider) return;
    for (const step of entrySteps(node.elements)) {
        const index = step.inputEvents.findIndex(ref => findInCatalog(catalog.events, ref.ref?.name)?.intake === true);
        if (index >= 0) {
            report(
                accept,
                Diagnostics.newOrderEntry,
                { node: step, property: 'inputEvents', index },
                { journey: node.name, event: step.inputEvents[index]!.ref!.name }
            );
            return;
        }
    }
};

function journeyOf(node: JourneyElement): Journey | undefined {
    let current: { $container?: unknown; $type: string } | undefined = node;
    while (current && current.$type !== 'Journey') current = current.$container as typeof current;
    return current as Journey | undefined;
}

function elementsOf(node: JourneyElement): readonly JourneyElement[] {
    return (node.$container as { elements: JourneyElement[] }).elements;
}
