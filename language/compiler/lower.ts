/**
 * AST → typed intermediate records. Pure: reads the linked AST of the workspace's documents, touches no file.
 * Records come out sorted by kind and name, so the order of the input documents does not matter.
 *
 * The lowering is total over partial ASTs (the preview compiles workspaces with syntax errors, docs/artifacts.md
 * "Previews of incomplete sources"): a name the parser did not get is `""`, and any other part it did not get (a
 * reference, a value, a field) is `null` (`missing()`), never an exception.
 */
import { type AstNode, AstUtils, type LangiumDocument, type Reference as AstReference } from 'langium';
import * as ast from '../generated/ast.js';
import { isBuiltinDocument, isBuiltinNode } from '../model/builtin.js';
import { addToGroup, isNonEmpty, type NonEmptyArray, present, sortedCopy } from '../model/collections.js';
import { unquote } from '../model/names.js';
import { MAPPING_TABLES } from '../model/mapping-tables.js';
import { normalizePath, relativeFile } from '../model/paths.js';
import { operatorName } from '../model/operators.js';
import type { ReferenceTargetType } from '../model/ast-types.js';
import { StableIds } from './ids.js';
import type { Digests } from './hash.js';
import { ownerEntity } from '../scoping/entity-members.js';
import { personalizationTokens } from '../validation/email-templates.js';
import type {
    ActionTypeRecord,
    BusinessEventRecord,
    CompiledRecord,
    ConditionGroupNode,
    ConditionNode,
    ConnectionRecord,
    ControlNode,
    IdMappingsRecord,
    MappingGroupRecord,
    MappingTableName,
    EmailTemplateRecord,
    EntityExtensionRecord,
    EntityReference,
    FieldReference,
    StateDefinitionRecord,
    StateTransitionRecord,
    JourneyEdge,
    JourneyNode,
    JourneyRecord,
    LogicTypeValue,
    PlatformRecord,
    SecretReference,
    PolicyRecord,
    ProviderDefinitionRecord,
    ProviderRecord,
    Reference,
    ReferenceKind,
    SourceLocation,
    StepNode,
    TypedValue
} from './records.js';

/** A record with the AST node it was compiled from (the node is not part of the emitted document). */
export interface LoweredRecord {
    record: CompiledRecord;
    /** The declarations the record was compiled from (several for merged records such as the platform). */
    nodes: AstNode[];
}

export const TABLES = {
    providerDefinition: 'msdyn_iomproviderdefinition',
    transformation: 'msdyn_iomproviderdefinitiontransformation',
    logicDefinition: 'msdyn_iomproviderdefinitionlogicdefinition',
    connectionReferenceDefinition: 'msdyn_iomproviderdefinitionconnectionref',
    parameterDefinition: 'msdyn_iomproviderdefinitionparameter',
    provider: 'msdyn_iomprovider',
    providerConnectionReference: 'msdyn_iomproviderconnectionreference',
    providerParameter: 'msdyn_iomproviderparameter',
    policy: 'msdyn_iompolicy',
    rule: 'msdyn_iomrule',
    journey: 'msdyn_iomdesigner'
} as const;

const LOGIC_TYPES: Record<string, LogicTypeValue> = {
    'message handler': { label: 'Provider message handler', value: 192350000 },
    'provider action': { label: 'Provider action', value: 192350001 },
    'child flow': { label: 'Child flow', value: 192350002 },
    'message puller': { label: 'Provider message puller', value: 192350003 }
};

/** The reference kind of each type a reference can point to; undefined for those lowered without a record reference. */
const KIND_OF_TYPE: Record<ReferenceTargetType, ReferenceKind | undefined> = {
    Connection: 'connection',
    Connector: 'connector',
    PlatformReference: 'platformReference',
    ProviderDefinition: 'providerDefinition',
    ProviderInstance: 'provider',
    BusinessEvent: 'businessEvent',
    ActionType: 'actionType',
    Policy: 'policy',
    Journey: 'journey',
    Tile: 'tile',
    Entity: 'entity',
    ConnectionReferenceDefinition: 'connectionReferenceDefinition',
    ParameterDefinition: 'parameterDefinition',
    LogicDefinition: 'logicDefinition',
    StateDefinition: 'stateDefinition',
    StateReason: 'stateReason',
    EmailTemplate: 'emailTemplate',
    // Journey elements and members: their references are lowered with the kind the referring property gives.
    Branch: undefined,
    Splitter: undefined,
    ConditionElement: undefined,
    Field: undefined,
    Relation: undefined,
    Step: undefined,
    MappingGroup: 'mappingGroup',
    ConnectorSetting: 'connectorSetting',
    EnvironmentSetting: 'environmentSetting'
};

