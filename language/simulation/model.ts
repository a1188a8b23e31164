/**
 * What the simulator reads: the records the compiler lowers (journeys, policies, providers, business events) plus
 * the entity catalog (built-in entities and registered custom entities) and the built-in business events and action
 * types, which are data (language/catalog/*.json). Nothing here re-derives journeys or policies from the AST.
 */
import type { LangiumDocument } from 'langium';
import { catalog } from '../catalog/catalog.js';
import type { CompiledRecord, JourneyRecord, PolicyRecord, ProviderRecord, StateTransitionRecord, TypedValue } from '../compiler/records.js';
import { isEntity, type Model } from '../generated/ast.js';

export type FieldType = TypedValue['type'];

export interface EntityField {
    name: string;
    type: FieldType;
    values: string[];
    description?: string;
}

export interface EntityRelation {
    name: string;
    cardinality: 'many to one' | 'one to many';
    target: string;
}

export interface EntityInfo {
    name: string;
    aliases: string[];
    custom: boolean;
    fields: EntityField[];
    relations: EntityRelation[];
}

/** The entities of a workspace: the built-in catalog and the workspace's own (custom) entity declarations. */
export class EntityCatalog {
    readonly entities: EntityInfo[];
    private readonly byName = new Map<string, EntityInfo>();

    constructor(entities: EntityInfo[]) {
        this.entities = entities;
        for (const entity of entities) {
            for (const name of [entity.name, ...entity.aliases])
                if (!this.byName.has(name.toLowerCase())) this.byName.set(name.toLowerCase(), entity);
        }
    }

    /** An entity by its name or one of its aliases (case-insensitive, as IOM's names differ only in case). */
    get(name: string | null | undefined): EntityInfo | undefined {
        return name ? this.byName.get(name.toLowerCase()) : undefined;
    }

    field(entity: string, field: string): EntityField | undefined {
        return (
            this.get(entity)?.fields.find(candidate => candidate.name === field) ??
            this.get(entity)?.fields.find(candidate => candidate.name.toLowerCase() === field.toLowerCase())
        );
    }

    /** The built-in catalog alone. */
    static builtin(): EntityCatalog {
        return new EntityCatalog(
            catalog.entities.map(entity => ({
                name: entity.name,
                aliases: entity.aliases ?? [],
                custom: false,
                fields: entity.fields.map(field => ({
                    name: field.name,
                    type: field.type as FieldType,
                    values: field.values ?? [],
                    description: field.description
                })),
                relations: entity.relations.map(relation => ({ name: relation.name, cardinality: relation.cardinality, target: relation.target }))
            }))
        );
    }

    /** The built-in catalog plus the entity declarations of the given (workspace) documents. */
    static of(documents: readonly LangiumDocument[]): EntityCatalog {
        const builtin = EntityCatalog.builtin().entities;
        const custom: EntityInfo[] = [];
        for (const document of documents) {
            for (const element of (document.parseResult.value as Model).elements ?? []) {
                if (!isEntity(element) || !element.name) continue;
                if (builtin.some(entity => entity.name === element.name)) continue;
                custom.push({
                    name: element.name,
                    aliases: [...element.aliases],
                    custom: true,
                    fields: element.fields
                        .filter(field => field.name)
                        .map(field => ({
                            name: field.name,
                            type: (field.fieldType ?? 'text') as FieldType,
                            values: [...field.values],
                            description: field.description
                        })),
                    relations: element.relations
                        .filter(relation => relation.name)
                        .map(relation => ({
                            name: relation.name,
                            cardinality: relation.cardinality === 'many to one' ? 'many to one' : 'one to many',
                            target: relation.target.ref?.name ?? relation.target.$refText.replace(/^"|"$/g, '')
                        }))
                });
            }
        }
        return new EntityCatalog([...builtin, ...custom]);
    }
}

/** A state an entity's records can be in: out-of-box (catalog) or declared in the workspace. */
export interface StateInfo {
    name: string;
    timelinePosition: number | null;
    reasons: string[];
}

export type TransitionRow = StateTransitionRecord['transitions'][number];

export interface EventInfo {
    name: string;
    entity: string;
}

/** Everything the simulator reads, indexed. */
export class SimulationModel {
    readonly journeys: JourneyRecord[];
    readonly policies = new Map<string, PolicyRecord>();
    readonly providers = new Map<string, ProviderRecord>();
    private readonly events = new Map<string, EventInfo>();
    private readonly actionTypeOutputs = new Map<string, string[]>();
    /** Entity name → its states: the catalog's out-of-box ones, then the workspace's state definitions. */
    private readonly states = new Map<string, StateInfo[]>();
    /** Event name (canonical, lower case) → its state transition rows. */
    private readonly transitions = new Map<string, TransitionRow[]>();

