/**
 * The typed intermediate records of the compiler: one interface per artifact kind, exactly the shape of the JSON
 * documents it emits (docs/artifacts.md describes them; schemas/artifacts/*.schema.json checks them).
 *
 * Conventions: optional scalar settings are `null` when the source leaves them out, lists are `[]`; `table` is the
 * Dataverse table the record targets, or `null` where the domain reference documents none.
 */

/** The version of the artifact format. A consumer must refuse a major version it does not know. */
import type { MappingTableName } from '../model/mapping-tables.js';
import type { ConditionOperator } from '../model/operators.js';

export const FORMAT_VERSION = '1.0';

/** Kinds of deployable records, each emitted as one JSON document in its own folder. */
export type RecordKind =
    | 'connection'
    | 'platform'
    | 'providerDefinition'
    | 'provider'
    | 'businessEvent'
    | 'actionType'
    | 'policy'
    | 'journey'
    | 'stateDefinition'
    | 'stateTransition'
    | 'entityExtension'
    | 'emailTemplate'
    | 'mappingGroup'
    | 'idMappings';

/** Kinds that can only be referenced (built-in catalog items, members of records, external items). */
export type ReferenceKind =
    | RecordKind
    | 'connector'
    | 'platformReference'
    | 'entity'
    | 'tile'
    | 'connectionReferenceDefinition'
    | 'parameterDefinition'
    | 'logicDefinition'
    | 'providerAction'
    | 'stateReason'
    | 'connectorSetting'
    | 'environmentSetting';

/** Where a record was declared: a workspace-relative path with `/` separators, 1-based line and column. */
export interface SourceLocation {
    file: string;
    line: number;
    column: number;
}

/**
 * A reference to another record or item. `builtin` items come from IOM's own catalog and already exist in every
 * environment: a deployment tool resolves them by `name`. Other references point at a record of this output (same
 * `id`) or, for nested items, at a member of one.
 */
export interface Reference {
    kind: ReferenceKind;
    name: string;
    id: string;
    builtin: boolean;
}

/** A secret the deployment tool reads at deployment time: an environment variable or a Key Vault secret. */
export interface SecretReference {
    store: 'environment' | 'keyVault';
    name: string;
    /** The Key Vault (name or URI); null for an environment variable. */
    vault: string | null;
}

export interface TypedValue {
    type: 'text' | 'number' | 'boolean' | 'date' | 'choice' | 'lookup';
    value: string | number | boolean;
}

interface RecordBase<K extends RecordKind> {
    kind: K;
    id: string;
    name: string;
    table: string | null;
    source: SourceLocation;
}

// -- connections ----------------------------------------------------------------------------------------------------

export interface ConnectionRecord extends RecordBase<'connection'> {
    connector: Reference | null;
    /** The address of the Power Automate connection page. Credentials never appear in the output. */
    connectionUrl: string | null;
    description: string | null;
    /**
     * Connector-specific settings of the connection (Base Resource URL, API Key, ...): for creating or verifying it
     * in the target. A secret setting carries `value: null` and where the deployment reads it.
     */
    settings: Array<{ name: string; setting: Reference; value: TypedValue | null; secret?: SecretReference; source: SourceLocation }>;
}

export interface PlatformRecord extends RecordBase<'platform'> {
    connectionReferences: Array<{
        id: string;
        reference: Reference;
        connection: Reference;
        connectionUrl: string | null;
        source: SourceLocation;
    }>;
    /** Run "Activate System" once every reference is bound. */
    activateSystem: boolean;
    /** IOM environment settings to set in the target (the pause and resume preview needs two of them). */
    environmentSettings: Array<{ name: string; setting: Reference; value: TypedValue | null; source: SourceLocation }>;
}

// -- providers ------------------------------------------------------------------------------------------------------

export interface LogicTypeValue {
    label: 'Provider message handler' | 'Provider action' | 'Child flow' | 'Provider message puller';
    value: 192350000 | 192350001 | 192350002 | 192350003;
}

