/**
 * The order simulator: runs one sample order through the workspace's published journeys, as IOM would, and records
 * a trace that says why everything happened. It reads the lowered records only (see model.ts). Every choice made
 * where IOM's documentation is silent is an {@link ASSUMPTIONS} entry, named in the trace where it applies and
 * listed in docs/simulation.md.
 */
import type {
    ConditionGroupNode,
    ConditionNode,
    ConditionRow,
    ControlNode,
    JourneyNode,
    JourneyRecord,
    PolicyRecord,
    Reference,
    SourceLocation,
    StepNode
} from '../compiler/records.js';
import type { EntityRelation } from '../orders/entities.js';
import { cloneOrder, type OrderData, type SimRecord, type Value } from '../orders/sample-order.js';
import type { SimulationModel } from './model.js';

/** The documented choices (docs/simulation.md has one section per key, with its reason). */
export const ASSUMPTIONS = {
    'top-level-and': 'the conditions at the top level of a rule are combined with And',
    'rule-combination':
        'in one policy, every rule without actions must hold; rules with actions are conditional assignments, and a policy made only of them holds when at least one of its rules applies',
    'filter-policies-and': 'a step with several filter policies runs for a record only if all of them hold',
    'related-any': 'a one-to-many related-entity condition holds when at least one related record satisfies it',
    'policy-records':
        "a policy on another entity than the step's record is evaluated on the related records of that entity, and must hold for every one of them",
    'text-case': "text, choice and lookup values are compared without regard to case (Dataverse's default collation)",
    'empty-values': 'a comparison with an empty field is false, except "Doesn\'t contain data"',
    'no-records': 'a policy with no record of its entity to evaluate holds',
    'several-journeys':
        'several published journeys taking the event all run, one after another in name order, on the same order data; events one raises do not start steps of another',
    'no-branch': 'a record that matches no Splitter branch filter is not processed further by that Splitter (there is no default branch)',
    'branch-without-filter': 'a Splitter branch whose first element has no filter policy (or is not a step) takes every record that reaches it',
    'critical-scope':
        'a Critical information policy that fails stops the whole journey for the order: no later step runs and no event is raised for it',
    'filter-criticality': 'a filter policy only decides whether the step runs; its criticality never stops the flow',
    'implied-outputs': 'a step without output events raises the output events IOM documents for its action type when it succeeds',
    'fulfillment-orders':
        'when a step raises a Fulfillment order event and the order has no fulfillment orders, one is created per Fulfillment Source of the order products (with the products as its lines)',
    'single-pass': 'a journey runs once, in designer order: an event raised by a step starts only later steps of the same journey',
    'condition-after-skip': 'a Condition whose preceding step did not run takes neither path',
    'entry-event': 'the starting event is taken as raised for the order (by provider intake or Orchestrate)',
    'initial-state':
        'a record of an entity with states starts in the state with the lowest timeline position, with that state\'s first reason (an order starts "New", reason "New")'
} as const;
export type AssumptionKey = keyof typeof ASSUMPTIONS;

export type TraceKind =
    | 'event'
    | 'journey'
    | 'step'
    | 'filter'
    | 'execution'
    | 'rule'
    | 'row'
    | 'group'
    | 'related'
    | 'set'
    | 'provider'
    | 'raise'
    | 'consume'
    | 'condition'
    | 'splitter'
    | 'branch'
    | 'merge'
    | 'stop'
    | 'skip'
    | 'assumption'
    | 'record'
    | 'field'
    | 'state';

export interface TraceLine {
    kind: TraceKind;
    depth: number;
    text: string;
    journey?: string;
    /** The journey node (JourneyRecord node `id`) the line is about. */
    node?: string;
    /** The declaration the line talks about: step, policy or rule. */
    source?: SourceLocation;
    assumption?: AssumptionKey;
}

export type Outcome = 'success' | 'failure';

export interface Mock {
    provider: string;
    action: string;
    outcome: Outcome;
    /** Output events to raise instead of the step's own (on success). */
    events?: string[];
}

export interface SimulationOptions {
    /** The starting event (default New Order). */
    event?: string;
    mocks?: readonly Mock[];
}

export interface StepOutcome {
    node: string;
    name: string;
    status: 'ran' | 'failed' | 'skipped';
    reason: string;
    records: string[];
}

export interface JourneyResult {
    journey: string;
    id: string;
    entered: boolean;
    reason: string;
    /** JourneyRecord node ids, in the order they were visited. */
    visited: string[];
    skipped: string[];
    steps: StepOutcome[];
    branches: Array<{ node: string; name: string; taken: string[]; notTaken: string[] }>;
    conditions: Array<{ node: string; name: string; path: 'Yes' | 'No' | null }>;
    stoppedBy: { policy: string; step: string; node: string } | null;
}

