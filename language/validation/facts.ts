/**
 * The workspace-level facts that several checks need, by category: which events each action type accepts, which
 * events anything raises, the activated instances per provider definition, duplicate names, bound connections,
 * published journeys' entry events, the custom entities some business event names. Checks read them per node in
 * constant time, so no check scans the workspace itself.
 *
 * This module holds the categories themselves: what the workspace facts are (`WorkspaceFacts`), which categories the
 * checks of each kind of declaration read (`Reads`), and what one document contributes (`computeDocumentFacts`). How
 * the contributions are cached, merged and rebased after an edit is facts-provider.ts (with facts-rebase.ts and
 * facts-version.ts).
 */
import { type AstNode, type AstNodeDescription, AstUtils, type LangiumDocument } from 'langium';
import actionTypesFile from '../catalog/action-types.json' with { type: 'json' };
import { catalog, findInCatalog } from '../catalog/catalog.js';
import {
    type ActionType,
    type BusinessEvent,
    type Connection,
    type Entity,
    type Journey,
    type Platform,
    type ProviderDefinition,
    type ProviderInstance,
    type EntityExtension,
    type StateDefinition,
    type TransitionRow,
    isEntityExtension,
    isStateTransition,
    isActionType,
    isActionTypeInput,
    isConnection,
    isEntity,
    isJourney,
    isModel,
    isPlatform,
    isPlatformReference,
    isProviderDefinition,
    isProviderInstance,
    type IdMapping,
    isIdMappings
} from '../generated/ast.js';
import { isBuiltinDocument } from '../model/builtin.js';
import { collectSteps, effectiveActionType, entryEvents, entryFiltered } from '../model/journeys.js';

export interface PublishedEntry {
    journey: Journey;
    events: Set<BusinessEvent>;
    filtered: boolean;
}

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
    /** For each declaration that shares its kind and name with another, the other declaration its report names. */
    duplicates: Map<AstNode, AstNodeDescription[]>;
    /** Every platform block in the workspace. */
    platforms: Platform[];
    /** Published journeys with their entry events and whether any of their steps has a filter policy. */
    publishedEntries: PublishedEntry[];
    /** User-declared (custom) entities that some business event names with `entity …`. */
    entitiesWithEvents: Set<Entity>;
    /** The `extend entity` declarations of each entity, in document order. */
    extensions: Map<Entity, EntityExtension[]>;
    /** The state transition rows of each business event, in document order. */
    transitions: Map<BusinessEvent, TransitionRow[]>;
    /** The states some transition row moves a record to. */
    targetedStates: Set<StateDefinition>;
    /** The ID mapping rows of each scope and key (`provider|group|table|field|value`), in document order. */
    idMappings: Map<string, IdMapping[]>;
    /** What the facts look like to the checks that read them, for comparing two workspace states. */
    readonly version: FactsVersion;
}

/** The categories of facts, each read by the checks of some kinds of declarations. */
export type FactCategory = 'allowed' | 'raised' | 'activated' | 'bound' | 'platforms' | 'published' | 'entityEvents' | 'states' | 'mappings';

export interface FactsVersion {
    /** Per category, a text that differs between two versions when a check reading that category may report differently. */
    readonly fingerprints: Readonly<Record<FactCategory, string>>;
    /** Per document URI, its declarations that have duplicates and where those are (duplicate-name reports). */
    readonly duplicates: ReadonlyMap<string, string>;
}

/** Which categories the checks of a document read, from the kinds of declarations it has. */
export const Reads = {
    /** Journeys: their steps' input events (allowed, raised), tiles needing providers, intake and competing journeys. */
    journeys: ['allowed', 'raised', 'activated', 'published'],
    /** `allow … as input of …`: redundant allows. */
    allows: ['allowed'],
    /** Provider instances: more than one activated instance of a definition. */
    instances: ['activated'],
    /** Platform blocks: one platform, every platform reference bound, activated when providers are. */
    platforms: ['platforms'],
    /** Connections: unused connections. */
    connections: ['bound'],
    /** User entities: custom entities without a business event. */
    entities: ['entityEvents', 'states'],
    /** Entity extensions and state transitions: duplicate members, unreachable states, repeated transition sources. */
    states: ['states'],
    /** ID mappings: the same external value mapped twice in one scope. */
    mappings: ['mappings']
} as const satisfies Record<string, readonly FactCategory[]>;

/** What one document contributes to the workspace facts. */
export interface DocumentFacts {
    allowed: Array<[ActionType, BusinessEvent, AstNode]>;
    bound: Connection[];
    activated: Array<[ProviderDefinition, ProviderInstance]>;
    intake: boolean;
    raised: BusinessEvent[];
    /** Events raised by name: the output events of the steps' action types, resolved against the workspace's events. */
    raisedNames: string[];
    /** The business events the document declares, by name and alias. */
    events: Array<[string, BusinessEvent]>;
    platforms: Platform[];
    /** The platform references the document declares (name, `?` when optional). */
    platformReferences: string[];
    published: PublishedEntry[];
    /** The user-declared entities named by the document's business events (top-level and provider events). */
    eventEntities: Entity[];
    /** The document's `extend entity` declarations with the entity each extends. */
    extensions: Array<[Entity, EntityExtension]>;
    /** The document's transition rows with their event. */
    transitions: Array<[BusinessEvent, TransitionRow]>;
    /** The document's ID mapping rows with their scope key. */
    idMappings: Array<[string, IdMapping]>;
    /** The categories the document's checks read. */
    reads: Set<FactCategory>;
}

