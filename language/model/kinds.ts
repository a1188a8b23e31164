import type { AstTypeTable, NamedAstType, ReferenceTargetType } from './ast-types.js';

/** How the language names each kind of declaration in messages, hovers and completion details. */
const KIND_NAMES: AstTypeTable<NamedAstType | ReferenceTargetType, string> = {
    Connection: 'connection',
    Connector: 'connector',
    PlatformReference: 'platform connection reference',
    ProviderDefinition: 'provider definition',
    ProviderInstance: 'provider',
    ConnectionReferenceDefinition: 'connection reference',
    ParameterDefinition: 'parameter',
    TransformationDefinition: 'transformation',
    LogicDefinition: 'provider action',
    BusinessEvent: 'business event',
    ActionType: 'action type',
    Policy: 'policy',
    Rule: 'rule',
    Journey: 'journey',
    Step: 'step',
    ConditionElement: 'condition',
    Splitter: 'splitter',
    Branch: 'branch',
    Tile: 'tile',
    Entity: 'entity',
    Field: 'field',
    Relation: 'relation',
    Test: 'test',
    SecretReference: 'secret',
    EntityExtension: 'entity extension',
    StateDefinition: 'state',
    StateReason: 'state reason',
    StateTransition: 'state transition',
    TransitionRow: 'transition row',
    EmailTemplate: 'email template',
    EmailPlaceholder: 'placeholder',
    MappingGroup: 'mapping group',
    IdMappings: 'id mappings',
    IdMapping: 'id mapping',
    ConnectorSetting: 'connector setting',
    EnvironmentSetting: 'environment setting'
};

export function kindOf(type: string): string {
    return KIND_NAMES[type as keyof typeof KIND_NAMES] ?? type;
}
