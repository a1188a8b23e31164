/**
 * Workspace-level facts that several checks need: which events each action type accepts, which events anything
 * raises, the activated instances per provider definition, duplicate names, bound connections, published journeys'
 * entry events, the custom entities some business event names. Checks read them per node in constant time, so no check scans the workspace itself.
 *
 * Each document's contribution is computed from its linked AST and cached per document until the document is linked
 * again (re-parsed, or relinked because a document it references changed). The workspace facts are the merge of the
 * contributions, redone once per build: an edit recomputes only the edited (and relinked) documents' contributions.
 * Duplicate names come from the index, regrouped only for the documents indexed again.
 *
 * Each merge also has a {@link FactsVersion}: per category of facts, a fingerprint made of names and source
 * locations, never of object identities. A document validated against one version is out of date only when a
 * category it reads has a different fingerprint now (see revalidation.ts).
 */
import {
    type AstNode,
    type AstNodeDescription,
    AstUtils,
    DocumentState,
    type LangiumDocument,
    type LangiumSharedCoreServices,
    WorkspaceCache
} from 'langium';
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
import { locationOf } from './check-context.js';
import { collectSteps, effectiveActionType, entryFiltered, entrySteps } from '../model/journeys.js';

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

/** Computes and caches the facts of the current workspace state. */
export class IomWorkspaceFactsProvider {
    private readonly services: LangiumSharedCoreServices;
    /** The merged facts: cleared whenever a build has linked and indexed its documents. */
    private readonly merged: WorkspaceCache<string, WorkspaceFacts>;
    /** Duplicate names from the index: cleared whenever a build has indexed documents again. */
    private readonly indexed: WorkspaceCache<string, { duplicates: Map<AstNode, AstNodeDescription[]>; byDocument: Map<string, string> }>;
    /** Each document's contribution: computed anew when that document is linked again (garbage once it is deleted). */
    private readonly perDocument = new WeakMap<LangiumDocument, DocumentFacts>();
    /** The version computed last, with the per-document fingerprints and duplicate reports it was computed from. */
    private lastVersion: { documents: Array<[LangiumDocument, string]>; duplicates: ReadonlyMap<string, string>; version: FactsVersion } | undefined;
    /** The facts of the last merge. */
    private lastMerged: WorkspaceFacts | undefined;
    /** The index grouped by kind and name, updated for the documents indexed again since the last merge. */
    private readonly names = new NameGroups();

    constructor(services: LangiumSharedCoreServices) {
        this.services = services;
        this.merged = new WorkspaceCache(services, DocumentState.IndexedReferences);
        this.indexed = new WorkspaceCache(services, DocumentState.IndexedContent);
        // A document linked again contributes anew. It is computed at once, while the document is linked: a later
        // edit of a document it references unlinks it again, and the merge then rebases this contribution onto the
        // edited document's new tree instead of resolving its references lazily, one by one, inside the merge.
        services.workspace.DocumentBuilder.onDocumentPhase(DocumentState.IndexedReferences, document => {
            this.perDocument.set(document, computeDocumentFacts(document));
        });
    }

    get facts(): WorkspaceFacts {
        return this.merged.get('facts', () => this.merge());
    }

    /**
     * The events a step of the given action type may take as input: the action type's own `input events`, plus
     * every `allow … as input of …` in the workspace.
     */
    allowedInputEvents(actionType: ActionType | undefined): Set<BusinessEvent> {
        return new Set(actionType ? this.facts.allowedInputs.get(actionType)?.keys() : undefined);
    }

    /** A document's own contribution (cached until the document is linked again). */
    documentFacts(document: LangiumDocument): DocumentFacts {
        let facts = this.perDocument.get(document);
        if (!facts) this.perDocument.set(document, (facts = computeDocumentFacts(document)));
        return facts;
    }