export interface RaisedEvent {
    event: string;
    journey: string | null;
    step: string | null;
    records: string[];
}

export interface SimulationResult {
    event: string;
    journeys: JourneyResult[];
    lines: TraceLine[];
    raised: RaisedEvent[];
    consumed: Array<{ event: string; journey: string; step: string; records: string[] }>;
    /** The order's records at the end. */
    order: OrderData;
    /** Record id → its state (and state reason) at the end, for the records of entities with states. */
    states: Record<string, { state: string; reason: string | null }>;
    /** The events raised in the run that have no state transition (they set no state), in the order first raised. */
    eventsWithoutTransition: string[];
    assumptions: AssumptionKey[];
}

/** Runs a sample order through the model. Pure: the sample is copied. */
export function simulate(model: SimulationModel, sample: OrderData, options: SimulationOptions = {}): SimulationResult {
    return new Simulation(model, cloneOrder(sample), options).run();
}

class Simulation {
    private readonly lines: TraceLine[] = [];
    private readonly assumptionsUsed = new Set<AssumptionKey>();
    private readonly raised: RaisedEvent[] = [];
    private readonly consumed: SimulationResult['consumed'] = [];
    private readonly states = new Map<string, { state: string; reason: string | null }>();
    private readonly eventsWithoutTransition: string[] = [];
    private readonly event: string;
    private journey: JourneyRecord | undefined;
    private depth = 0;

    constructor(
        private readonly model: SimulationModel,
        private readonly order: OrderData,
        private readonly options: SimulationOptions
    ) {
        this.event = model.event(options.event ?? 'New Order').name;
    }

    run(): SimulationResult {
        const start = this.model.event(this.event);
        const startRecords = this.recordsOf(start.entity);
        this.line('event', `Event "${this.event}" raised for ${describeRecords(startRecords)}`);
        this.assume('entry-event');
        for (const record of this.order.records) this.initState(record);
        this.raised.push({ event: this.event, journey: null, step: null, records: startRecords.map(r => r.id) });
        this.applyTransitions(this.event, startRecords);
        const journeys = [...this.model.journeys].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const results: JourneyResult[] = [];
        const entered = journeys.filter(journey => journey.status === 'Published' && journey.entryEvents.some(e => this.same(e.name, this.event)));
        if (entered.length > 1) this.assume('several-journeys');
        for (const journey of journeys) {
            const result: JourneyResult = {
                journey: journey.name,
                id: journey.id,
                entered: false,
                reason: '',
                visited: [],
                skipped: journey.nodes.map(n => n.id),
                steps: [],
                branches: [],
                conditions: [],
                stoppedBy: null
            };
            results.push(result);
            if (journey.status !== 'Published') {
                result.reason = 'it is Unpublished (an unpublished journey never runs)';
            } else if (!entered.includes(journey)) {
                const starts = journey.entryEvents.map(e => `"${e.name}"`).join(', ');
                result.reason = starts ? `it starts on ${starts}, not "${this.event}"` : 'it has no first step with an input event';
            } else {
                result.entered = true;
                result.reason = `its first step takes "${this.event}"`;
            }
            this.journey = journey;
            this.line('journey', `Journey "${journey.name}": ${result.entered ? 'entered' : 'not entered'}: ${result.reason}`, {
                source: journey.source
            });
            if (result.entered) {
                this.depth++;
                this.runJourney(journey, result, startRecords);
                this.depth--;
            }
            this.journey = undefined;
        }
        this.line('field', 'Order at the end:');
        this.depth++;
        for (const record of this.order.records) {
            const fields = Object.entries(record.fields)
                .map(([name, value]) => `${name} = ${show(value)}`)
                .join('; ');
            const state = this.states.get(record.id);
            const shown = state ? `state ${show(state.state)}${state.reason ? ` (reason ${show(state.reason)})` : ''}; ` : '';
            this.line(
                'record',
                `${record.id}${record.created ? ' (created)' : ''}${record.parent ? ` in ${record.parent}` : ''}: ${shown}${fields || '(no field set)'}`
            );
        }
        this.depth--;
        if (this.eventsWithoutTransition.length) {
            this.line(
                'state',
                `No state transition on ${this.eventsWithoutTransition.map(name => `"${name}"`).join(', ')}: ${this.eventsWithoutTransition.length === 1 ? 'it sets' : 'they set'} no state`
            );
        }
        return {
            event: this.event,
            journeys: results,
            lines: this.lines,
            raised: this.raised,
            consumed: this.consumed,
            order: this.order,
            assumptions: [...this.assumptionsUsed],
            states: Object.fromEntries(this.states),
            eventsWithoutTransition: this.eventsWithoutTransition
        };
    }