    constructor(
        records: readonly CompiledRecord[],
        readonly entities: EntityCatalog
    ) {
        this.journeys = records.filter((record): record is JourneyRecord => record.kind === 'journey');
        for (const event of catalog.events) {
            const info = { name: event.name, entity: event.entity ?? 'Order' };
            for (const name of [event.name, ...(event.aliases ?? [])]) this.events.set(name.toLowerCase(), info);
        }
        for (const record of records) {
            if (record.kind === 'policy') this.policies.set(record.id, record);
            if (record.kind === 'provider') this.providers.set(record.id, record);
            if (record.kind === 'businessEvent') this.addEvent(record.name, record.entity?.name ?? null, record.aliases);
            if (record.kind === 'providerDefinition')
                for (const event of record.businessEvents) this.addEvent(event.name, event.entity?.name ?? null, event.aliases);
        }
        for (const entity of catalog.entities) {
            for (const state of entity.states ?? [])
                this.addState(entity.name, { name: state.name, timelinePosition: state.timelinePosition, reasons: [...state.reasons] });
        }
        for (const record of records) {
            if (record.kind === 'stateDefinition' && record.entity) {
                this.addState(record.entity.name, {
                    name: record.name,
                    timelinePosition: record.timelinePosition,
                    reasons: record.reasons.map(reason => reason.name)
                });
            }
        }
        for (const record of records) {
            if (record.kind !== 'stateTransition') continue;
            const key = this.event(record.businessEvent.name).name.toLowerCase();
            this.transitions.set(key, [...(this.transitions.get(key) ?? []), ...record.transitions]);
        }
        for (const actionType of catalog.actionTypes) {
            this.actionTypeOutputs.set(actionType.name, (actionType as { outputEvents?: string[] }).outputEvents ?? []);
        }
    }

    private addEvent(name: string, entity: string | null, aliases: readonly string[]): void {
        const info = { name, entity: this.entities.get(entity)?.name ?? entity ?? 'Order' };
        for (const key of [name, ...aliases]) this.events.set(key.toLowerCase(), info);
    }

    private addState(entity: string, state: StateInfo): void {
        const name = this.entities.get(entity)?.name ?? entity;
        const list = this.states.get(name) ?? [];
        if (!list.some(existing => existing.name.toLowerCase() === state.name.toLowerCase())) list.push(state);
        this.states.set(name, list);
    }

    /** The states of an entity (empty when it has none). */
    statesOf(entity: string): StateInfo[] {
        return this.states.get(this.entities.get(entity)?.name ?? entity) ?? [];
    }

    /**
     * The state a record of the entity starts in (docs/simulation.md, 'initial-state'): the state with the lowest
     * timeline position (declaration order among equals, states without a position last), with its first reason.
     */
    initialState(entity: string): { state: string; reason: string | null } | null {
        const states = this.statesOf(entity);
        if (states.length === 0) return null;
        const first = states.reduce((best, state) => ((state.timelinePosition ?? Infinity) < (best.timelinePosition ?? Infinity) ? state : best));
        return { state: first.name, reason: first.reasons[0] ?? null };
    }

    /** The state transition rows of a business event (by name or alias); [] when it has none. */
    transitionsOf(event: string): TransitionRow[] {
        return this.transitions.get(this.event(event).name.toLowerCase()) ?? [];
    }

    /** A business event by name or alias; an unknown event is taken to be raised for the order. */
    event(name: string): EventInfo {
        return this.events.get(name.toLowerCase()) ?? { name, entity: 'Order' };
    }

    knowsEvent(name: string): boolean {
        return this.events.has(name.toLowerCase());
    }

    /** The output events IOM documents for a built-in action type (catalog `outputEvents`), or []. */
    documentedOutputs(actionType: string | null | undefined): string[] {
        return actionType ? (this.actionTypeOutputs.get(actionType) ?? []) : [];
    }

    /** Every provider action of the workspace's provider instances, as `Provider/Action`. */
    providerActions(): Array<{ provider: string; action: string }> {
        return [...this.providers.values()].flatMap(provider =>
            provider.providerActions.map(action => ({ provider: provider.name, action: action.name }))
        );
    }
}
