/**
 * Markdown descriptions of declarations, shared by hovers and completion item documentation: a code line naming the
 * declaration, what kind of thing it is, its doc comment, and the settings that matter.
 */
import { type AstNode, AstUtils } from 'langium';
import type { IomServices } from '../iom-module.js';
import { findInCatalog, catalog, formatName } from '../catalog/catalog.js';
import {
    isActionType,
    isBranch,
    isBusinessEvent,
    isConditionElement,
    isConnection,
    isConnectionReferenceDefinition,
    isEntity,
    isField,
    isJourney,
    isTest,
    isLogicDefinition,
    isParameterDefinition,
    isPlatformReference,
    isPolicy,
    isProviderDefinition,
    isEmailPlaceholder,
    isEmailTemplate,
    isProviderInstance,
    isRelation,
    isRule,
    isSplitter,
    isStep,
    isTile,
    type Step,
    isEntityExtension,
    isStateDefinition,
    isStateReason,
    isStateTransition,
    type BusinessEvent,
    isConnectorSetting,
    isEnvironmentSetting,
    isIdMappings,
    isMappingGroup,
    isTransformationDefinition
} from '../generated/ast.js';
import { fieldsOf, ownerEntity, statesOf } from '../scoping/entity-members.js';
import { kindOf } from '../model/kinds.js';
import { journeyOf } from './iom-lsp-utils.js';
import { isBuiltinNode } from '../model/builtin.js';
import { effectiveActionType } from '../model/journeys.js';