    // -- journeys ---------------------------------------------------------------------------------------------------

    private runJourney(journey: JourneyRecord, result: JourneyResult, startRecords: SimRecord[]): void {
        const byId = new Map(journey.nodes.map(node => [node.id, node]));
        const incoming = new Map<string, typeof journey.edges>();
        for (const edge of journey.edges) {
            let list = incoming.get(edge.to);
            if (!list) incoming.set(edge.to, (list = []));
            list.push(edge);
        }
        /** Event name (canonical) → records it was raised for, in this journey's run. */
        const events = new Map<string, Set<string>>([[this.event, new Set(startRecords.map(r => r.id))]]);
        const reached = new Set<string>();
        const status = new Map<string, StepOutcome['status']>();
        const taken = new Map<string, Set<string>>();
        /** Records a Splitter let through to the first step of each branch (by step id). */
        const admitted = new Map<string, Set<string>>();
        const visited: string[] = [];
        const skippedReasons = new Map<string, string>();
        let stopped: string | null = null;
        let multiple = false;
        const mergesOpen: ControlNode[] = [];

        for (const node of journey.nodes) {
            const edgesIn = incoming.get(node.id) ?? [];
            const isEntry = journey.entryNodes.includes(node.id);
            const live = edgesIn.filter(edge => reached.has(edge.from) && (edge.branch === null || taken.get(edge.from)?.has(edge.branch)));
            if (stopped) {
                skippedReasons.set(node.id, stopped);
                this.skipLine(node, `skipped: ${stopped}`);
                continue;
            }
            if (!isEntry && live.length === 0) {
                const closed = edgesIn.find(edge => edge.branch !== null && reached.has(edge.from));
                const reason = closed ? `branch "${closed.branch}" of "${byId.get(closed.from)?.name}" not taken` : 'not reached';
                skippedReasons.set(node.id, reason);
                if (closed) this.skipLine(node, `skipped: ${reason}`);
                continue;
            }
            const joins = live.filter(edge => edge.join);
            if (joins.length) {
                const control = mergesOpen.pop();
                this.line('merge', `Merge: the taken paths${control ? ` of "${control.name}"` : ''} rejoin before "${node.name}"`, { node: node.id });
            }
            reached.add(node.id);
            if (node.type === 'step') {
                const outcome = this.runStep(node, events, admitted.get(node.id));
                result.steps.push(outcome);
                status.set(node.id, outcome.status);
                if (outcome.status !== 'skipped') visited.push(node.id);
                else skippedReasons.set(node.id, outcome.reason);
                if (outcome.stoppedBy) {
                    stopped = `the flow was stopped by "${outcome.stoppedBy}" at "${node.name}"`;
                    result.stoppedBy = { policy: outcome.stoppedBy, step: node.name, node: node.id };
                }
                continue;
            }
            visited.push(node.id);
            if (node.type === 'condition') {
                const previous = live.map(edge => byId.get(edge.from)).filter((n): n is StepNode => n?.type === 'step');
                const states = previous.map(step => status.get(step.id));
                const path: 'Yes' | 'No' | null = states.includes('failed') ? 'No' : states.includes('ran') ? 'Yes' : null;
                const names = previous.map(step => `"${step.name}"`).join(', ') || 'no step';
                if (path === null) this.assume('condition-after-skip');
                this.line(
                    'condition',
                    `${node.element} "${node.name}": ${
                        path === null ? `takes no path: ${names} did not run` : `${path} path: ${names} ${path === 'Yes' ? 'succeeded' : 'failed'}`
                    }`,
                    { node: node.id, source: node.source }
                );
                taken.set(node.id, new Set(path ? [path] : []));
                result.conditions.push({ node: node.id, name: node.name, path });
                if (node.merge) mergesOpen.push(node);
                continue;
            }
            // Splitter: each branch is chosen by the filter policy of its first action.
            const chosen = new Set<string>();
            const notTaken: string[] = [];
            this.line('splitter', `${node.element} "${node.name}": each branch is chosen by the filter policies of its first action`, {
                node: node.id,
                source: node.source
            });
            this.depth++;
            const matched = new Set<string>();
            const candidates = new Set<string>();
            for (const branch of node.branches) {
                const first = branch.entry ? byId.get(branch.entry) : undefined;
                if (!first || first.type !== 'step') {
                    this.assume('branch-without-filter');
                    this.line('branch', `Branch "${branch.name}": taken (${first ? 'its first element is not a step' : 'it is empty'})`, {
                        node: node.id
                    });
                    chosen.add(branch.name);
                    continue;
                }
                const records = this.stepCandidates(first, events);
                records.forEach(record => candidates.add(record.id));
                if (records.length === 0) {
                    notTaken.push(branch.name);
                    this.line('branch', `Branch "${branch.name}": not taken: "${first.name}" waits for ${eventList(first.inputEvents)}, not raised`, {
                        node: first.id,
                        source: first.source
                    });
                    continue;
                }
                if (first.filterPolicies.length === 0) {
                    this.assume('branch-without-filter');
                    this.line('branch', `Branch "${branch.name}": taken: "${first.name}" has no filter policy`, {
                        node: first.id,
                        source: first.source
                    });
                    chosen.add(branch.name);
                    records.forEach(record => matched.add(record.id));
                    admitted.set(first.id, new Set(records.map(r => r.id)));
                    continue;
                }
                this.line('branch', `Branch "${branch.name}": first action "${first.name}"`, { node: first.id, source: first.source });
                this.depth++;
                const passing = this.filter(first, records);
                this.depth--;
                admitted.set(first.id, new Set(passing.map(r => r.id)));
                if (passing.length) {
                    chosen.add(branch.name);
                    passing.forEach(record => matched.add(record.id));
                    this.line('branch', `Branch "${branch.name}": taken for ${describeRecords(passing)}`, { node: first.id });
                } else {
                    notTaken.push(branch.name);
                    this.line('branch', `Branch "${branch.name}": not taken: its filter policies hold for no record`, { node: first.id });
                }
            }
            for (const id of candidates) {
                if (matched.has(id)) continue;
                this.assume('no-branch');
                this.line('branch', `${id} matches no branch of "${node.name}": it is not processed further here`, { node: node.id });
            }
            this.depth--;
            taken.set(node.id, chosen);
            result.branches.push({ node: node.id, name: node.name, taken: [...chosen], notTaken });
            if (node.merge) mergesOpen.push(node);
            if (chosen.size > 1) multiple = true;
        }
        for (const control of mergesOpen.reverse()) {
            if (stopped) break;
            this.line('merge', `Merge: the taken paths of "${control.name}" rejoin (end of the journey)`, { node: control.id });
        }
        void multiple;
        result.visited = visited;
        result.skipped = journey.nodes.map(node => node.id).filter(id => !visited.includes(id));
    }