const ACTION_TYPE_OUTPUTS = new Map(actionTypesFile.actionTypes.map(a => [a.name, (a as { outputEvents?: string[] }).outputEvents ?? []]));

/** The contribution of one document, from its linked AST. */
export function computeDocumentFacts(document: LangiumDocument): DocumentFacts {
    const facts: DocumentFacts = {
        allowed: [],
        bound: [],
        activated: [],
        intake: false,
        raised: [],
        raisedNames: [],
        events: [],
        platforms: [],
        platformReferences: [],
        published: [],
        eventEntities: [],
        extensions: [],
        transitions: [],
        idMappings: [],
        reads: new Set()
    };
    const model = document.parseResult.value;
    if (!isModel(model)) return facts;
    const builtin = isBuiltinDocument(document);
    const reads = (categories: readonly FactCategory[]) => categories.forEach(category => facts.reads.add(category));
    const eventEntity = (event: BusinessEvent) => {
        const entity = event.entity?.ref;
        if (entity && !isBuiltinDocument(AstUtils.getDocument(entity))) facts.eventEntities.push(entity);
    };
    for (const element of model.elements) {
        if (isActionType(element)) {
            for (const ref of element.inputEvents) if (ref.ref) facts.allowed.push([element, ref.ref, element]);
        } else if (isActionTypeInput(element)) {
            reads(Reads.allows);
            const actionType = element.actionType?.ref;
            if (actionType) for (const ref of element.events) if (ref.ref) facts.allowed.push([actionType, ref.ref, element]);
        } else if (isProviderInstance(element)) {
            reads(Reads.instances);
            for (const binding of element.bindings) addIf(facts.bound, binding.connection?.ref);
            const definition = element.definition?.ref;
            if (element.activated && definition) {
                facts.activated.push([definition, element]);
                if (isIntakeDefinition(definition)) facts.intake = true;
                facts.raised.push(...definition.events);
            }
        } else if (isPlatform(element)) {
            reads(Reads.platforms);
            facts.platforms.push(element);
            for (const binding of element.bindings) addIf(facts.bound, binding.connection?.ref);
        } else if (isJourney(element)) {
            reads(Reads.journeys);
            // Pause and resume needs the environment settings of the platform block.
            if (element.paused) reads(Reads.platforms);
            const steps = collectSteps(element.elements, []);
            for (const step of steps) {
                for (const ref of step.outputEvents) addIf(facts.raised, ref.ref);
                // What the step's provider action raises (`raises` of its logic definition; catalog data for IOM's own).
                for (const ref of step.providerAction?.ref?.raises ?? []) addIf(facts.raised, ref.ref);
                for (const name of ACTION_TYPE_OUTPUTS.get(effectiveActionType(step)?.name ?? '') ?? []) facts.raisedNames.push(name);
            }
            if (element.published) {
                facts.published.push({
                    journey: element,
                    events: entryEvents(element.elements),
                    // The entry steps take every order: a journey is kept apart only when each of them filters.
                    filtered: entryFiltered(element.elements)
                });
            }
        } else if (isIdMappings(element)) {
            reads(Reads.mappings);
            for (const row of element.rows)
                facts.idMappings.push([idMappingKey(element.provider?.$refText, element.mappingGroup?.$refText, row), row]);
        } else if (isConnection(element)) {
            reads(Reads.connections);
        } else if (isEntityExtension(element)) {
            reads(Reads.states);
            const entity = element.entity?.ref;
            if (entity) facts.extensions.push([entity, element]);
        } else if (isStateTransition(element)) {
            reads(Reads.states);
            const event = element.event?.ref;
            if (event) for (const row of element.rows) facts.transitions.push([event, row]);
        } else if (isEntity(element)) {
            if (!builtin) reads(Reads.entities);
        } else if (isProviderDefinition(element)) {
            for (const event of element.events) eventEntity(event);
        } else if (isPlatformReference(element)) {
            facts.platformReferences.push(`${element.name}${element.optional ? '?' : ''}`);
        } else if (element.$type === 'BusinessEvent') {
            const event = element as BusinessEvent;
            eventEntity(event);
            facts.events.push([event.name, event]);
            for (const alias of event.aliases) facts.events.push([alias, event]);
            if (builtin && findInCatalog(catalog.events, event.name)?.intake) facts.raised.push(event);
        }
    }
    return facts;
}

export function addIf<T>(target: Set<T> | T[], value: T | undefined): void {
    if (value === undefined) return;
    if (Array.isArray(target)) target.push(value);
    else target.add(value);
}

function isIntakeDefinition(definition: ProviderDefinition): boolean {
    return definition.logicDefinitions.some(logic => logic.logicType === 'message handler') || /intake/i.test(definition.serviceType ?? '');
}

/** The key of an ID mapping row: its scope (provider and mapping group, as written) and what it maps. */
export function idMappingKey(provider: string | undefined, group: string | undefined, row: IdMapping): string {
    const plain = (text: string | undefined) => (text ?? '').replace(/^"(.*)"$/, '$1');
    return [plain(provider), plain(group), row.table, row.externalField, row.externalValue].join('\u0000');
}