    private merge(): WorkspaceFacts {
        const documents = this.services.workspace.LangiumDocuments.all.toArray();
        const { duplicates, byDocument } = this.indexed.get('duplicates', () => this.computeDuplicates(documents));
        // No contribution changed by name or location since the last merge (a keystroke in a string, a comment):
        // the last merged facts hold the same entries; only nodes of documents parsed again since are replaced.
        // This costs the number of distinct facts, not the sum of every document's contribution (with a provider
        // file referenced by thousands of files, each of them contributes the events it raises).
        const last = this.lastMerged;
        const same = last ? this.sameVersion(documents, byDocument) : undefined;
        if (last && same && last.version === same) {
            let full: WorkspaceFacts | undefined;
            const rebased = rebaseMerged(last, this.freshNodes(), duplicates, () => (full ??= this.mergeAll(documents, duplicates, byDocument)));
            return (this.lastMerged = rebased);
        }
        return this.mergeAll(documents, duplicates, byDocument);
    }

    /** Merges every document's contribution. */
    private mergeAll(documents: LangiumDocument[], duplicates: Map<AstNode, AstNodeDescription[]>, byDocument: Map<string, string>): WorkspaceFacts {
        const allowedInputs = new Map<ActionType, Map<BusinessEvent, AstNode>>();
        const raisedEvents = new Set<BusinessEvent>();
        const activatedInstances = new Map<ProviderDefinition, ProviderInstance[]>();
        const boundConnections = new Set<Connection>();
        const platforms: Platform[] = [];
        const publishedEntries: PublishedEntry[] = [];
        const entitiesWithEvents = new Set<Entity>();
        const extensions = new Map<Entity, EntityExtension[]>();
        const transitions = new Map<BusinessEvent, TransitionRow[]>();
        const targetedStates = new Set<StateDefinition>();
        const idMappings = new Map<string, IdMapping[]>();
        const eventsByName = new Map<string, BusinessEvent>();
        const raisedNames: string[] = [];
        /** Allowed inputs given more than once: their first origin appears in the redundant-allow reports. */
        const repeated = new Set<Map<BusinessEvent, AstNode>>();
        let hasActivatedIntakeProvider = false;
        const fresh = this.freshNodes();
        for (const document of documents) {
            // A document unlinked by an edit of a document it references keeps its contribution until the follow-up
            // relinks it; the nodes it took from the re-parsed document are replaced by their counterparts.
            const contribution = document.state < DocumentState.Linked ? rebase(this.documentFacts(document), fresh) : this.documentFacts(document);
            for (const [actionType, event, origin] of contribution.allowed) {
                let events = allowedInputs.get(actionType);
                if (!events) allowedInputs.set(actionType, (events = new Map()));
                if (!events.has(event)) events.set(event, origin);
                else repeated.add(events);
            }
            for (const connection of contribution.bound) boundConnections.add(connection);
            for (const [definition, instance] of contribution.activated) {
                const list = activatedInstances.get(definition);
                if (list) list.push(instance);
                else activatedInstances.set(definition, [instance]);
            }
            hasActivatedIntakeProvider ||= contribution.intake;
            for (const event of contribution.raised) raisedEvents.add(event);
            for (const name of contribution.raisedNames) raisedNames.push(name);
            for (const [name, event] of contribution.events) eventsByName.set(name, event);
            for (const platform of contribution.platforms) platforms.push(platform);
            for (const entry of contribution.published) publishedEntries.push(entry);
            for (const entity of contribution.eventEntities) entitiesWithEvents.add(entity);
            for (const [entity, extension] of contribution.extensions) {
                const list = extensions.get(entity);
                if (list) list.push(extension);
                else extensions.set(entity, [extension]);
            }
            for (const [event, row] of contribution.transitions) {
                const list = transitions.get(event);
                if (list) list.push(row);
                else transitions.set(event, [row]);
                addIf(targetedStates, row.target?.ref);
            }
            for (const [mappingKey, row] of contribution.idMappings) {
                const list = idMappings.get(mappingKey);
                if (list) list.push(row);
                else idMappings.set(mappingKey, [row]);
            }
        }
        for (const name of raisedNames) addIf(raisedEvents, eventsByName.get(name));
        let version = this.sameVersion(documents, byDocument);
        const computeVersion = (): FactsVersion => {
            const computed = { fingerprints: fingerprints(facts, repeated, platformReferences()), duplicates: byDocument };
            this.lastVersion = {
                documents: documents.map(document => [document, documentFingerprint(this.documentFacts(document))]),
                duplicates: byDocument,
                version: computed
            };
            return computed;
        };
        const facts: WorkspaceFacts = {
            allowedInputs,
            raisedEvents,
            activatedInstances,
            hasActivatedIntakeProvider,
            boundConnections,
            duplicates,
            platforms,
            publishedEntries,
            entitiesWithEvents,
            extensions,
            transitions,
            targetedStates,
            idMappings,
            get version() {
                return (version ??= computeVersion());
            }
        };
        const platformReferences = () =>
            this.services.workspace.IndexManager.allElements('PlatformReference')
                .map(description => `${description.name}${isPlatformReference(description.node) && description.node.optional ? '?' : ''}`)
                .toArray();
        return (this.lastMerged = facts);
    }

