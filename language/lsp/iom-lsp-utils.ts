/**
 * Facts about a workspace that the editor features share: which events a step may take as input, which steps raise
 * and consume an event, which operators suit a field, and how declarations are described in details and hovers.
 */
import { type AstNode, AstUtils, type AstNodeDescription, DocumentState, type LangiumDocument, type LangiumSharedCoreServices, WorkspaceCache } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { BUILTIN_SCHEME } from '../catalog/catalog.js';
import {
    type ActionType, type BusinessEvent, type Field, isActionTypeInput, isBusinessEvent, isJourney, isModel, isStep,
    type Model, type Step
} from '../generated/ast.js';
import { kindOf } from '../validation/kinds.js';

/** Whether a node belongs to the built-in catalog library. */
export function isBuiltin(node: AstNode): boolean {
    return AstUtils.getDocument(node).uri.scheme === BUILTIN_SCHEME;
}

/** The node a description stands for, loading it through the document when the description does not hold it. */
export function nodeOf(services: LangiumServices, description: AstNodeDescription): AstNode | undefined {
    if (description.node) return description.node;
    const document = services.shared.workspace.LangiumDocuments.getDocument(description.documentUri);
    return document ? services.workspace.AstNodeLocator.getAstNode(document.parseResult.value, description.path) : undefined;
}

/** The models of every document in the workspace, the built-in library included. */
export function allModels(services: LangiumServices): Model[] {
    return services.shared.workspace.LangiumDocuments.all
        .map((document: LangiumDocument) => document.parseResult.value)
        .filter(isModel)
        .toArray();
}

/** The action type a step runs: its own `action type`, or else the one its tile implies. */
export function effectiveActionType(step: Step): ActionType | undefined {
    return step.actionType?.ref ?? step.tile?.ref?.actionType?.ref;
}

/**
 * Facts derived from the whole workspace, computed once per workspace state rather than on every completion or hover
 * request. They are dropped when a build has linked its documents (the facts follow references) and when a document
 * is deleted.
 */
interface WorkspaceFacts {
    /** The events of every `allow … as input of …`, by action type, in workspace order. */
    allowedByActionType: Map<ActionType, BusinessEvent[]>;
    /** The steps that raise and consume each event, in workspace order. */
    usageByEvent: Map<BusinessEvent, { raisedBy: Step[]; consumedBy: Step[] }>;
}

const factCaches = new WeakMap<LangiumSharedCoreServices, WorkspaceCache<'facts', WorkspaceFacts>>();

function workspaceFacts(services: LangiumServices): WorkspaceFacts {
    let cache = factCaches.get(services.shared);
    if (!cache) {
        cache = new WorkspaceCache(services.shared, DocumentState.Linked);
        factCaches.set(services.shared, cache);
    }
    return cache.get('facts', () => computeWorkspaceFacts(services));
}

function computeWorkspaceFacts(services: LangiumServices): WorkspaceFacts {
    const allowedByActionType = new Map<ActionType, BusinessEvent[]>();
    const usageByEvent = new Map<BusinessEvent, { raisedBy: Step[]; consumedBy: Step[] }>();
    const usage = (event: BusinessEvent) => {
        let entry = usageByEvent.get(event);
        if (!entry) usageByEvent.set(event, entry = { raisedBy: [], consumedBy: [] });
        return entry;
    };
    for (const model of allModels(services)) {
        for (const element of model.elements) {
            if (isActionTypeInput(element) && element.actionType?.ref) {
                const events = allowedByActionType.get(element.actionType.ref) ?? [];
                for (const event of element.events) if (event.ref) events.push(event.ref);
                allowedByActionType.set(element.actionType.ref, events);
            }
        }
    }
    for (const step of allSteps(services)) {
        for (const event of new Set(step.outputEvents.map(ref => ref.ref))) if (event) usage(event).raisedBy.push(step);
        for (const event of new Set(step.inputEvents.map(ref => ref.ref))) if (event) usage(event).consumedBy.push(step);
    }
    return { allowedByActionType, usageByEvent };
}

/**
 * The events a step of the given action type may take as input: the action type's own `input events`, plus every
 * `allow … as input of …` in the workspace.
 */
export function allowedInputEvents(services: LangiumServices, actionType: ActionType | undefined): Set<BusinessEvent> {
    const allowed = new Set<BusinessEvent>();
    if (!actionType) return allowed;
    for (const event of actionType.inputEvents) if (event.ref) allowed.add(event.ref);
    for (const event of workspaceFacts(services).allowedByActionType.get(actionType) ?? []) allowed.add(event);
    return allowed;
}

/** Every step of the workspace's journeys. */
export function allSteps(services: LangiumServices): Step[] {
    const steps: Step[] = [];
    for (const model of allModels(services)) {
        for (const element of model.elements) {
            if (isJourney(element)) steps.push(...AstUtils.streamAllContents(element).filter(isStep));
        }
    }
    return steps;
}

/** The steps that raise (output) and consume (input) an event. */
export function eventUsage(services: LangiumServices, event: BusinessEvent): { raisedBy: Step[]; consumedBy: Step[] } {
    const usage = workspaceFacts(services).usageByEvent.get(event);
    return { raisedBy: [...usage?.raisedBy ?? []], consumedBy: [...usage?.consumedBy ?? []] };
}

/** The journey a step belongs to. */
export function journeyOf(node: AstNode): string | undefined {
    return AstUtils.getContainerOfType(node, isJourney)?.name;
}

export const ORDERING_OPERATORS = ['>', '>=', '<', '<='] as const;
export const EQUALITY_OPERATORS = ['=', '!='] as const;
export const DATA_OPERATORS = ['contains data', 'does not contain data'] as const;

/** How each operator reads in the product's Condition Builder. */
export const OPERATOR_NAMES: Record<string, string> = {
    '=': 'Equals',
    '!=': "Doesn't equal",
    '>': 'Is greater than',
    '>=': 'Is greater than or equal to',
    '<': 'Is less than',
    '<=': 'Is less than or equal to',
    'contains data': 'Contains data',
    'does not contain data': "Doesn't contain data"
};

/**
 * The operators valid for a field: ordering operators only on plain fields whose values have an order (text, number,
 * date) — not on lookups (entity-based), yes/no fields or choices, as the policy checks require.
 */
export function operatorsFor(field: Field | undefined): string[] {
    const all = [...EQUALITY_OPERATORS, ...ORDERING_OPERATORS, ...DATA_OPERATORS];
    if (!field) return all;
    if (field.fieldType === 'lookup' || field.fieldType === 'boolean' || field.fieldType === 'choice') {
        return [...EQUALITY_OPERATORS, ...DATA_OPERATORS];
    }
    return all;
}

/** A short description of a declaration: its kind, and for built-ins that it comes from the catalog. */
export function detailOf(node: AstNode): string {
    const kind = kindOf(node.$type);
    const builtin = isBuiltin(node) ? 'built-in ' : '';
    if (isBusinessEvent(node) && node.entity?.$refText) return `${builtin}${kind} on ${node.entity.$refText}`;
    return `${builtin}${kind}`;
}

/** Cleans a grammar comment (`/** … *\/`) into plain text. */
export function cleanComment(comment: string | undefined): string | undefined {
    if (!comment) return undefined;
    return comment.replace(/^\/\*\*?/, '').replace(/\*\/$/, '').split('\n').map(line => line.replace(/^\s*\*\s?/, '').trim())
        .join(' ').trim() || undefined;
}