    private skipLine(node: JourneyNode, text: string): void {
        this.line('skip', `${node.type === 'step' ? 'Step' : (node as ControlNode).element} "${node.name}": ${text}`, {
            node: node.id,
            source: node.source
        });
    }

    /** The records one of the step's input events was raised for. */
    private stepCandidates(step: StepNode, events: Map<string, Set<string>>): SimRecord[] {
        const ids = new Set<string>();
        for (const input of step.inputEvents) {
            for (const [event, records] of events) if (this.same(event, input.name)) records.forEach(id => ids.add(id));
        }
        return this.order.records.filter(record => ids.has(record.id));
    }

    private runStep(step: StepNode, events: Map<string, Set<string>>, admitted: Set<string> | undefined): StepOutcome & { stoppedBy?: string } {
        const at = { node: step.id, source: step.source };
        const outcome: StepOutcome & { stoppedBy?: string } = { node: step.id, name: step.name, status: 'skipped', reason: '', records: [] };
        const candidates = this.stepCandidates(step, events);
        if (candidates.length === 0) {
            this.assume('single-pass');
            outcome.reason = `waits for ${eventList(step.inputEvents)}, which was not raised`;
            this.line('skip', `Step "${step.name}": skipped: ${outcome.reason}`, at);
            return outcome;
        }
        const consumedEvents = step.inputEvents.filter(input => [...events.keys()].some(event => this.same(event, input.name)));
        this.line(
            'step',
            `Step "${step.name}" (${step.tile.name}${step.actionType ? `, ${step.actionType.name}` : ''}): ${consumedEvents.map(e => `"${e.name}"`).join(', ')} raised for ${describeRecords(candidates)}`,
            at
        );
        this.depth++;
        for (const event of consumedEvents) {
            this.consumed.push({ event: event.name, journey: this.journey!.name, step: step.name, records: candidates.map(r => r.id) });
        }
        let running = candidates;
        if (admitted) {
            running = candidates.filter(record => admitted.has(record.id));
            if (step.filterPolicies.length)
                this.line('filter', `Filter policies (evaluated at the Splitter): run for ${describeRecords(running)}`, at);
        } else if (step.filterPolicies.length) {
            running = this.filter(step, candidates);
        }
        if (running.length === 0) {
            outcome.reason = 'its filter policies hold for no record';
            this.line('skip', `Step "${step.name}": skipped: ${outcome.reason}`, at);
            this.depth--;
            return outcome;
        }
        outcome.records = running.map(r => r.id);
        let failed = false;
        for (const reference of step.executionPolicies) {
            const policy = this.model.policies.get(reference.id);
            if (!policy) {
                this.line('execution', `Execution policy "${reference.name}": not declared in the workspace, not evaluated`, at);
                continue;
            }
            const holds = this.evaluatePolicy(policy, running, true);
            if (!holds) {
                if (policy.criticality === 'Critical information') {
                    this.assume('critical-scope');
                    this.line('stop', `Critical policy "${policy.name}" failed: the flow stops at "${step.name}"`, {
                        node: step.id,
                        source: policy.source
                    });
                    outcome.stoppedBy = policy.name;
                    failed = true;
                    break;
                }
                this.line('execution', `Information policy "${policy.name}" failed: the flow continues`, { node: step.id, source: policy.source });
            }
        }
        let result: 'success' | 'failure' = failed ? 'failure' : 'success';
        let mockedEvents: string[] | undefined;
        if (step.providerAction && !failed) {
            const { provider, action } = step.providerAction;
            const mock = this.options.mocks?.find(m => m.provider === provider.name && m.action === action.name);
            result = mock?.outcome ?? 'success';
            mockedEvents = mock?.events;
            this.line('provider', `Provider action "${provider.name}/${action.name}": ${result}${mock ? ' (mocked)' : ' (default)'}`, at);
        } else if (step.providerAction) {
            this.line('provider', `Provider action "${step.providerAction.provider.name}/${step.providerAction.action.name}": not called`, at);
        }
        outcome.status = result === 'success' ? 'ran' : 'failed';
        outcome.reason = result === 'success' ? 'succeeded' : outcome.stoppedBy ? `stopped by "${outcome.stoppedBy}"` : 'the provider action failed';
        if (result === 'success') {
            let outputs = mockedEvents ?? step.outputEvents.map(e => e.name);
            if (!mockedEvents && outputs.length === 0) {
                outputs = this.model.documentedOutputs(step.actionType?.name);
                if (outputs.length) {
                    this.assume('implied-outputs');
                    this.line(
                        'raise',
                        `No output events on the step: "${step.actionType?.name}" raises ${outputs.map(e => `"${e}"`).join(', ')}`,
                        at
                    );
                }
            }
            for (const output of outputs) this.raise(output, step, running, events);
        } else {
            this.line('step', `Step "${step.name}": Failure${outcome.stoppedBy ? '' : '; no output event is raised'}`, at);
        }
        this.depth--;
        return outcome;
    }