function byName<T extends { name: string }>(a: T, b: T): number {
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The declarations compiled into one record each (the others are merged, grouped or only referenced: `lower`). */
const RECORD_OF_DECLARATION: { [T in ast.Element['$type']]?: (lowering: Lowering, node: Extract<ast.Element, { $type: T }>) => CompiledRecord } = {
    Connection: (lowering, node) => lowering.connection(node),
    ProviderDefinition: (lowering, node) => lowering.providerDefinition(node),
    ProviderInstance: (lowering, node) => lowering.provider(node),
    BusinessEvent: (lowering, node) => lowering.businessEvent(node),
    Policy: (lowering, node) => lowering.policy(node),
    MappingGroup: (lowering, node) => lowering.mappingGroup(node),
    IdMappings: (lowering, node) => lowering.idMappings(node),
    Journey: (lowering, node) => lowering.journey(node),
    EmailTemplate: (lowering, node) => lowering.emailTemplate(node)
};

/** Lowers the workspace's documents (never the built-in library) into records. */
export class Lowering {
    /** Built-in or external items the records reference, by kind and name. */
    readonly requires = new Map<string, Reference>();

    /** The workspace-relative file of each document. */
    private readonly files = new Map<LangiumDocument, string>();
    /** The reference to each declaration referenced so far (references are not modified once made). */
    private readonly references = new Map<AstNode, Reference>();
    /** The ids derived so far. */
    private readonly ids: StableIds;

    /** Preview only: declarations whose lowering threw (a defect; the guard keeps the other records). */
    readonly failures: Array<{ nodes: AstNode[]; message: string }> = [];

    /**
     * @param guard Preview only: a declaration whose lowering throws is recorded in `failures` instead of failing the
     * whole compile. The lowering is meant to be total (the fuzz tests check that no failure is ever recorded); this is
     * a last line of defence for the editor.
     * @param digests The host's hashes (the plain TypeScript ones when not given).
     */
    constructor(
        private readonly rootPath: string,
        private readonly guard = false,
        digests?: Digests
    ) {
        this.ids = new StableIds(digests);
    }

    lower(documents: readonly LangiumDocument[]): LoweredRecord[] {
        const elements = documents
            .filter(document => !isBuiltinDocument(document))
            .flatMap(document => (document.parseResult.value as ast.Model).elements ?? []);
        const out: LoweredRecord[] = [];
        const platforms: ast.Platform[] = [];
        const inputs = new Map<string, { actionType?: ast.ActionType; rows: ast.ActionTypeInput[]; name: string; target?: ast.ActionType }>();
        const transitions = new Map<string, NonEmptyArray<ast.StateTransition>>();
        const extensions = new Map<string, NonEmptyArray<ast.EntityExtension>>();
        const actionTypeEntry = (name: string) => {
            let entry = inputs.get(name);
            if (!entry) inputs.set(name, (entry = { name, rows: [] }));
            return entry;
        };
        const add = (nodes: AstNode[], make: () => CompiledRecord) => {
            if (!this.guard) {
                out.push({ record: make(), nodes });
                return;
            }
            try {
                out.push({ record: make(), nodes });
            } catch (error) {
                this.failures.push({ nodes, message: error instanceof Error ? error.message : String(error) });
            }
        };
        for (const element of elements) {
            const lowerDeclaration = RECORD_OF_DECLARATION[element.$type] as ((lowering: Lowering, node: ast.Element) => CompiledRecord) | undefined;
            if (lowerDeclaration) {
                add([element], () => lowerDeclaration(this, element));
                continue;
            }
            switch (element.$type) {
                case 'Platform':
                    platforms.push(element);
                    break;
                case 'ActionType':
                    actionTypeEntry(nameOf(element)).actionType = element;
                    break;
                case 'ActionTypeInput': {
                    const entry = actionTypeEntry(refName(element.actionType));
                    entry.rows.push(element);
                    entry.target ??= element.actionType?.ref;
                    break;
                }
                case 'StateTransition':
                    addToGroup(transitions, refName(element.event), element);
                    break;
                case 'EntityExtension':
                    addToGroup(extensions, refName(element.entity), element);
                    for (const state of element.states) add([state], () => this.stateDefinition(state));
                    break;
                case 'Entity':
                    // A custom entity is referenced, not deployed; its state definitions are.
                    for (const state of element.states) add([state], () => this.stateDefinition(state));
                    break;
                default:
                    // Connectors, entities, tiles and platform references are referenced, not deployed.
                    break;
            }
        }
        if (isNonEmpty(platforms)) add(platforms, () => this.platform(platforms));
        for (const [name, nodes] of transitions) add(nodes, () => this.stateTransition(name, nodes));
        for (const [name, nodes] of extensions) {
            // Extensions that only add states have no custom columns to list.
            if (nodes.some(node => node.fields.length > 0)) add(nodes, () => this.entityExtension(name, nodes));
        }
        for (const entry of inputs.values()) {
            add([...(entry.actionType ? [entry.actionType] : []), ...entry.rows], () => this.actionType(entry));
        }
        return out.sort((a, b) =>
            a.record.kind < b.record.kind
                ? -1
                : a.record.kind > b.record.kind
                  ? 1
                  : byName(a.record, b.record) || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0)
        );
    }

    // -- helpers ----------------------------------------------------------------------------------------------------

    source(node: AstNode): SourceLocation {
        const document = AstUtils.getDocument(node);
        let file = this.files.get(document);
        if (file === undefined) this.files.set(document, (file = relativeFile(this.rootPath, document)));
        const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
        // Keys in sorted order here and below: the emitter then serialises the objects without copying them.
        return { column: start.character + 1, file, line: start.line + 1 };
    }

    /** A reference to a declaration, or to the name written in the source when it does not resolve. */
    ref(reference: AstReference<AstNode & { name: string }> | undefined, kind: ReferenceKind): Reference | null {
        if (!reference) return null;
        const target = reference.ref;
        if (!target) {
            const name = unquote(reference.$refText ?? '');
            return { builtin: false, id: this.ids.of(kind, name), kind, name };
        }
        return this.refTo(target, kind);
    }

    refTo(target: AstNode & { name: string }, kindOfProperty?: ReferenceKind): Reference {
        let reference = this.references.get(target);
        if (!reference) this.references.set(target, (reference = this.computeRefTo(target, kindOfProperty)));
        return reference;
    }

    /** A state's id: states are members of their entity (or of the entity their `extend entity` extends). */
    private stateId(state: ast.StateDefinition): string {
        return this.ids.of('stateDefinition', ownerEntity(state)?.name ?? '', state.name);
    }

    private computeRefTo(target: AstNode & { name: string }, kindOfProperty: ReferenceKind | undefined): Reference {
        const kind = KIND_OF_TYPE[target.$type as ReferenceTargetType] ?? kindOfProperty;
        if (!kind) throw new Error(`No reference kind for a ${target.$type}`);
        const owner = target.$container as (AstNode & { name?: string }) | undefined;
        const nested =
            kind === 'connectionReferenceDefinition' || kind === 'parameterDefinition' || kind === 'logicDefinition' || kind === 'connectorSetting';
        const id = ast.isStateDefinition(target)
            ? this.stateId(target)
            : ast.isStateReason(target)
              ? this.ids.of(kind, ownerEntity(target.$container)?.name ?? '', target.$container.name, nameOf(target))
              : nested
                ? this.ids.of(kind, owner?.name ?? '', nameOf(target))
                : this.ids.of(kind, nameOf(target));
        const builtin = isBuiltinNode(target);
        const reference: Reference = { builtin, id, kind, name: nameOf(target) };
        if (builtin || kind === 'connector' || kind === 'entity' || kind === 'tile' || kind === 'platformReference') {
            this.requires.set(`${kind}\u0000${id}`, reference);
        }
        return reference;
    }

    refs(references: ReadonlyArray<AstReference<AstNode & { name: string }>>, kind: ReferenceKind): Reference[] {
        const seen = new Set<string>();
        const result: Reference[] = [];
        for (const reference of references) {
            const value = this.ref(reference, kind)!;
            if (!seen.has(value.id)) {
                seen.add(value.id);
                result.push(value);
            }
        }
        return result;
    }

    entityRef(reference: AstReference<ast.Entity> | undefined): EntityReference | null {
        const value = this.ref(reference, 'entity');
        return value ? { ...value, table: reference?.ref?.table ?? null } : null;
    }

    // -- connections ------------------------------------------------------------------------------------------------

    connection(node: ast.Connection): ConnectionRecord {
        return {
            connectionUrl: node.url ?? null,
            connector: this.ref(node.connector, 'connector'),
            description: node.description ?? null,
            id: this.ids.of('connection', nameOf(node)),
            kind: 'connection',
            name: nameOf(node),
            settings: node.settings.map(setting => ({
                name: refName(setting.setting),
                ...(setting.secret ? { secret: this.secret(setting.secret) } : {}),
                setting: this.ref(setting.setting, 'connectorSetting') ?? missing<Reference>(),
                source: this.source(setting),
                value: setting.value ? this.typed(setting.value, settingType(setting.setting?.ref?.valueType)) : null
            })),
            source: this.source(node),
            table: null
        };
    }

    platform(nodes: readonly [ast.Platform, ...ast.Platform[]]): PlatformRecord {
        const bindings = nodes
            .flatMap(node => node.bindings)
            .map(binding => ({
                connection: this.ref(binding.connection, 'connection') ?? missing<Reference>(),
                connectionUrl: binding.connection?.ref?.url ?? null,
                id: this.ids.of('platformConnectionReference', refName(binding.reference)),
                reference: this.ref(binding.reference, 'platformReference') ?? missing<Reference>(),
                source: this.source(binding)
            }))
            .sort((a, b) => byName(a.reference ?? { name: '' }, b.reference ?? { name: '' }));
        const [first] = sortedCopy(nodes, (a, b) => compareSource(this.source(a), this.source(b)));
        return {
            activateSystem: nodes.some(node => node.activated),
            connectionReferences: bindings,
            environmentSettings: nodes
                .flatMap(node => node.settings)
                .map(setting => ({
                    name: refName(setting.setting),
                    setting: this.ref(setting.setting, 'environmentSetting') ?? missing<Reference>(),
                    source: this.source(setting),
                    value: setting.value ? this.typed(setting.value, settingType(setting.setting?.ref?.valueType)) : null
                })),
            id: this.ids.of('platform', 'Platform'),
            kind: 'platform',
            name: 'Platform',
            source: this.source(first),
            table: null
        };
    }

    // -- providers --------------------------------------------------------------------------------------------------

    providerDefinition(node: ast.ProviderDefinition): ProviderDefinitionRecord {
        const owner = nameOf(node);
        // Keys in sorted order (members too), as the emitter writes them.
        return {
            businessEvents: node.events.map(event => ({ ...this.eventFields(event), table: null })),
            connectionReferences: node.connectionReferences.map(ref => ({
                connector: this.ref(ref.connector, 'connector'),
                description: ref.description ?? null,
                id: this.ids.of('connectionReferenceDefinition', owner, nameOf(ref)),
                name: nameOf(ref),
                source: this.source(ref),
                table: TABLES.connectionReferenceDefinition
            })),
            description: node.description ?? null,
            id: this.ids.of('providerDefinition', owner),
            isActive: node.active,
            kind: 'providerDefinition',
            logicDefinitions: node.logicDefinitions.map(logic => ({
                actionType: this.ref(logic.actionType, 'actionType'),
                clientData: logic.clientData === undefined ? null : normalizeEol(logic.clientData),
                description: logic.description ?? null,
                id: this.ids.of('logicDefinition', owner, nameOf(logic)),
                logicType: logic.logicType ? (LOGIC_TYPES[logic.logicType] ?? null) : null,
                logicalName: logic.logicalName ?? null,
                maxRetryAttempts: logic.maxRetries ?? null,
                name: nameOf(logic),
                source: this.source(logic),
                table: TABLES.logicDefinition,
                timeoutMinutes: logic.timeoutMinutes ?? null,
                workflowName: logic.workflow ?? null
            })),
            logicalName: node.logicalName ?? null,
            logo: node.logo === undefined ? null : this.workspacePath(node, node.logo),
            name: owner,
            parameters: node.parameters.map(parameter => ({
                dataType: parameter.dataType ?? 'Text',
                description: parameter.description ?? null,
                displayName: parameter.displayName ?? null,
                id: this.ids.of('parameterDefinition', owner, nameOf(parameter)),
                isRequired: parameter.required,
                key: nameOf(parameter),
                logicalName: parameter.logicalName ?? null,
                source: this.source(parameter),
                table: TABLES.parameterDefinition
            })),
            serviceType: node.serviceType ?? null,
            source: this.source(node),
            table: TABLES.providerDefinition,
            transformations: node.transformations.map(transformation => ({
                description: transformation.description ?? null,
                destinationObjectName: transformation.destinationObject ?? null,
                id: this.ids.of('transformation', owner, nameOf(transformation)),
                logicalName: transformation.logicalName ?? null,
                name: nameOf(transformation),
                sampleData: transformation.sampleData === undefined ? null : this.workspacePath(transformation, transformation.sampleData),
                source: this.source(transformation),
                sourceObjectName: transformation.sourceObject ?? null,
                sourceType: transformation.sourceType ?? null,
                table: TABLES.transformation,
                transformation: transformation.query === undefined ? null : normalizeEol(transformation.query)
            }))
        };
    }

    provider(node: ast.ProviderInstance): ProviderRecord {
        const owner = nameOf(node);
        const definition = node.definition?.ref;
        const actions = (definition?.logicDefinitions ?? [])
            .filter(logic => logic.logicType === 'provider action')
            .map(logic => ({
                actionType: this.ref(logic.actionType, 'actionType'),
                id: this.ids.of('providerAction', owner, nameOf(logic)),
                logicDefinition: this.refTo(logic),
                name: nameOf(logic)
            }));
        return {
            connectionReferences: node.bindings
                .map(binding => {
                    const name = refName(binding.reference);
                    return {
                        connection: this.ref(binding.connection, 'connection') ?? missing<Reference>(),
                        connectionUrl: binding.connection?.ref?.url ?? null,
                        definition: this.ref(binding.reference, 'connectionReferenceDefinition') ?? missing<Reference>(),
                        id: this.ids.of('providerConnectionReference', owner, name),
                        name,
                        source: this.source(binding),
                        table: TABLES.providerConnectionReference
                    };
                })
                .sort(byName),
            definition: this.ref(node.definition, 'providerDefinition') ?? missing<Reference>(),
            definitionLogicalName: definition?.logicalName ?? null,
            description: node.description ?? null,
            id: this.ids.of('provider', owner),
            kind: 'provider',
            mappingGroup: this.ref(node.mappingGroup, 'mappingGroup'),
            name: owner,
            parameters: node.parameters
                .map(parameter => {
                    const key = refName(parameter.parameter);
                    const type = parameter.parameter?.ref?.dataType;
                    return {
                        definition: this.ref(parameter.parameter, 'parameterDefinition') ?? missing<Reference>(),
                        id: this.ids.of('providerParameter', owner, key),
                        key,
                        source: this.source(parameter),
                        table: TABLES.providerParameter,
                        ...(parameter.secret ? { secret: this.secret(parameter.secret) } : {}),
                        value: parameter.value
                            ? this.typed(parameter.value, type === 'Number' ? 'number' : type === 'Boolean' ? 'boolean' : 'text')
                            : null
                    };
                })
                .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
            providerActions: actions,
            source: this.source(node),
            state: node.activated ? 'Activated' : 'Installed',
            table: TABLES.provider
        };
    }

    // -- events and action types ------------------------------------------------------------------------------------

    /** A business event's fields, keys in sorted order. */
    eventFields(event: ast.BusinessEvent) {
        return {
            aliases: [...event.aliases],
            description: event.description ?? null,
            entity: this.ref(event.entity, 'entity'),
            id: this.ids.of('businessEvent', nameOf(event)),
            name: nameOf(event),
            source: this.source(event),
            stateValue: event.state ?? null,
            statusValue: event.status ?? null
        };
    }

    businessEvent(node: ast.BusinessEvent): BusinessEventRecord {
        const fields = this.eventFields(node);
        return {
            aliases: fields.aliases,
            description: fields.description,
            entity: fields.entity,
            id: fields.id,
            kind: 'businessEvent',
            name: fields.name,
            source: fields.source,
            stateValue: fields.stateValue,
            statusValue: fields.statusValue,
            table: null
        };
    }

    actionType(entry: { name: string; actionType?: ast.ActionType; target?: ast.ActionType; rows: ast.ActionTypeInput[] }): ActionTypeRecord {
        const declared = entry.actionType;
        const target = declared ?? entry.target;
        const builtin = !declared && !!target && isBuiltinNode(target);
        if (target && builtin) this.refTo(target);
        const rows: ActionTypeRecord['inputBusinessEvents'] = [];
        const seen = new Set<string>();
        const add = (reference: AstReference<ast.BusinessEvent>, at: AstNode) => {
            const event = this.ref(reference, 'businessEvent') ?? missing<Reference>();
            if (seen.has(event.id)) return;
            seen.add(event.id);
            rows.push({
                businessEvent: event,
                id: this.ids.of('actionTypeInputBusinessEvent', entry.name, event.name),
                name: event.name,
                source: this.source(at),
                table: null
            });
        };
        for (const reference of declared?.inputEvents ?? []) add(reference, declared!);
        const sortedRows = [...entry.rows].sort((a, b) => compareSource(this.source(a), this.source(b)));
        for (const row of sortedRows) for (const reference of row.events) add(reference, row);
        return {
            builtin,
            description: declared?.description ?? null,
            id: this.ids.of('actionType', entry.name),
            inputBusinessEvents: rows,
            kind: 'actionType',
            name: entry.name,
            // An entry is made for a declaration or an input row, so one of them is there.
            source: this.source(present(declared ?? sortedRows[0], `a declaration or input row of action type ${entry.name}`)),
            table: null
        };
    }

    // -- entity extensions and the state framework -----------------------------------------------------------------

    entityExtension(name: string, nodes: NonEmptyArray<ast.EntityExtension>): EntityExtensionRecord {
        const sorted = sortedCopy(nodes, (a, b) => compareSource(this.source(a), this.source(b)));
        const [first] = sorted;
        const entity = this.entityRef(first.entity)!;
        return {
            customColumns: sorted
                .flatMap(node => node.fields)
                .map(field => ({
                    column: field.column ?? null,
                    description: field.description ?? null,
                    id: this.ids.of('customColumn', entity.name, field.name),
                    name: field.name,
                    source: this.source(field),
                    type: field.fieldType as EntityExtensionRecord['customColumns'][number]['type'],
                    values: [...field.values]
                })),
            description: sorted.map(node => node.description).find(text => text !== undefined) ?? null,
            entity,
            id: this.ids.of('entityExtension', entity.name),
            kind: 'entityExtension',
            name,
            source: this.source(first),
            table: entity.table
        };
    }

    emailTemplate(node: ast.EmailTemplate): EmailTemplateRecord {
        const name = nameOf(node);
        return {
            body: node.body ?? null,
            description: node.description ?? null,
            entity: this.entityRef(node.entity),
            id: this.ids.of('emailTemplate', name),
            kind: 'emailTemplate',
            name,
            placeholders: node.placeholders.map(placeholder => ({
                field: this.field(placeholder.field),
                id: this.ids.of('emailPlaceholder', name, placeholder.name),
                name: placeholder.name,
                source: this.source(placeholder)
            })),
            source: this.source(node),
            subject: node.subject ?? null,
            table: null,
            tokens: [...new Set([...personalizationTokens(node.subject ?? ''), ...personalizationTokens(node.body ?? '')].map(token => token.name))]
        };
    }

    stateDefinition(node: ast.StateDefinition): StateDefinitionRecord {
        const entity = ownerEntity(node);
        const entityName = entity?.name ?? '';
        return {
            description: node.description ?? null,
            entity: entity ? { ...this.refTo(entity), table: entity.table ?? null } : null,
            id: this.stateId(node),
            kind: 'stateDefinition',
            name: node.name,
            readonly: node.readonly,
            reasons: node.reasons.map(reason => ({
                description: reason.description ?? null,
                id: this.ids.of('stateReason', entityName, node.name, reason.name),
                name: reason.name,
                source: this.source(reason)
            })),
            source: this.source(node),
            table: null,
            timelinePosition: node.timelinePosition ?? null
        };
    }

    stateTransition(name: string, nodes: NonEmptyArray<ast.StateTransition>): StateTransitionRecord {
        const sorted = sortedCopy(nodes, (a, b) => compareSource(this.source(a), this.source(b)));
        const [first] = sorted;
        const event = first.event.ref;
        const entity = event?.entity?.ref;
        const rows: StateTransitionRecord['transitions'] = [];
        const seen = new Set<string>();
        for (const row of sorted.flatMap(node => node.rows)) {
            const targetState = this.ref(row.target, 'stateDefinition')!;
            const targetStateReason = this.ref(row.reason, 'stateReason');
            for (const reference of row.sources) {
                const sourceState = this.ref(reference, 'stateDefinition')!;
                // One row per allowed source state: a repeated source (reported by the checker) keeps its first row.
                if (seen.has(sourceState.id)) continue;
                seen.add(sourceState.id);
                rows.push({
                    id: this.ids.of('stateTransitionRow', name, sourceState.name),
                    source: this.source(row),
                    sourceState,
                    targetState,
                    targetStateReason
                });
            }
        }
        return {
            businessEvent: this.ref(first.event, 'businessEvent')!,
            description: sorted.map(node => node.description).find(text => text !== undefined) ?? null,
            entity: entity ? { ...this.refTo(entity), table: entity.table ?? null } : null,
            id: this.ids.of('stateTransition', name),
            kind: 'stateTransition',
            name,
            source: this.source(first),
            table: null,
            transitions: rows
        };
    }

    // -- ID mappings ------------------------------------------------------------------------------------------------

    mappingGroup(node: ast.MappingGroup): MappingGroupRecord {
        return {
            description: node.description ?? null,
            id: this.ids.of('mappingGroup', nameOf(node)),
            kind: 'mappingGroup',
            name: nameOf(node),
            source: this.source(node),
            table: null
        };
    }

    idMappings(node: ast.IdMappings): IdMappingsRecord {
        const owner = nameOf(node);
        return {
            description: node.description ?? null,
            id: this.ids.of('idMappings', owner),
            kind: 'idMappings',
            mappingGroup: this.ref(node.mappingGroup, 'mappingGroup'),
            mappings: node.rows.map(row => ({
                externalFieldName: row.externalField ?? '',
                externalFieldValue: row.externalValue ?? '',
                id: this.ids.of('idMapping', owner, row.table ?? '', row.externalField ?? '', row.externalValue ?? ''),
                internalRecord: row.internalRecord ?? '',
                mappingTable: MAPPING_TABLES[row.table] ?? missing<MappingTableName>(),
                source: this.source(row)
            })),
            name: owner,
            provider: this.ref(node.provider, 'provider'),
            source: this.source(node),
            table: null
        };
    }

    /** A file named in the source (relative to the workspace folder), as a workspace-relative path with `/`. */
    workspacePath(_node: AstNode, file: string): string {
        return normalizePath(file);
    }

    secret(secret: ast.SecretReference): SecretReference {
        return { name: secret.name, store: secret.store === 'env' ? 'environment' : 'keyVault', vault: secret.vault ?? null };
    }

    // -- policies ---------------------------------------------------------------------------------------------------

    policy(node: ast.Policy): PolicyRecord {
        const entity = this.entityRef(node.entity);
        return {
            associatedEntity: entity,
            criticality: node.criticality === 'critical' ? 'Critical information' : node.criticality === 'information' ? 'Information' : null,
            description: node.description ?? null,
            id: this.ids.of('policy', nameOf(node)),
            kind: 'policy',
            name: nameOf(node),
            policyType: node.policyType === 'filter' ? 'Filter policy' : node.policyType === 'execution' ? 'Execution policy' : null,
            rules: node.rules.map(rule => ({
                actions: rule.actions.map(action => {
                    const field = this.field(action.field);
                    return { field, operator: 'Set Value' as const, value: this.typed(action.value, field.type) };
                }),
                addAction: rule.actions.length > 0,
                associatedEntity: entity,
                condition: this.group('And', rule.conditions),
                description: rule.description ?? null,
                id: this.ids.of('rule', nameOf(node), nameOf(rule)),
                name: nameOf(rule),
                source: this.source(rule),
                table: TABLES.rule
            })),
            source: this.source(node),
            status: node.published ? 'Published' : 'Unpublished',
            table: TABLES.policy,
            versionNumber: node.version ?? null,
            versionState: 'Current'
        };
    }

    group(operator: 'And' | 'Or', conditions: ast.Condition[]): ConditionGroupNode {
        const node: ConditionGroupNode = { conditions: [], operator, type: 'group' };
        this.lowerConditions([{ into: node.conditions, conditions }]);
        return node;
    }

    condition(condition: ast.Condition): ConditionNode {
        const work: Array<{ into: ConditionNode[]; conditions: readonly ast.Condition[] }> = [];
        const node = this.conditionShell(condition, work);
        this.lowerConditions(work);
        return node;
    }

    /** Lowers nested conditions without recursion (groups may be nested thousands of levels deep). */
    private lowerConditions(work: Array<{ into: ConditionNode[]; conditions: readonly ast.Condition[] }>): void {
        while (work.length > 0) {
            const { into, conditions } = work.pop()!;
            for (const condition of conditions) into.push(this.conditionShell(condition, work));
        }
    }

    /** A condition with its nested groups still empty: their conditions are queued on `work`. */
    private conditionShell(condition: ast.Condition, work: Array<{ into: ConditionNode[]; conditions: readonly ast.Condition[] }>): ConditionNode {
        switch (condition.$type) {
            case 'Comparison': {
                const field = this.field(condition.field);
                return {
                    field,
                    operator: operatorName(condition.operator),
                    type: 'row',
                    value: condition.value ? this.typed(condition.value, field.type) : null
                };
            }
            case 'ConditionGroup': {
                const group: ConditionGroupNode = { conditions: [], operator: condition.combinator === 'or' ? 'Or' : 'And', type: 'group' };
                work.push({ into: group.conditions, conditions: condition.conditions });
                return group;
            }
            case 'RelatedCondition': {
                const relation = condition.relation?.ref;
                const group: ConditionGroupNode = { conditions: [], operator: 'And', type: 'group' };
                work.push({ into: group.conditions, conditions: condition.conditions });
                return {
                    condition: group,
                    relation: {
                        cardinality:
                            relation?.cardinality === 'many to one' ? 'Many to One' : relation?.cardinality === 'one to many' ? 'One to Many' : null,
                        entity: relation?.target ? this.entityRef(relation.target) : null,
                        name: refName(condition.relation)
                    },
                    type: 'related'
                };
            }
        }
    }

    field(reference: AstReference<ast.Field> | undefined): FieldReference {
        const field = reference?.ref;
        return {
            builtin: field ? isBuiltinNode(field) : false,
            column: field?.column ?? null,
            name: refName(reference),
            type: field?.fieldType ?? null
        };
    }

    typed(literal: ast.Literal | undefined, type: TypedValue['type'] | null | undefined): TypedValue {
        switch (literal?.$type) {
            case 'NumberLiteral':
                return { type: 'number', value: literal.value };
            case 'BooleanLiteral':
                return { type: 'boolean', value: literal.value };
            case 'StringLiteral':
                return { type: type && type !== 'number' && type !== 'boolean' ? type : 'text', value: literal.value };
            default:
                return missing();
        }
    }

    // -- journeys ---------------------------------------------------------------------------------------------------

    journey(node: ast.Journey): JourneyRecord {
        const nodes: JourneyNode[] = [];
        const edges: JourneyEdge[] = [];
        const used = new Map<string, number>();
        const nodeId = (name: string) => {
            const count = used.get(name) ?? 0;
            used.set(name, count + 1);
            return count === 0 ? this.ids.of('journeyNode', nameOf(node), name) : this.ids.of('journeyNode', nameOf(node), name, String(count));
        };
        interface Exit {
            from: string;
            branch: string | null;
            join: boolean;
        }
        const sequence = (elements: ast.JourneyElement[], entries: Exit[]): { first: string | null; exits: Exit[] } => {
            let exits = entries;
            let first: string | null = null;
            for (const element of elements) {
                const id = nodeId(nameOf(element));
                first ??= id;
                for (const exit of exits) edges.push({ branch: exit.branch, from: exit.from, join: exit.join, to: id });
                if (element.$type === 'Step') {
                    nodes.push(this.step(element, id));
                    exits = [{ from: id, branch: null, join: false }];
                    continue;
                }
                const control: ControlNode =
                    element.$type === 'Splitter'
                        ? {
                              branches: [],
                              element: element.merge ? 'Splitter-Merge' : 'Splitter',
                              id,
                              merge: element.merge,
                              name: nameOf(element),
                              source: this.source(element),
                              type: 'splitter'
                          }
                        : {
                              branches: [],
                              element: element.merge ? 'Condition-Merge' : 'Condition',
                              id,
                              merge: element.merge,
                              name: nameOf(element),
                              source: this.source(element),
                              type: 'condition'
                          };
                nodes.push(control);
                const paths =
                    element.$type === 'Splitter'
                        ? element.branches.map(branch => ({ name: nameOf(branch), elements: branch.elements }))
                        : element.paths.map(pathNode => ({ name: pathNode.kind === 'yes' ? 'Yes' : 'No', elements: pathNode.elements }));
                exits = [];
                for (const pathNode of paths) {
                    const inner = sequence(pathNode.elements, [{ from: id, branch: pathNode.name, join: false }]);
                    control.branches.push({ entry: inner.first, name: pathNode.name });
                    exits.push(...inner.exits.map(exit => ({ ...exit, join: element.merge })));
                }
            }
            return { first, exits };
        };
        const top = sequence(node.elements, []);
        const steps = new Map(nodes.filter((n): n is StepNode => n.type === 'step').map(n => [n.id, n]));
        const entrySteps: StepNode[] = [];
        const visitEntry = (id: string | null) => {
            if (id === null) return;
            const step = steps.get(id);
            if (step) {
                entrySteps.push(step);
                return;
            }
            const control = nodes.find(n => n.id === id) as ControlNode | undefined;
            for (const branch of control?.branches ?? []) visitEntry(branch.entry);
        };
        visitEntry(top.first);
        const entryEvents: Reference[] = [];
        for (const event of entrySteps.flatMap(step => step.inputEvents)) {
            if (!entryEvents.some(e => e.id === event.id)) entryEvents.push(event);
        }
        return {
            description: node.description ?? null,
            edges,
            entryEvents,
            entryNodes: top.first ? [top.first] : [],
            id: this.ids.of('journey', nameOf(node)),
            kind: 'journey',
            name: nameOf(node),
            nodes,
            orchestrationType: node.orchestrationType ?? null,
            paused: node.paused,
            source: this.source(node),
            status: node.published ? 'Published' : 'Unpublished',
            table: TABLES.journey
        };
    }

    step(node: ast.Step, id: string): StepNode {
        const tile = node.tile?.ref;
        let actionType: Reference | null = null;
        let actionTypeSource: StepNode['actionTypeSource'] = null;
        if (node.actionType) {
            actionType = this.ref(node.actionType, 'actionType');
            actionTypeSource = 'step';
        } else if (tile?.actionType) {
            actionType = this.ref(tile.actionType, 'actionType');
            actionTypeSource = 'tile';
        }
        const logic = node.providerAction?.ref;
        // The references are made in the order of the original source (tile first), so that the required items
        // keep their order; the object lists its keys in sorted order.
        const tileRef = this.ref(node.tile, 'tile') ?? missing<Reference>();
        const inputEvents = this.refs(node.inputEvents, 'businessEvent');
        const outputEvents = this.refs(node.outputEvents, 'businessEvent');
        const filterPolicies = this.refs(node.filterPolicies, 'policy');
        const executionPolicies = this.refs(node.executionPolicies, 'policy');
        const providerAction: StepNode['providerAction'] =
            node.provider && node.providerAction
                ? {
                      action: {
                          builtin: false,
                          id: this.ids.of('providerAction', refName(node.provider), refName(node.providerAction)),
                          kind: 'providerAction',
                          name: refName(node.providerAction)
                      },
                      actionType: logic ? this.ref(logic.actionType, 'actionType') : null,
                      provider: this.ref(node.provider, 'provider') ?? missing<Reference>()
                  }
                : null;
        return {
            actionType,
            actionTypeSource,
            description: node.description ?? null,
            emailTemplate: this.ref(node.emailTemplate, 'emailTemplate'),
            executionPolicies,
            filterPolicies,
            id,
            inputEvents,
            name: nameOf(node),
            outputEvents,
            providerAction,
            source: this.source(node),
            tile: tileRef,
            type: 'step'
        };
    }
}

/** The value type of a setting's literal. */
function settingType(type: string | undefined): TypedValue['type'] {
    return type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'text';
}

function compareSource(a: SourceLocation, b: SourceLocation): number {
    return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** Multi-line texts use LF whatever the source file's line endings. */
function normalizeEol(text: string): string {
    return text.replace(/\r\n?/g, '\n');
}

/** The name of a reference's target, or the name written in the source when it does not resolve ("" when absent). */
function refName(reference: AstReference<AstNode & { name: string }> | undefined): string {
    return reference?.ref?.name ?? unquote(reference?.$refText ?? '');
}

/** A declaration's name; `""` when the parser did not get one (a preview of a half-written declaration). */
function nameOf(node: { name?: string }): string {
    return node.name ?? '';
}

/**
 * A part the parser did not get (a reference, a value): `null`. Only a workspace with syntax errors has such parts, and
 * only the preview compiles one; the record types describe complete sources, hence the cast.
 */
function missing<T>(): T {
    return null as T;
}
