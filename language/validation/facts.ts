/**
 * Workspace-level facts that several checks need: which events each action type accepts, which events anything
 * raises, the activated instances per provider definition, duplicate names, bound connections, published journeys'
 * entry events. They are computed once per workspace state (a `WorkspaceCache`, cleared on any change) and then
 * read per node in constant time, so checks never scan the workspace themselves.
 */
import { type AstNode, type AstNodeDescription, DocumentState, type LangiumDocument, type LangiumSharedCoreServices, WorkspaceCache } from 'langium';
import actionTypesFile from '../catalog/action-types.json' with { type: 'json' };
import { catalog, findInCatalog } from '../catalog/catalog.js';
import {
    type ActionType, type ActionTypeInput, type BusinessEvent, type Connection, type Journey, type JourneyElement, type Model,
    type Platform, type ProviderDefinition, type ProviderInstance, type Step,
    isActionType, isActionTypeInput, isConditionElement, isJourney, isModel, isPlatform, isProviderDefinition,
    isProviderInstance, isSplitter, isStep
} from '../generated/ast.js';
import { isBuiltinDocument } from '../workspace/iom-workspace-manager.js';

export interface WorkspaceFacts {
    /** Per action type: each allowed input event, with where it is allowed (the action type itself or an `allow`). */
    allowedInputs: Map<ActionType, Map<BusinessEvent, AstNode>>;
    /** Every event something raises: intake events, step outputs, action-type outputs, provider events. */
    raisedEvents: Set<BusinessEvent>;
    /** Activated instances per provider definition. */
    activatedInstances: Map<ProviderDefinition, ProviderInstance[]>;
    /** Whether an activated provider imports orders (a message handler or an "Order intake" service type). */
    hasActivatedIntakeProvider: boolean;
    /** Connections some binding uses. */
    boundConnections: Set<Connection>;
    /** For each declaration that shares its kind and name with another, the other declarations. */
    duplicates: Map<AstNode, AstNodeDescription[]>;
    /** Every platform block in the workspace. */
    platforms: Platform[];
    /** Published journeys with their entry events and whether any of their steps has a filter policy. */
    publishedEntries: Array<{ journey: Journey; events: Set<BusinessEvent>; filtered: boolean }>;
}

const ACTION_TYPE_OUTPUTS = new Map(actionTypesFile.actionTypes.map(a => [a.name, (a as { outputEvents?: string[] }).outputEvents ?? []]));

/** Computes and caches the facts of the current workspace state. */
export class IomWorkspaceFactsProvider {
    private readonly cache: WorkspaceCache<string, WorkspaceFacts>;
    private readonly services: LangiumSharedCoreServices;

    constructor(services: LangiumSharedCoreServices) {
        this.services = services;
        // Cleared whenever a build has linked and indexed its documents, so validation always sees the current state.
        this.cache = new WorkspaceCache(services, DocumentState.IndexedReferences);
    }

    get facts(): WorkspaceFacts {
        return this.cache.get('facts', () => this.compute());
    }