    private filter(step: StepNode, records: SimRecord[]): SimRecord[] {
        if (step.filterPolicies.length > 1) this.assume('filter-policies-and');
        const passing: SimRecord[] = [];
        for (const record of records) {
            let holds = true;
            for (const reference of step.filterPolicies) {
                const policy = this.model.policies.get(reference.id);
                if (!policy) {
                    this.line('filter', `Filter policy "${reference.name}": not declared in the workspace, taken as holding`, { node: step.id });
                    continue;
                }
                if (policy.criticality === 'Critical information') this.assume('filter-criticality');
                if (!this.evaluatePolicy(policy, [record], false, step.id)) holds = false;
            }
            if (holds) passing.push(record);
        }
        return passing;
    }

    /** Evaluates a policy for the step's records; applies its Set Value actions when `apply`. True when it holds. */
    private evaluatePolicy(policy: PolicyRecord, subjects: SimRecord[], apply: boolean, node?: string): boolean {
        const kind = policy.policyType === 'Filter policy' ? 'filter' : 'execution';
        const entity = policy.associatedEntity?.name ?? subjects[0]?.entity ?? 'Order';
        const targets = this.relatedRecords(entity, subjects);
        const at = { node: node ?? this.currentNode, source: policy.source };
        this.line(
            kind,
            `${kind === 'filter' ? 'Filter' : 'Execution'} policy "${policy.name}" (${policy.criticality ?? 'no criticality'}, ${entity}) on ${describeRecords(targets)}`,
            at
        );
        this.depth++;
        if (policy.rules.length > 1) this.assume('rule-combination');
        let holds = true;
        if (targets.length === 0) {
            this.assume('no-records');
            this.line('execution', `No ${entity} record to evaluate: the policy holds`, at);
        }
        for (const record of targets) {
            let checksHold = true;
            let applied = false;
            const actionRules = policy.rules.filter(rule => rule.actions.length > 0);
            for (const rule of policy.rules) {
                this.line('rule', `Rule "${rule.name}" on ${record.id}:`, { node: at.node, source: rule.source });
                this.depth++;
                const value = this.group(rule.condition, record, true, rule.source, at.node);
                if (rule.actions.length) {
                    if (value) {
                        applied = true;
                        for (const action of rule.actions) {
                            if (apply) {
                                const before = record.fields[action.field.name] ?? null;
                                record.fields[action.field.name] = action.value.value;
                                this.line('set', `Set ${action.field.name} = ${show(action.value.value)} on ${record.id} (was ${show(before)})`, {
                                    node: at.node,
                                    source: rule.source
                                });
                            }
                        }
                    } else {
                        this.line('rule', 'does not apply: no value set', { node: at.node, source: rule.source });
                    }
                } else if (!value) {
                    checksHold = false;
                }
                this.depth--;
            }
            const recordHolds = checksHold && (actionRules.length === 0 || actionRules.length < policy.rules.length || applied);
            if (!recordHolds) holds = false;
        }
        if (targets.length > 1 && entity !== subjects[0]?.entity) this.assume('policy-records');
        this.depth--;
        this.line(kind, `Policy "${policy.name}" ${holds ? 'holds' : 'fails'}`, at);
        return holds;
    }