export interface ProviderDefinitionRecord extends RecordBase<'providerDefinition'> {
    logicalName: string | null;
    serviceType: string | null;
    description: string | null;
    /** "Is Active": visible in the provider catalog. */
    isActive: boolean;
    /** The Logo image file, relative to the workspace folder (uploaded by hand: the checklist names it). */
    logo: string | null;
    connectionReferences: Array<{
        id: string;
        name: string;
        table: string;
        connector: Reference | null;
        description: string | null;
        source: SourceLocation;
    }>;
    parameters: Array<{
        id: string;
        key: string;
        displayName: string | null;
        logicalName: string | null;
        dataType: 'Text' | 'Number' | 'Boolean';
        isRequired: boolean;
        description: string | null;
        table: string;
        source: SourceLocation;
    }>;
    transformations: Array<{
        id: string;
        name: string;
        logicalName: string | null;
        table: string;
        sourceType: string | null;
        sourceObjectName: string | null;
        destinationObjectName: string | null;
        transformation: string | null;
        /** The Sample Data JSON file, relative to the workspace folder. */
        sampleData: string | null;
        description: string | null;
        source: SourceLocation;
    }>;
    logicDefinitions: Array<{
        id: string;
        name: string;
        logicalName: string | null;
        table: string;
        logicType: LogicTypeValue | null;
        workflowName: string | null;
        timeoutMinutes: number | null;
        maxRetryAttempts: number | null;
        actionType: Reference | null;
        clientData: string | null;
        description: string | null;
        source: SourceLocation;
    }>;
    businessEvents: Array<BusinessEventBody & { id: string; name: string; table: null; source: SourceLocation }>;
}

export interface ProviderRecord extends RecordBase<'provider'> {
    definition: Reference;
    definitionLogicalName: string | null;
    /** "Activated" when the source says `activated`, else the instance stays "Installed". */
    state: 'Installed' | 'Activated';
    mappingGroup: Reference | null;
    description: string | null;
    connectionReferences: Array<{
        id: string;
        name: string;
        table: string;
        definition: Reference;
        connection: Reference;
        connectionUrl: string | null;
        source: SourceLocation;
    }>;
    /** `value` is null and `secret` tells where the deployment reads the value when the source references a secret. */
    parameters: Array<{
        id: string;
        key: string;
        table: string;
        definition: Reference;
        value: TypedValue | null;
        secret?: SecretReference;
        source: SourceLocation;
    }>;
    /** The provider actions IOM creates on activation, one per "Provider action" logic definition. */
    providerActions: Array<{ id: string; name: string; logicDefinition: Reference; actionType: Reference | null }>;
}

// -- events and action types ----------------------------------------------------------------------------------------

interface BusinessEventBody {
    entity: Reference | null;
    stateValue: string | null;
    statusValue: string | null;
    description: string | null;
    aliases: string[];
}

export interface BusinessEventRecord extends RecordBase<'businessEvent'>, BusinessEventBody {}

export interface ActionTypeRecord extends RecordBase<'actionType'> {
    /** True when the action type is IOM's own: only the input event rows are deployed. */
    builtin: boolean;
    description: string | null;
    /** IOM Action Type Input Business Event rows to create. */
    inputBusinessEvents: Array<{ id: string; name: string; table: null; businessEvent: Reference; source: SourceLocation }>;
}

// -- entity extensions and the state framework ---------------------------------------------------------------------

/**
 * Custom columns added to an entity (usually a built-in one) by `extend entity`, merged per entity. They are not
 * IOM rows: they document the Dataverse columns the policies use, which must exist in the target environment.
 */
export interface EntityExtensionRecord extends RecordBase<'entityExtension'> {
    entity: EntityReference;
    description: string | null;
    customColumns: Array<{
        id: string;
        name: string;
        type: TypedValue['type'];
        column: string | null;
        values: string[];
        description: string | null;
        source: SourceLocation;
    }>;
}

/**
 * A user State Definition of an entity, with its State Definition Reasons and its timeline position (State
 * Definition Properties). Out-of-box states are never emitted: they are referenced as built in.
 */