const name = (value: string | undefined): string => (value === undefined ? '?' : formatName(value));
const refName = (ref: { $refText: string } | undefined): string => (ref ? `\`${ref.$refText}\`` : '—');
const stepLabel = (step: Step): string => `\`${step.name}\`${journeyOf(step) ? ` (journey \`${journeyOf(step)}\`)` : ''}`;

export interface DescribeOptions {
    /** Include facts that need a scan of the whole workspace (which steps raise and consume an event). Default true. */
    workspaceFacts?: boolean;
}

/** The markdown description of a declaration. */
export function describeNode(services: IomServices, node: AstNode, options: DescribeOptions = {}): string {
    const nodeName = services.references.NameProvider.getName(node);
    const kind = kindOf(node.$type);
    const parts: string[] = [];
    parts.push('```iom\n' + signature(node, kind, nodeName) + '\n```');
    const origin = isBuiltinNode(node) ? 'Built-in ' + kind + ' (IOM catalog).' : capitalize(kind) + '.';
    parts.push(origin);
    const doc = services.documentation.DocumentationProvider.getDocumentation(node);
    if (doc) parts.push(doc);
    const description = (node as { description?: unknown }).description;
    if (typeof description === 'string' && description && description !== doc) parts.push(description);
    const settings = keySettings(services, node, options.workspaceFacts ?? true);
    if (settings.length) parts.push(settings.map(line => `- ${line}`).join('\n'));
    return parts.join('\n\n');
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

function signature(node: AstNode, kind: string, nodeName: string | undefined): string {
    if (isStep(node)) return `step ${name(node.name)} : ${node.tile?.$refText ? name(node.tile.$refText) : '?'}`;
    if (isField(node)) return `field ${name(node.name)} : ${node.fieldType}`;
    if (isRelation(node)) return `relation ${name(node.name)} : ${node.cardinality} ${node.target?.$refText ? name(node.target.$refText) : '?'}`;
    if (isProviderInstance(node)) return `provider ${name(node.name)} from ${node.definition?.$refText ? name(node.definition.$refText) : '?'}`;
    if (isLogicDefinition(node)) return `logic ${name(node.name)}`;
    if (isConditionElement(node)) return `condition${node.merge ? ' merge' : ''} ${name(node.name)}`;
    if (isSplitter(node)) return `splitter${node.merge ? ' merge' : ''} ${name(node.name)}`;
    if (isPlatformReference(node)) return `platform reference ${name(node.name)}`;
    if (isConnectionReferenceDefinition(node)) return `connection reference ${name(node.name)}`;
    if (isBusinessEvent(node)) return `event ${name(node.name)}`;
    if (isActionType(node)) return `action type ${name(node.name)}`;
    if (isProviderDefinition(node)) return `provider definition ${name(node.name)}`;
    if (isParameterDefinition(node)) return `parameter ${name(node.name)}`;
    if (isStateDefinition(node)) return `state ${name(node.name)}`;
    if (isStateReason(node)) return `reason ${name(node.name)}`;
    if (isEmailTemplate(node)) return `email template ${name(node.name)}`;
    if (isEntityExtension(node)) return `extend entity ${node.entity?.$refText ? name(node.entity.$refText) : '?'}`;
    if (isStateTransition(node)) return `transition on ${node.event?.$refText ? name(node.event.$refText) : '?'}`;
    if (isMappingGroup(node)) return `mapping group ${name(node.name)}`;
    if (isIdMappings(node)) return `id mappings ${name(node.name)}`;
    if (isConnectorSetting(node)) return `setting ${name(node.name)}`;
    if (isEnvironmentSetting(node)) return `environment setting ${name(node.name)}`;
    if (isTransformationDefinition(node)) return `transformation ${name(node.name)}`;
    const keyword = node.$type.toLowerCase();
    return `${nodeName !== undefined ? `${keyword} ${name(nodeName)}` : kind}`;
}

/** The settings worth showing for each kind of declaration. */
function keySettings(services: IomServices, node: AstNode, workspaceFacts: boolean): string[] {
    const lines: string[] = [];
    if (isStep(node)) {
        lines.push(`Tile: ${refName(node.tile)}`);
        const actionType = effectiveActionType(node);
        if (node.actionType) lines.push(`Action type: ${refName(node.actionType)}`);
        else if (actionType) lines.push(`Action type: \`${actionType.name}\` (implied by the tile)`);
        else lines.push('Action type: none (the tile implies none; set `action type` on the step)');
        if (node.inputEvents.length) lines.push(`Input events: ${node.inputEvents.map(refName).join(', ')}`);
        if (node.outputEvents.length) lines.push(`Output events: ${node.outputEvents.map(refName).join(', ')}`);
        if (node.filterPolicies.length) lines.push(`Filter policies: ${node.filterPolicies.map(refName).join(', ')}`);
        if (node.executionPolicies.length) lines.push(`Execution policies: ${node.executionPolicies.map(refName).join(', ')}`);
        if (node.provider) lines.push(`Provider action: ${refName(node.providerAction)} of provider ${refName(node.provider)}`);
        if (node.emailTemplate) lines.push(`Email template: ${refName(node.emailTemplate)}`);
    } else if (isEmailTemplate(node)) {
        lines.push(isBuiltinNode(node) ? 'Catalog template of the Dynamics 365 Communication provider: read-only' : 'Custom email template');
        if (node.entity) lines.push(`Entity: ${refName(node.entity)}`);
        if (node.placeholders.length) lines.push(`Placeholders: ${node.placeholders.map(p => `\`${p.name}\` = ${refName(p.field)}`).join(', ')}`);
        if (node.subject !== undefined) lines.push(`Subject: \`${node.subject}\``);
    } else if (isEmailPlaceholder(node)) {
        lines.push(`Placeholder of email template \`${node.$container.name}\`, filled from ${refName(node.field)}`);
    } else if (isTile(node)) {
        if (node.actionType) lines.push(`Implies action type ${refName(node.actionType)}`);
        else lines.push('Implies no action type: set `action type` on the step');
        const entry = findInCatalog(catalog.tiles, node.name);
        if (entry?.requiresProvider) lines.push(`Needs the activated provider \`${entry.requiresProvider}\``);
        if (entry?.email) lines.push('Needs an `email template`');
    } else if (isField(node)) {
        const entity = ownerEntity(node);
        lines.push(`Type: \`${node.fieldType}\``);
        if (entity) lines.push(`Entity: \`${entity.name}\`${isEntityExtension(node.$container) ? ' (custom column added by `extend entity`)' : ''}`);
        if (node.column) lines.push(`Column: \`${node.column}\``);
        if (node.values.length) lines.push(`Values: ${node.values.map(value => `\`${value}\``).join(', ')}`);
    } else if (isRelation(node)) {
        lines.push(`${capitalize(node.cardinality)} ${refName(node.target)}`);
        if (isEntity(node.$container)) lines.push(`Entity: \`${node.$container.name}\``);
    } else if (isBusinessEvent(node)) {
        if (node.entity) lines.push(`Entity: ${refName(node.entity)}`);
        if (isProviderDefinition(node.$container)) lines.push(`Defined by provider \`${node.$container.name}\``);
        if (!workspaceFacts) return lines;
        lines.push(transitionSummary(services, node));
        const { raisedBy, consumedBy } = services.shared.workspace.EditorFacts.eventUsage(node);
        lines.push(`Raised by: ${raisedBy.length ? raisedBy.map(stepLabel).join(', ') : 'no step in this workspace'}`);
        lines.push(`Consumed by: ${consumedBy.length ? consumedBy.map(stepLabel).join(', ') : 'no step in this workspace'}`);
    } else if (isActionType(node)) {
        const entry = isBuiltinNode(node) ? findInCatalog(catalog.actionTypes, node.name) : undefined;
        if (entry?.fixed) lines.push('Fixed by IOM for its tile and provider actions: never shown in the designer, never created');
        const allowed = [...services.shared.workspace.FactsProvider.allowedInputEvents(node)].map(event => `\`${event.name}\``);
        if (entry?.anyInputEvent) lines.push('Input events: any');
        else lines.push(`Input events: ${allowed.length ? allowed.join(', ') : 'none (allow some with `allow … as input of …`)'}`);
    } else if (isPolicy(node)) {
        if (node.policyType) lines.push(`Type: ${node.policyType}`);
        if (node.criticality) lines.push(`Criticality: ${node.criticality}`);
        if (node.entity) lines.push(`Entity: ${refName(node.entity)}`);
        lines.push(node.published ? 'Published' : 'Not published');
        lines.push(`Version: Current${node.version !== undefined ? `, number ${node.version}` : ''}`);
        lines.push(`Rules: ${node.rules.length}`);
    } else if (isRule(node)) {
        lines.push(`Conditions: ${node.conditions.length}, actions: ${node.actions.length}`);
    } else if (isProviderInstance(node)) {
        lines.push(`Definition: ${refName(node.definition)}`);
        lines.push(node.activated ? 'Activated' : 'Not activated');
        if (node.bindings.length) lines.push(`Bindings: ${node.bindings.map(b => `${refName(b.reference)} → ${refName(b.connection)}`).join(', ')}`);
        if (node.mappingGroup) lines.push(`Mapping group: ${refName(node.mappingGroup)}`);
    } else if (isProviderDefinition(node)) {
        if (node.logicalName) lines.push(`Logical name: \`${node.logicalName}\``);
        if (node.logo) lines.push(`Logo: \`${node.logo}\``);
        if (node.serviceType) lines.push(`Service type: ${node.serviceType}`);
        const actions = node.logicDefinitions.filter(logic => logic.logicType === 'provider action');
        if (actions.length) lines.push(`Provider actions: ${actions.map(a => `\`${a.name}\``).join(', ')}`);
        if (node.connectionReferences.length) lines.push(`Connection references: ${node.connectionReferences.map(r => `\`${r.name}\``).join(', ')}`);
    } else if (isLogicDefinition(node)) {
        if (node.logicType) lines.push(`Logic type: ${node.logicType}`);
        if (node.actionType) lines.push(`Action type: ${refName(node.actionType)}`);
        if (node.entity) lines.push(`Entity: ${refName(node.entity)}`);
        if (node.raises.length) lines.push(`Raises: ${node.raises.map(refName).join(', ')}`);
        if (isProviderDefinition(node.$container)) lines.push(`Provider definition: \`${node.$container.name}\``);
    } else if (isParameterDefinition(node)) {
        lines.push(`Type: ${node.dataType ?? 'Text'}${node.required ? ', required' : ''}`);
        if (node.logicalName) lines.push(`Logical name: \`${node.logicalName}\``);
    } else if (isTransformationDefinition(node)) {
        if (node.sourceType) lines.push(`Source type: ${node.sourceType}`);
        if (node.sourceObject || node.destinationObject)
            lines.push(`Objects: \`${node.sourceObject ?? '?'}\` → \`${node.destinationObject ?? '?'}\``);
        if (node.sampleData) lines.push(`Sample data: \`${node.sampleData}\``);
    } else if (isMappingGroup(node)) {
        lines.push(isBuiltinNode(node) ? 'The mapping group IOM creates; providers normally use it' : 'User mapping group');
    } else if (isIdMappings(node)) {
        if (node.provider) lines.push(`Provider: ${refName(node.provider)}`);
        if (node.mappingGroup) lines.push(`Mapping group: ${refName(node.mappingGroup)}`);
        const tables = [...new Set(node.rows.map(row => row.table))];
        lines.push(`Mappings: ${node.rows.length}${tables.length ? ` (${tables.join(', ')})` : ''}`);
    } else if (isConnectorSetting(node) || isEnvironmentSetting(node)) {
        const flags = isConnectorSetting(node)
            ? [node.required ? 'required' : '', node.secret ? 'secret (give it with `secret env` or `secret keyvault`)' : ''].filter(Boolean)
            : [];
        lines.push(`Type: ${node.valueType ?? 'text'}${flags.length ? `, ${flags.join(', ')}` : ''}`);
        if (isConnectorSetting(node) && node.$container) lines.push(`Setting of connector \`${(node.$container as { name: string }).name}\``);
    } else if (isConnection(node) || isConnectionReferenceDefinition(node) || isPlatformReference(node)) {
        if (node.connector) lines.push(`Connector: ${refName(node.connector)}`);
        if (isConnection(node) && node.settings.length) lines.push(`Settings: ${node.settings.map(setting => refName(setting.setting)).join(', ')}`);
    } else if (isJourney(node)) {
        if (node.orchestrationType) lines.push(`Orchestration type: ${node.orchestrationType}`);
        lines.push(node.published ? (node.paused ? 'Published, paused (preview)' : 'Published') : 'Not published');
        lines.push(`Steps: ${AstUtils.streamAllContents(node).filter(isStep).count()}`);
    } else if (isSplitter(node)) {
        lines.push(`Branches: ${node.branches.map(b => `\`${b.name}\``).join(', ') || 'none'}`);
    } else if (isBranch(node) && isSplitter(node.$container)) {
        lines.push(`Branch of splitter \`${node.$container.name}\``);
    } else if (isTest(node)) {
        if (node.journey) lines.push(`Journey: ${refName(node.journey)}`);
        lines.push(
            `Order: ${node.orderFile ? `\`${node.orderFile}\`` : node.inlineOrder ? `${node.inlineOrder.records.length} inline record(s)` : 'none'}`
        );
        lines.push(
            `Event: ${node.event ? refName(node.event) : 'New Order'}; mocks: ${node.mocks.length}; expectations: ${node.expectations.length}`
        );
    } else if (isEntity(node)) {
        if (node.table) lines.push(`Table: \`${node.table}\``);
        lines.push(`Fields: ${fieldsOf(services.shared, node).length}, relations: ${node.relations.length}`);
        const states = statesOf(services.shared, node);
        if (states.length) lines.push(`States: ${states.map(state => `\`${state.name}\``).join(', ')}`);
    } else if (isStateDefinition(node)) {
        const entity = ownerEntity(node);
        if (entity) lines.push(`Entity: \`${entity.name}\``);
        lines.push(node.readonly || isBuiltinNode(node) ? 'Out-of-box: read-only' : 'User state definition');
        if (node.timelinePosition !== undefined) lines.push(`Timeline position: ${node.timelinePosition}`);
        if (node.reasons.length) lines.push(`Reasons: ${node.reasons.map(reason => `\`${reason.name}\``).join(', ')}`);
    } else if (isStateReason(node)) {
        if (isStateDefinition(node.$container)) lines.push(`Reason of state \`${node.$container.name}\``);
    } else if (isEntityExtension(node)) {
        lines.push(`Custom columns: ${node.fields.length}, states: ${node.states.length}`);
    } else if (isStateTransition(node)) {
        for (const row of node.rows)
            lines.push(`${row.sources.map(refName).join(', ')} → ${refName(row.target)}${row.reason ? ` (reason ${refName(row.reason)})` : ''}`);
    }
    return lines;
}

/** The state transitions of an event, or the note that it has none (IOM then sets no state). */
function transitionSummary(services: IomServices, event: BusinessEvent): string {
    const rows = services.shared.workspace.FactsProvider.facts.transitions.get(event) ?? [];
    if (rows.length === 0) return 'State transitions: none (IOM sets no state when this event is raised)';
    return `State transitions: ${rows.map(row => `${row.sources.map(refName).join(', ')} → ${refName(row.target)}${row.reason ? ` (${refName(row.reason)})` : ''}`).join('; ')}`;
}