    private currentNode: string | undefined;

    private group(group: ConditionGroupNode, record: SimRecord, top: boolean, source: SourceLocation, node: string | undefined): boolean {
        if (top && group.conditions.length > 1) this.assume('top-level-and');
        const values = group.conditions.map(condition => this.condition(condition, record, source, node));
        const value = group.operator === 'And' ? values.every(Boolean) : values.some(Boolean);
        if (top && group.conditions.length > 1) {
            this.line('group', `→ ${value}${group.conditions.length > 1 ? ' (all rows, top-level And)' : ''}`, { node, source });
        }
        return value;
    }

    private condition(condition: ConditionNode, record: SimRecord, source: SourceLocation, node: string | undefined): boolean {
        switch (condition.type) {
            case 'row':
                return this.row(condition, record, source, node);
            case 'group': {
                this.line('group', `${condition.operator} group:`, { node, source });
                this.depth++;
                const value = this.group(condition, record, false, source, node);
                this.depth--;
                this.line('group', `${condition.operator} group → ${value}`, { node, source });
                return value;
            }
            case 'related': {
                const relation = this.relation(record.entity, condition.relation.name);
                const related = relation ? this.follow(record, relation) : [];
                const quantifier = relation?.cardinality === 'one to many' ? 'any of' : 'the';
                if (relation?.cardinality === 'one to many') this.assume('related-any');
                this.line('related', `Related "${condition.relation.name}" (${quantifier} ${describeRecords(related)}):`, { node, source });
                this.depth++;
                let value = false;
                for (const target of related) {
                    this.line('related', `${target.id}:`, { node, source });
                    this.depth++;
                    const holds = this.group(condition.condition, target, false, source, node);
                    this.depth--;
                    if (holds) value = true;
                    if (relation?.cardinality !== 'one to many') break;
                }
                this.depth--;
                this.line('related', `Related "${condition.relation.name}" → ${value}`, { node, source });
                return value;
            }
        }
    }

    private row(row: ConditionRow, record: SimRecord, source: SourceLocation, node: string | undefined): boolean {
        const actual = record.fields[row.field.name] ?? null;
        const value = compare(row, actual);
        if (actual === null && row.operator !== "Doesn't contain data" && row.operator !== 'Contains data') this.assume('empty-values');
        if (
            typeof actual === 'string' &&
            row.value &&
            typeof row.value.value === 'string' &&
            actual !== row.value.value &&
            value &&
            row.operator === 'Equals'
        )
            this.assume('text-case');
        const expected = row.value ? ` ${show(row.value.value)}` : '';
        this.line('row', `${row.field.name} ${row.operator}${expected}: read ${show(actual)} → ${value}`, { node, source });
        return value;
    }

    // -- records ----------------------------------------------------------------------------------------------------

    private recordsOf(entity: string): SimRecord[] {
        const name = this.model.entities.get(entity)?.name ?? entity;
        return this.order.records.filter(record => record.entity === name);
    }

    private relation(entity: string, name: string): EntityRelation | undefined {
        return this.model.entities.get(entity)?.relations.find(relation => relation.name === name);
    }

    private follow(record: SimRecord, relation: EntityRelation): SimRecord[] {
        const target = this.model.entities.get(relation.target)?.name ?? relation.target;
        if (relation.cardinality === 'one to many')
            return this.order.records.filter(candidate => candidate.entity === target && candidate.parent === record.id);
        const parent = this.order.records.find(candidate => candidate.id === record.parent && candidate.entity === target);
        if (parent) return [parent];
        const all = this.recordsOf(target);
        return all.length === 1 ? all : [];
    }