export interface StateDefinitionRecord extends RecordBase<'stateDefinition'> {
    entity: EntityReference | null;
    description: string | null;
    /** The State Definition's Readonly flag. */
    readonly: boolean;
    timelinePosition: number | null;
    reasons: Array<{ id: string; name: string; description: string | null; source: SourceLocation }>;
}

/**
 * The State Transition rows of one business event (all its `transition on` blocks merged): one row per allowed
 * source state, each moving a record of the event's entity to the target state with the target state reason.
 */
export interface StateTransitionRecord extends RecordBase<'stateTransition'> {
    businessEvent: Reference;
    entity: EntityReference | null;
    description: string | null;
    transitions: Array<{
        id: string;
        sourceState: Reference;
        targetState: Reference;
        targetStateReason: Reference | null;
        source: SourceLocation;
    }>;
}

// -- email templates ------------------------------------------------------------------------------------------------

/**
 * A custom email template of the Dynamics 365 Communication provider: its entity, subject and body, the placeholders
 * P1-P5 (each filled from a field of the entity) and the personalization tokens (`{{P1}}`, …) its subject and body
 * use, in order of first use. Catalog templates (Order Confirmation, …) are never emitted: steps reference them as
 * built in. The template table is not public, so table is null.
 */
export interface EmailTemplateRecord extends RecordBase<'emailTemplate'> {
    entity: EntityReference | null;
    subject: string | null;
    body: string | null;
    description: string | null;
    placeholders: Array<{ id: string; name: string; field: FieldReference; source: SourceLocation }>;
    tokens: string[];
}

// -- policies -------------------------------------------------------------------------------------------------------

export interface FieldReference {
    name: string;
    column: string | null;
    type: TypedValue['type'] | null;
    builtin: boolean;
}

export type { ConditionOperator };

export interface ConditionRow {
    type: 'row';
    field: FieldReference;
    operator: ConditionOperator;
    value: TypedValue | null;
}

export interface ConditionGroupNode {
    type: 'group';
    operator: 'And' | 'Or';
    conditions: ConditionNode[];
}

export interface RelatedEntityCondition {
    type: 'related';
    relation: { name: string; cardinality: 'Many to One' | 'One to Many' | null; entity: Reference | null };
    condition: ConditionGroupNode;
}

export type ConditionNode = ConditionRow | ConditionGroupNode | RelatedEntityCondition;

export interface SetValueAction {
    field: FieldReference;
    operator: 'Set Value';
    value: TypedValue;
}

export interface EntityReference extends Reference {
    table: string | null;
}

export interface RuleRecord {
    id: string;
    name: string;
    table: 'msdyn_iomrule';
    associatedEntity: EntityReference | null;
    description: string | null;
    condition: ConditionGroupNode;
    addAction: boolean;
    actions: SetValueAction[];
    source: SourceLocation;
}

export interface PolicyRecord extends RecordBase<'policy'> {
    policyType: 'Filter policy' | 'Execution policy' | null;
    criticality: 'Information' | 'Critical information' | null;
    associatedEntity: EntityReference | null;
    status: 'Published' | 'Unpublished';
    /** The source always describes the Current version; IOM archives versions itself (docs/language.md). */
    versionState: 'Current';
    /** PolicyVersionNumber of the Current version when the source gives it (`version N`). */
    versionNumber: number | null;
    description: string | null;
    rules: RuleRecord[];
}

// -- journeys -------------------------------------------------------------------------------------------------------

export interface StepNode {
    id: string;
    type: 'step';
    name: string;
    tile: Reference;
    actionType: Reference | null;
    /** Where the action type comes from: the step's own setting, or the tile's implied action type. */
    actionTypeSource: 'step' | 'tile' | null;
    inputEvents: Reference[];
    outputEvents: Reference[];
    filterPolicies: Reference[];
    executionPolicies: Reference[];
    providerAction: { provider: Reference; action: Reference; actionType: Reference | null } | null;
    /** The email template of a Send email step: a catalog template (built in) or a custom one. */
    emailTemplate: Reference | null;
    description: string | null;
    source: SourceLocation;
}