    /**
     * Maps a node to the same node of its document's current parse: itself when its document was not parsed again
     * since, otherwise the node at the same path of the new tree when it has the same type and name (a description
     * edit), else undefined (the declaration moved or is gone: its references are linked again by the follow-up).
     */
    private freshNodes(): Fresh {
        // Only nodes of documents parsed again are looked up and cached: any other node is itself, found in the one or
        // two steps to its root (facts are declarations), so a keystroke costs no map entry per fact.
        const cache = new Map<AstNode, AstNode | undefined>();
        return <T extends AstNode>(node: T): T | undefined => {
            let root: AstNode = node;
            while (root.$container) root = root.$container;
            const document = (root as { $document?: LangiumDocument }).$document;
            if (!document || document.parseResult.value === root) return node;
            if (cache.has(node)) return cache.get(node) as T | undefined;
            const locator = this.services.ServiceRegistry.getServices(document.uri).workspace.AstNodeLocator;
            const candidate = locator.getAstNode(document.parseResult.value, locator.getAstNodePath(node));
            const result =
                candidate && candidate.$type === node.$type && (candidate as { name?: unknown }).name === (node as { name?: unknown }).name
                    ? candidate
                    : undefined;
            cache.set(node, result);
            return result as T | undefined;
        };
    }

    /**
     * The last computed version, when no document's contribution differs (by name and location) from the one it was
     * computed from, the documents are the same and so are the duplicate reports: then nothing a check reads changed.
     * An edit that changes no cross-file fact costs one fingerprint of the edited document's contribution.
     */
    private sameVersion(documents: LangiumDocument[], duplicates: ReadonlyMap<string, string>): FactsVersion | undefined {
        const last = this.lastVersion;
        if (!last || last.documents.length !== documents.length || !sameEntries(last.duplicates, duplicates)) return undefined;
        for (const [i, [document, fingerprint]] of last.documents.entries()) {
            if (document !== documents[i] || fingerprint !== documentFingerprint(this.documentFacts(document))) return undefined;
        }
        return last.version;
    }

    private locate(byUri: Map<string, LangiumDocument>, description: AstNodeDescription): AstNode | undefined {
        const document = byUri.get(description.documentUri.toString());
        return document
            ? this.services.ServiceRegistry.getServices(document.uri).workspace.AstNodeLocator.getAstNode(
                  document.parseResult.value,
                  description.path
              )
            : undefined;
    }