    private ancestors(record: SimRecord): SimRecord[] {
        const result: SimRecord[] = [];
        let current = record;
        for (let guard = 0; current.parent && guard < 32; guard++) {
            const parent = this.order.records.find(candidate => candidate.id === current.parent);
            if (!parent) break;
            result.push(parent);
            current = parent;
        }
        return result;
    }

    /** The records of an entity that a policy evaluates for the given step records (see 'policy-records'). */
    private relatedRecords(entity: string, subjects: SimRecord[]): SimRecord[] {
        const name = this.model.entities.get(entity)?.name ?? entity;
        const result = new Set<SimRecord>();
        for (const subject of subjects) {
            if (subject.entity === name) {
                result.add(subject);
                continue;
            }
            const below = this.order.records.filter(record => record.entity === name && this.ancestors(record).includes(subject));
            if (below.length) {
                below.forEach(record => result.add(record));
                continue;
            }
            const above = this.ancestors(subject).filter(record => record.entity === name);
            if (above.length) {
                above.forEach(record => result.add(record));
                continue;
            }
            this.recordsOf(name).forEach(record => result.add(record));
        }
        return [...result];
    }

    // -- events -----------------------------------------------------------------------------------------------------

    private raise(name: string, step: StepNode, subjects: SimRecord[], events: Map<string, Set<string>>): void {
        const info = this.model.event(name);
        const entity = this.model.entities.get(info.entity)?.name ?? info.entity;
        let records = subjects.some(subject => subject.entity === entity)
            ? subjects.filter(s => s.entity === entity)
            : this.relatedRecords(entity, subjects);
        if (records.length === 0 && entity === 'Fulfillment order') records = this.createFulfillmentOrders(step);
        this.line('raise', `Raises "${info.name}" for ${describeRecords(records)}`, { node: step.id, source: step.source });
        let set = events.get(info.name);
        if (!set) events.set(info.name, (set = new Set()));
        records.forEach(record => set!.add(record.id));
        this.raised.push({ event: info.name, journey: this.journey?.name ?? null, step: step.name, records: records.map(r => r.id) });
        this.applyTransitions(info.name, records);
    }

    private createFulfillmentOrders(step: StepNode): SimRecord[] {
        this.assume('fulfillment-orders');
        const [order] = this.order.records;
        const lines = this.recordsOf('Order product');
        const bySource = new Map<string, SimRecord[]>();
        for (const line of lines) {
            const source = line.fields['Fulfillment Source'];
            const key = source === null || source === undefined ? '' : String(source);
            let list = bySource.get(key);
            if (!list) bySource.set(key, (list = []));
            list.push(line);
        }
        const created: SimRecord[] = [];
        let n = 0;
        for (const [source, group] of bySource) {
            const id = `Fulfillment order ${++n}`;
            const fields: Record<string, Value> = {
                Name: id,
                'Fulfillment Source': source || null,
                'Ship to Country/Region': order.fields['Ship to Country/Region'] ?? null
            };
            const record: SimRecord = { entity: 'Fulfillment order', id, parent: order.id, fields, created: true };
            this.order.records.push(record);
            this.initState(record);
            created.push(record);
            group.forEach((line, index) =>
                this.order.records.push({
                    entity: 'Fulfillment order product',
                    id: `${id} product ${index + 1}`,
                    parent: id,
                    created: true,
                    fields: Object.fromEntries(
                        Object.entries({
                            Product: line.fields['Product'],
                            Quantity: line.fields['Quantity'],
                            'Fulfillment Source': source || null
                        }).filter(([, value]) => value !== undefined && value !== null)
                    ) as Record<string, Value>
                })
            );
        }
        this.line(
            'record',
            `Created ${created.map(r => `${r.id} (Fulfillment Source ${show(r.fields['Fulfillment Source'])})`).join(', ') || 'no fulfillment order: the order has no products'}`,
            { node: step.id, source: step.source }
        );
        return created;
    }

    // -- states (domain reference 2.7) ------------------------------------------------------------------------------

    /** Gives a record of an entity with states its initial state ('initial-state'), traced. */
    private initState(record: SimRecord): void {
        if (this.states.has(record.id)) return;
        const initial = this.model.initialState(record.entity);
        if (!initial) return;
        this.assume('initial-state');
        this.states.set(record.id, initial);
        this.line('state', `State of ${record.id}: starts ${show(initial.state)}${initial.reason ? ` (reason ${show(initial.reason)})` : ''}`);
    }