export interface ControlNode {
    id: string;
    type: 'condition' | 'splitter';
    /** The designer element: Condition, Condition-Merge, Splitter or Splitter-Merge. */
    element: 'Condition' | 'Condition-Merge' | 'Splitter' | 'Splitter-Merge';
    name: string;
    /** -Merge elements: every path rejoins before the next element. */
    merge: boolean;
    /** Yes/No for conditions, the Splitter Settings names for splitters; `entry` is the path's first node. */
    branches: Array<{ name: string; entry: string | null }>;
    source: SourceLocation;
}

export type JourneyNode = StepNode | ControlNode;

export interface JourneyEdge {
    from: string;
    to: string;
    /** The path of a control element the edge leaves by, when it starts one. */
    branch: string | null;
    /** The edge rejoins the paths of a -Merge element. */
    join: boolean;
}

export interface JourneyRecord extends RecordBase<'journey'> {
    orchestrationType: string | null;
    description: string | null;
    status: 'Published' | 'Unpublished';
    /** Pause and resume (preview): the published journey is paused. */
    paused: boolean;
    /** The input events of the journey's first steps: the events that start it. */
    entryEvents: Reference[];
    entryNodes: string[];
    nodes: JourneyNode[];
    edges: JourneyEdge[];
}

// -- ID mappings ------------------------------------------------------------------------------------------------------

/** A user mapping group (the Default mapping group is IOM's own and only referenced). */
export interface MappingGroupRecord extends RecordBase<'mappingGroup'> {
    description: string | null;
}

/** The ID mapping tables IOM lets a user edit (transactional mappings are view-only). */
export type { MappingTableName };

/** ID mappings of a provider and/or mapping group: each external field value maps to an internal record by name. */
export interface IdMappingsRecord extends RecordBase<'idMappings'> {
    provider: Reference | null;
    mappingGroup: Reference | null;
    description: string | null;
    mappings: Array<{
        id: string;
        mappingTable: MappingTableName;
        externalFieldName: string;
        externalFieldValue: string;
        /** The internal record (account, product, ...) by its name in the target environment. */
        internalRecord: string;
        source: SourceLocation;
    }>;
}

export type CompiledRecord =
    | ConnectionRecord
    | PlatformRecord
    | ProviderDefinitionRecord
    | ProviderRecord
    | BusinessEventRecord
    | ActionTypeRecord
    | PolicyRecord
    | JourneyRecord
    | StateDefinitionRecord
    | StateTransitionRecord
    | EntityExtensionRecord
    | EmailTemplateRecord
    | MappingGroupRecord
    | IdMappingsRecord;

// -- manifest -------------------------------------------------------------------------------------------------------

export type PlanAction =
    | 'unpublish'
    | 'deactivate'
    | 'verifyConnection'
    | 'bindPlatformReference'
    | 'activateSystem'
    | 'upsert'
    | 'install'
    | 'activateConnectionReferences'
    | 'activate'
    | 'addInputEvents'
    | 'publish'
    | 'setEnvironmentSettings'
    | 'pause';

export interface PlanStep {
    action: PlanAction;
    kind: RecordKind;
    id: string;
    name: string;
    artifact: string;
}

export interface PlanPhase {
    order: number;
    name: 'unpublish-replaced' | 'connections' | 'providers' | 'action-types' | 'policies' | 'journeys';
    description: string;
    steps: PlanStep[];
}

export interface ManifestArtifact {
    path: string;
    kind: RecordKind;
    id: string;
    name: string;
    table: string | null;
    sha256: string;
    source: SourceLocation;
}

export interface Manifest {
    formatVersion: string;
    compiler: { name: string; version: string };
    artifacts: ManifestArtifact[];
    /** Items the output references but does not create: they must exist in the target environment. */
    requires: Array<Reference>;
    deploymentPlan: {
        activationOrder: 'providers-policies-journeys';
        phases: PlanPhase[];
    };
}
