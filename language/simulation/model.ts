/**
 * What the simulator reads: the records the compiler lowers (journeys, policies, providers, business events) plus
 * the entity catalog (built-in entities and registered custom entities) and the built-in business events and action
 * types, which are data (language/catalog/*.json). Nothing here re-derives journeys or policies from the AST.
 */
import { catalog } from '../catalog/catalog.js';
import type { CompiledRecord, JourneyRecord, PolicyRecord, ProviderRecord, StateTransitionRecord } from '../compiler/records.js';
import type { EntityCatalog } from '../orders/entities.js';

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