    /**
     * Applies an event's state transition to the records it was raised for: a record whose current state is one of
     * the rows' source states moves to that row's target state and reason; any other keeps its state. An event with
     * no transition row sets no state (2.7); the end of the trace lists such events once.
     */
    private applyTransitions(event: string, records: SimRecord[]): void {
        const rows = this.model.transitionsOf(event);
        const [firstRow] = rows;
        if (!firstRow) {
            if (!this.eventsWithoutTransition.includes(event)) this.eventsWithoutTransition.push(event);
            return;
        }
        for (const record of records) {
            const current = this.states.get(record.id);
            if (!current) {
                this.line('state', `State of ${record.id}: unchanged: "${event}" has a state transition, but ${record.entity} has no states`);
                continue;
            }
            const row = rows.find(candidate => candidate.sourceState.name.toLowerCase() === current.state.toLowerCase());
            if (!row) {
                const sources = rows.map(candidate => show(candidate.sourceState.name)).join(', ');
                this.line('state', `State of ${record.id}: stays ${show(current.state)}: the transition on "${event}" moves only from ${sources}`, {
                    source: firstRow.source
                });
                continue;
            }
            const next = { state: row.targetState.name, reason: row.targetStateReason?.name ?? null };
            this.states.set(record.id, next);
            this.line(
                'state',
                `State of ${record.id}: ${show(current.state)} → ${show(next.state)}${next.reason ? ` (reason ${show(next.reason)})` : ''} on "${event}"`,
                { source: row.source }
            );
        }
    }

    // -- trace ------------------------------------------------------------------------------------------------------

    private same(a: string, b: string): boolean {
        return this.model.event(a).name === this.model.event(b).name;
    }

    private assume(key: AssumptionKey): void {
        if (this.assumptionsUsed.has(key)) return;
        this.assumptionsUsed.add(key);
        this.lines.push({
            kind: 'assumption',
            depth: this.depth,
            text: `Assumption (${key}): ${ASSUMPTIONS[key]}`,
            assumption: key,
            journey: this.journey?.name
        });
    }

    private line(kind: TraceKind, text: string, extra: { node?: string; source?: SourceLocation } = {}): void {
        if (kind === 'step' && extra.node) this.currentNode = extra.node;
        const line: TraceLine = { kind, depth: this.depth, text };
        if (this.journey) line.journey = this.journey.name;
        if (extra.node) line.node = extra.node;
        if (extra.source) line.source = extra.source;
        this.lines.push(line);
    }
}

// -- comparisons ----------------------------------------------------------------------------------------------------

/** Evaluates one condition row against the value read from the record (docs/simulation.md, "Comparisons"). */
export function compare(row: Pick<ConditionRow, 'operator' | 'value' | 'field'>, actual: Value): boolean {
    const empty = actual === null || actual === '';
    if (row.operator === 'Contains data') return !empty;
    if (row.operator === "Doesn't contain data") return empty;
    if (empty || !row.value) return false;
    const expected = row.value.value;
    const type = row.field.type ?? row.value.type;
    let order: number;
    if (typeof actual === 'number' || type === 'number') {
        const a = Number(actual),
            b = Number(expected);
        if (Number.isNaN(a) || Number.isNaN(b)) return false;
        order = a < b ? -1 : a > b ? 1 : 0;
    } else if (typeof actual === 'boolean' || type === 'boolean') {
        order = String(actual) === String(expected) ? 0 : 1;
        if (row.operator !== 'Equals' && row.operator !== "Doesn't equal") return false;
    } else if (type === 'date') {
        const a = Date.parse(String(actual)),
            b = Date.parse(String(expected));
        if (Number.isNaN(a) || Number.isNaN(b)) return false;
        order = a < b ? -1 : a > b ? 1 : 0;
    } else {
        const a = String(actual).toLowerCase(),
            b = String(expected).toLowerCase();
        order = a < b ? -1 : a > b ? 1 : 0;
    }
    switch (row.operator) {
        case 'Equals':
            return order === 0;
        case "Doesn't equal":
            return order !== 0;
        case 'Is greater than':
            return order > 0;
        case 'Is greater than or equal to':
            return order >= 0;
        case 'Is less than':
            return order < 0;
        case 'Is less than or equal to':
            return order <= 0;
        default:
            return false;
    }
}

function show(value: Value | undefined): string {
    if (value === null || value === undefined) return '(empty)';
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function describeRecords(records: SimRecord[]): string {
    if (records.length === 0) return 'no record';
    if (records.length <= 4) return records.map(record => record.id).join(', ');
    return `${records.length} records (${records
        .slice(0, 3)
        .map(record => record.id)
        .join(', ')}, …)`;
}

function eventList(events: Reference[]): string {
    return events.map(event => `"${event.name}"`).join(' or ') || 'no input event';
}