    /**
     * The declarations that share their kind and name with another (aliases included); also, per document, which of
     * its declarations are reported and where their duplicates are. The index is grouped by kind and name
     * incrementally: only documents whose exports changed since the last call are regrouped.
     */
    private computeDuplicates(documents: LangiumDocument[]): { duplicates: Map<AstNode, AstNodeDescription[]>; byDocument: Map<string, string> } {
        const names = this.names;
        const order = new Map<string, number>();
        const present = new Set<string>();
        for (const document of documents) {
            const uri = document.uri.toString();
            order.set(uri, order.size);
            present.add(uri);
            const exports = this.exportsOf(uri);
            const known = names.exports.get(uri);
            if (known === exports) continue;
            if (known) names.remove(uri, known);
            names.add(uri, exports);
        }
        for (const [uri, known] of [...names.exports]) {
            if (!present.has(uri)) names.remove(uri, known);
        }
        const byUri = new Map(documents.map(document => [document.uri.toString(), document]));
        const duplicates = new Map<AstNode, AstNodeDescription[]>();
        const byDocument = new Map<string, string[]>();
        for (const key of names.repeated) {
            // In document order (then declaration order), as a build of the whole workspace indexes them.
            const group = [...names.groups.get(key)!].sort((a, b) => order.get(a.documentUri.toString())! - order.get(b.documentUri.toString())!);
            const nodes = group.map(description => description.node ?? this.locate(byUri, description));
            // A report names one other declaration: the group's first, or for the first itself the next that is
            // another node (a name and an alias of one declaration are not duplicates). Listing every other one per
            // declaration made n copies of a name cost n² (10,000 copies ran out of memory).
            const second = nodes.findIndex(node => node !== nodes[0]);
            const [firstDescription] = group;
            const secondDescription = group[second];
            if (!firstDescription || !secondDescription) continue;
            group.forEach((description, index) => {
                const node = nodes[index];
                if (!node) return;
                const other = node === nodes[0] ? secondDescription : firstDescription;
                if (!duplicates.has(node)) duplicates.set(node, [other]);
                const uri = description.documentUri.toString();
                const where = `${other.documentUri.toString()}:${other.nameSegment?.range.start.line}`;
                const reports = byDocument.get(uri);
                const line = `${description.type} ${description.name} ${description.path} ${where}\n`;
                if (reports) reports.push(line);
                else byDocument.set(uri, [line]);
            });
        }
        return { duplicates, byDocument: new Map([...byDocument].map(([uri, lines]) => [uri, lines.join('')])) };
    }

    /** The descriptions a document exports (the same array until the document is indexed again). */
    private exportsOf(uri: string): readonly AstNodeDescription[] {
        const index = this.services.workspace.IndexManager as unknown as { getFileDescriptions?(uri: string): AstNodeDescription[] };
        return index.getFileDescriptions?.(uri) ?? this.services.workspace.IndexManager.allElements(undefined, new Set([uri])).toArray();
    }
}

/** The index's declarations grouped by kind and name, kept up to date document by document. */
class NameGroups {
    /** Per document, the exports it was grouped with. */
    readonly exports = new Map<string, readonly AstNodeDescription[]>();
    readonly groups = new Map<string, AstNodeDescription[]>();
    /** The keys of the groups with more than one declaration. */
    readonly repeated = new Set<string>();

    add(uri: string, exports: readonly AstNodeDescription[]): void {
        this.exports.set(uri, exports);
        for (const description of exports) {
            const key = groupKey(description);
            const group = this.groups.get(key);
            if (group) group.push(description);
            else this.groups.set(key, [description]);
            if (group && group.length > 1) this.repeated.add(key);
        }
    }

    remove(uri: string, exports: readonly AstNodeDescription[]): void {
        this.exports.delete(uri);
        for (const key of new Set(exports.map(groupKey))) {
            const group = this.groups.get(key)?.filter(description => description.documentUri.toString() !== uri) ?? [];
            if (group.length === 0) this.groups.delete(key);
            else this.groups.set(key, group);
            if (group.length < 2) this.repeated.delete(key);
        }
    }
}