    private compute(): WorkspaceFacts {
        const documents = this.services.workspace.LangiumDocuments.all.toArray();
        const facts: WorkspaceFacts = {
            allowedInputs: new Map(), raisedEvents: new Set(), activatedInstances: new Map(), hasActivatedIntakeProvider: false,
            boundConnections: new Set(), duplicates: this.computeDuplicates(documents), platforms: [], publishedEntries: []
        };
        const allowed = (actionType: ActionType | undefined, event: BusinessEvent | undefined, origin: AstNode) => {
            if (!actionType || !event) return;
            let events = facts.allowedInputs.get(actionType);
            if (!events) facts.allowedInputs.set(actionType, events = new Map());
            if (!events.has(event)) events.set(event, origin);
        };
        const eventsByName = new Map<string, BusinessEvent>();
        const actionTypes: ActionType[] = [];
        const steps: Step[] = [];
        for (const document of documents) {
            const model = document.parseResult.value;
            if (!isModel(model)) continue;
            for (const element of (model as Model).elements) {
                if (isActionType(element)) {
                    actionTypes.push(element);
                    for (const ref of element.inputEvents) allowed(element, ref.ref, element);
                } else if (isActionTypeInput(element)) {
                    for (const ref of element.events) allowed(element.actionType?.ref, ref.ref, element as ActionTypeInput);
                } else if (isProviderInstance(element)) {
                    for (const binding of element.bindings) addIf(facts.boundConnections, binding.connection?.ref);
                    const definition = element.definition?.ref;
                    if (element.activated && definition) {
                        const list = facts.activatedInstances.get(definition) ?? [];
                        list.push(element);
                        facts.activatedInstances.set(definition, list);
                        if (isIntakeDefinition(definition)) facts.hasActivatedIntakeProvider = true;
                        for (const event of definition.events) facts.raisedEvents.add(event);
                    }
                } else if (isPlatform(element)) {
                    facts.platforms.push(element);
                    for (const binding of element.bindings) addIf(facts.boundConnections, binding.connection?.ref);
                } else if (isJourney(element)) {
                    collectSteps(element.elements, steps);
                } else if (isProviderDefinition(element)) {
                    // Events of a definition are raised by its flows once an instance is activated (above).
                } else if (element.$type === 'BusinessEvent') {
                    const event = element as BusinessEvent;
                    eventsByName.set(event.name, event);
                    for (const alias of event.aliases) eventsByName.set(alias, event);
                    if (isBuiltinDocument(document) && findInCatalog(catalog.events, event.name)?.intake) facts.raisedEvents.add(event);
                }
            }
        }
        for (const step of steps) {
            for (const ref of step.outputEvents) addIf(facts.raisedEvents, ref.ref);
            const actionType = effectiveActionType(step);
            for (const name of ACTION_TYPE_OUTPUTS.get(actionType?.name ?? '') ?? []) addIf(facts.raisedEvents, eventsByName.get(name));
        }
        for (const document of documents) {
            const model = document.parseResult.value;
            if (!isModel(model)) continue;
            for (const journey of (model as Model).elements.filter(isJourney)) {
                if (!journey.published) continue;
                const journeySteps = collectSteps(journey.elements, []);
                facts.publishedEntries.push({
                    journey,
                    events: new Set(entrySteps(journey.elements).flatMap(step => step.inputEvents.flatMap(ref => ref.ref ? [ref.ref] : []))),
                    filtered: journeySteps.some(step => step.filterPolicies.length > 0)
                });
            }
        }
        return facts;
    }

    private locate(byUri: Map<string, LangiumDocument>, description: AstNodeDescription): AstNode | undefined {
        const document = byUri.get(description.documentUri.toString());
        return document ? this.services.ServiceRegistry.getServices(document.uri).workspace.AstNodeLocator.getAstNode(document.parseResult.value, description.path) : undefined;
    }

    /** Groups the index by kind and name (aliases included) and keeps the groups with more than one declaration. */
    private computeDuplicates(documents: LangiumDocument[]): Map<AstNode, AstNodeDescription[]> {
        const groups = new Map<string, AstNodeDescription[]>();
        for (const description of this.services.workspace.IndexManager.allElements()) {
            const key = `${description.type}\u0000${description.name}`;
            const group = groups.get(key);
            if (group) group.push(description); else groups.set(key, [description]);
        }
        const byUri = new Map(documents.map(document => [document.uri.toString(), document]));
        const result = new Map<AstNode, AstNodeDescription[]>();
        for (const group of groups.values()) {
            if (group.length < 2) continue;
            const nodes = group.map(description => description.node ?? this.locate(byUri, description));
            group.forEach((description, index) => {
                const node = nodes[index];
                if (!node) return;
                const others = group.filter((_, other) => nodes[other] !== node);
                if (others.length > 0) result.set(node, [...(result.get(node) ?? []), ...others]);
            });
        }
        return result;
    }
}

function addIf<T>(set: Set<T>, value: T | undefined): void {
    if (value !== undefined) set.add(value);
}

function isIntakeDefinition(definition: ProviderDefinition): boolean {
    return definition.logicDefinitions.some(logic => logic.logicType === 'message handler')
        || /intake/i.test(definition.serviceType ?? '');
}

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

/** The first action step below a list of elements (descending into the first path or branch). */
export function firstStep(elements: readonly JourneyElement[]): Step | undefined {
    const first = elements[0];
    if (!first) return undefined;
    if (isStep(first)) return first;
    if (isConditionElement(first)) return firstStep(first.paths[0]?.elements ?? []);
    if (isSplitter(first)) return firstStep(first.branches[0]?.elements ?? []);
    return undefined;
}