function groupKey(description: AstNodeDescription): string {
    return `${description.type}\u0000${description.name}`;
}

/** The contribution of one document, from its linked AST. */
function computeDocumentFacts(document: LangiumDocument): DocumentFacts {
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
                    events: new Set(entrySteps(element.elements).flatMap(step => step.inputEvents.flatMap(ref => (ref.ref ? [ref.ref] : [])))),
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

/** Maps a node to its counterpart in its document's current parse (see `freshNodes`). */
type Fresh = <T extends AstNode>(node: T) => T | undefined;

/** The categories of the merged facts that hold nodes, each rebased on its own when first read. */
const REBASED = [
    'allowedInputs',
    'raisedEvents',
    'activatedInstances',
    'boundConnections',
    'platforms',
    'publishedEntries',
    'entitiesWithEvents',
    'extensions',
    'transitions',
    'targetedStates',
    'idMappings'
] as const;
type Rebased = (typeof REBASED)[number];

/** A node gone from its document's new tree: the facts are merged again. */
class Gone extends Error {}

/** How each category is rebased: a collection none of whose nodes moved is kept as it is. */
function rebasers(fresh: Fresh): { [K in Rebased]: (value: WorkspaceFacts[K]) => WorkspaceFacts[K] } {
    const must = <T extends AstNode>(node: T): T => {
        const result = fresh(node);
        if (!result) throw new Gone();
        return result;
    };
    const moved = (node: AstNode): boolean => fresh(node) !== node;
    const list = <T extends AstNode>(values: T[]): T[] => (values.some(moved) ? values.map(must) : values);
    const set = <T extends AstNode>(values: Set<T>): Set<T> => {
        for (const value of values) if (moved(value)) return new Set([...values].map(must));
        return values;
    };
    const keyedMap = <K, V>(map: Map<K, V>, key: (key: K) => K, value: (value: V) => V): Map<K, V> => {
        let result: Map<K, V> | undefined;
        let index = 0;
        for (const [k, v] of map) {
            const newKey = key(k);
            const newValue = value(v);
            if (!result && (newKey !== k || newValue !== v)) result = new Map([...map].slice(0, index));
            result?.set(newKey, newValue);
            index++;
        }
        return result ?? map;
    };
    const listMap = <K extends AstNode, V extends AstNode>(map: Map<K, V[]>): Map<K, V[]> => keyedMap(map, must, list);
    return {
        allowedInputs: map => keyedMap(map, must, events => keyedMap(events, must, must)),
        raisedEvents: set,
        activatedInstances: listMap,
        boundConnections: set,
        platforms: list,
        publishedEntries: entries => {
            const rebased = entries.map(entry => {
                const journey = must(entry.journey);
                const events = set(entry.events);
                return journey === entry.journey && events === entry.events ? entry : { journey, events, filtered: entry.filtered };
            });
            return rebased.some((entry, i) => entry !== entries[i]) ? rebased : entries;
        },
        entitiesWithEvents: set,
        extensions: listMap,
        transitions: listMap,
        targetedStates: set,
        idMappings: map => keyedMap(map, key => key, list)
    };
}

/** Per lazily rebased facts: the categories not read yet, as they were in the facts they come from. */
const unread = new WeakMap<WorkspaceFacts, Map<Rebased, unknown>>();

/**
 * Merged facts with every node replaced by `fresh(node)`, each category when it is first read: an edit pays for the
 * categories the checks of the documents it validates read (editing a provider file does not rebase the published
 * journeys' entry events). A category not read keeps the value it was last computed from, so no chain of older
 * trees builds up. When a node is gone from its new tree, the category is taken from a full merge (`merge`).
 */
function rebaseMerged(
    facts: WorkspaceFacts,
    fresh: Fresh,
    duplicates: Map<AstNode, AstNodeDescription[]>,
    merge: () => WorkspaceFacts
): WorkspaceFacts {
    const from = unread.get(facts);
    const pending = new Map<Rebased, unknown>(REBASED.map(category => [category, from?.has(category) ? from.get(category) : facts[category]]));
    const rebase = rebasers(fresh) as Record<Rebased, (value: unknown) => unknown>;
    const result = { hasActivatedIntakeProvider: facts.hasActivatedIntakeProvider, duplicates, version: facts.version } as WorkspaceFacts;
    unread.set(result, pending);
    for (const category of REBASED) {
        Object.defineProperty(result, category, {
            enumerable: true,
            configurable: true,
            get() {
                let value: unknown;
                try {
                    value = rebase[category](pending.get(category));
                } catch (error) {
                    if (!(error instanceof Gone)) throw error;
                    value = merge()[category];
                }
                pending.delete(category);
                Object.defineProperty(result, category, { value, enumerable: true, configurable: false, writable: false });
                return value;
            }
        });
    }
    return result;
}

/** A contribution with every node replaced by `fresh(node)`; entries with a node that is gone are left out. */
function rebase(facts: DocumentFacts, fresh: Fresh): DocumentFacts {
    const nodes = <T extends AstNode>(list: readonly T[]): T[] =>
        list.flatMap(node => {
            const f = fresh(node);
            return f ? [f] : [];
        });
    const pairs = <A extends AstNode, B extends AstNode>(list: ReadonlyArray<[A, B]>): Array<[A, B]> =>
        list.flatMap(([a, b]) => {
            const fa = fresh(a),
                fb = fresh(b);
            return fa && fb ? [[fa, fb] as [A, B]] : [];
        });
    return {
        ...facts,
        allowed: facts.allowed.flatMap(([actionType, event, origin]) => {
            const a = fresh(actionType),
                e = fresh(event),
                o = fresh(origin);
            return a && e && o ? [[a, e, o] as [ActionType, BusinessEvent, AstNode]] : [];
        }),
        bound: nodes(facts.bound),
        activated: pairs(facts.activated),
        raised: nodes(facts.raised),
        events: facts.events.flatMap(([name, event]) => {
            const e = fresh(event);
            return e ? [[name, e] as [string, BusinessEvent]] : [];
        }),
        platforms: nodes(facts.platforms),
        published: facts.published.flatMap(entry => {
            const journey = fresh(entry.journey);
            return journey ? [{ journey, events: new Set(nodes([...entry.events])), filtered: entry.filtered }] : [];
        }),
        eventEntities: nodes(facts.eventEntities),
        extensions: pairs(facts.extensions),
        transitions: pairs(facts.transitions)
    };
}

const documentFingerprints = new WeakMap<DocumentFacts, string>();

/** What a document contributes, by name and location: equal for two contributions the checks cannot tell apart. */
function documentFingerprint(facts: DocumentFacts): string {
    let text = documentFingerprints.get(facts);
    if (text !== undefined) return text;
    const keys = (nodes: ReadonlyArray<AstNode & { name: string }>) => nodes.map(key).join(',');
    text = [
        facts.allowed
            .map(
                ([actionType, event, origin]) =>
                    `${key(actionType)}>${key(event)}${isActionType(origin) ? '' : `@${origin.$cstNode?.range.start.line}`}`
            )
            .join(','),
        keys(facts.bound),
        facts.activated.map(([definition, instance]) => `${key(definition)}>${instance.name}`).join(','),
        String(facts.intake),
        keys(facts.raised),
        facts.raisedNames.join(','),
        facts.events.map(([name, event]) => `${name}=${key(event)}`).join(','),
        String(facts.platforms.length),
        facts.platformReferences.join(','),
        facts.published.map(entry => `${key(entry.journey)} ${entry.filtered} ${keys([...entry.events])}`).join(','),
        keys(facts.eventEntities),
        facts.extensions.map(([entity, extension]) => `${key(entity)}+${memberKeys(extension)}`).join(','),
        facts.transitions.map(([event, row]) => `${key(event)}:${transitionKey(row)}`).join(','),
        facts.idMappings.map(([mappingKey, row]) => `${mappingKey}@${row.$cstNode?.range.start.line}`).join(','),
        [...facts.reads].join(',')
    ].join('\n');
    documentFingerprints.set(facts, text);
    return text;
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
    if (a === b) return true;
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (b.get(k) !== v) return false;
    return true;
}

/** The fingerprint of each category: names and, where reports show them, source locations; never object identities. */
function fingerprints(facts: WorkspaceFacts, repeated: Set<Map<BusinessEvent, AstNode>>, platformReferences: string[]): Record<FactCategory, string> {
    const allowed: string[] = [];
    for (const [actionType, events] of facts.allowedInputs) {
        allowed.push(`${key(actionType)}: ${[...events.keys()].map(key).join(', ')}`);
        if (!repeated.has(events)) continue;
        // Some input is allowed more than once: the redundant allows are reported with the first one's location.
        for (const [event, origin] of events) {
            if (!isActionType(origin))
                allowed.push(`  ${key(event)} first at ${locationOf(AstUtils.getDocument(origin), origin.$cstNode?.range.start.line)}`);
        }
    }
    const activated = [...facts.activatedInstances].map(([definition, instances]) => `${key(definition)}: ${instances.map(i => i.name).join(', ')}`);
    return {
        allowed: allowed.join('\n'),
        raised: [...facts.raisedEvents].map(key).sort().join('\n'),
        activated: `intake ${facts.hasActivatedIntakeProvider}\n${activated.join('\n')}`,
        bound: [...facts.boundConnections].map(key).sort().join('\n'),
        platforms:
            `platforms ${facts.platforms.length}, providers activated ${facts.activatedInstances.size > 0}\n${platformReferences.join('\n')}\n` +
            facts.platforms
                .flatMap(platform => platform.settings.map(setting => `${setting.setting?.$refText}=${setting.value?.$cstNode?.text}`))
                .join('\n'),
        published: facts.publishedEntries
            .map(entry => `${key(entry.journey)} ${entry.filtered} ${[...entry.events].map(key).sort().join(', ')}`)
            .join('\n'),
        entityEvents: [...facts.entitiesWithEvents].map(key).sort().join('\n'),
        states: [
            ...[...facts.extensions].map(([entity, list]) => `${key(entity)}: ${list.map(memberKeys).join(' ')}`),
            ...[...facts.transitions].map(([event, rows]) => `${key(event)}: ${rows.map(transitionKey).join(' ')}`)
        ]
            .sort()
            .join('\n'),
        mappings: [...facts.idMappings]
            .map(([mappingKey, rows]) => `${mappingKey}: ${rows.map(row => key(row.$container)).join(' ')}`)
            .sort()
            .join('\n')
    };
}

/** A declaration's name and document, kept until the node is dropped (the tree of a changed document is new). */
const nodeKeys = new WeakMap<AstNode, string>();

function key(node: AstNode & { name: string }): string {
    let text = nodeKeys.get(node);
    if (text === undefined) nodeKeys.set(node, (text = `${node.name}@${AstUtils.getDocument(node).uri.toString()}`));
    return text;
}

/** The members of an extension by name and line (their reports show where the others are). */
function memberKeys(extension: EntityExtension): string {
    return [...extension.fields, ...extension.states]
        .map(member => `${member.$type}:${member.name}@${AstUtils.getDocument(member).uri.toString()}:${member.$cstNode?.range.start.line}`)
        .join(',');
}

/** A transition row by its states and line. */
function transitionKey(row: TransitionRow): string {
    return `${row.sources.map(source => source.$refText).join('|')}>${row.target?.$refText}@${AstUtils.getDocument(row).uri.toString()}:${row.$cstNode?.range.start.line}`;
}

function addIf<T>(target: Set<T> | T[], value: T | undefined): void {
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
