/**
 * The diagnostic catalog, as data: every diagnostic the language reports, with its stable code (also its anchor in
 * docs/diagnostics.md), rule name, default severity, category, message template and, where it has a quick fix, the
 * type of the data the fix reads. Nothing here runs: diagnostic-builder.ts fills the templates and builds the
 * diagnostics, and is the only way checks, the iomconfig.json checks, the compiler and the CLI make one. The types
 * follow the data: a message's `{placeholders}` are the arguments a report must give (a misspelled or missing one
 * does not compile), and `fix: quickFix<Data>()` is the data the report must attach and
 * language/lsp/iom-code-actions.ts receives. docs/diagnostics.md documents every entry (a test keeps the two in sync).
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Category =
    'syntax' | 'reference' | 'name' | 'connection' | 'provider' | 'action type' | 'policy' | 'journey' | 'deployment' | 'configuration' | 'style';

export interface DiagnosticDefinition {
    /** Stable code shown to users, e.g. `IOM1001`; its section in docs/diagnostics.md is `#iom1001`. */
    readonly code: string;
    /** Kebab-case rule name, usable in iomconfig.json instead of the code. */
    readonly name: string;
    readonly severity: Severity;
    readonly category: Category;
    /** Message template; `{placeholder}`s (letters, digits, `_`) are filled from the report's arguments. */
    readonly message: string;
    /** Marks the reported range as unnecessary (faded in editors). */
    readonly unnecessary?: boolean;
    /** One line for iomconfig.json completion. */
    readonly description?: string;
    /** Rule options settable in iomconfig.json. */
    readonly options?: Readonly<Record<string, RuleOptionDefinition>>;
    /**
     * Syntax and linking errors: always reported, always errors. Neither iomconfig.json nor `iom-disable-next-line`
     * can change that (trying is reported as IOM9010), and the compiler never emits a workspace that has them.
     */
    readonly fixed?: boolean;
    /** The code has a quick fix; its diagnostics carry this data (see `quickFix`). */
    readonly fix?: QuickFix<FixData>;
}

export interface RuleOptionDefinition {
    readonly type: 'string' | 'array' | 'number' | 'boolean';
    readonly description: string;
    readonly default?: unknown;
}

/** What a quick fix can be given: the diagnostic's `data` travels to the editor and back as JSON. */
export type FixData = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

/** A quick fix of a catalog entry; `Data` exists only as a type (what the report attaches, what the fix reads). */
export interface QuickFix<Data extends FixData> {
    readonly data?: Data;
}

/** Declares that a code has a quick fix reading `Data` from its diagnostics (nothing, when `Data` is left out). */
export function quickFix<Data extends FixData = Record<never, never>>(): QuickFix<Data> {
    return {};
}

function define<const T extends Record<string, DiagnosticDefinition>>(entries: T): T {
    return entries;
}

export const Diagnostics = define({
    // -- IOM0xxx syntax -------------------------------------------------------------------------------------------
    lexingError: {
        code: 'IOM0001',
        name: 'unrecognized-character',
        severity: 'error',
        category: 'syntax',
        fixed: true,
        message: '{detail}',
        description: 'A character the language does not know.'
    },
    parsingError: {
        code: 'IOM0002',
        name: 'syntax-error',
        severity: 'error',
        category: 'syntax',
        fixed: true,
        message: '{detail}',
        description: 'The text does not follow the grammar.'
    },
    duplicateSetting: {
        code: 'IOM0003',
        name: 'duplicate-setting',
        severity: 'error',
        category: 'syntax',
        message: "'{setting}' is given more than once in this {kind}; only the last value would count. Remove the extra one.",
        description: 'A single-valued setting is written twice in one block.'
    },
    nestingTooDeep: {
        code: 'IOM0010',
        name: 'nesting-too-deep',
        severity: 'error',
        category: 'syntax',
        message:
            'Blocks are nested more than {limit} levels deep here; the contents of this block are not read. Move part of it into a separate declaration.',
        description: 'Blocks { } nested deeper than the parser reads (2,500 levels).'
    },
    secretInLiteral: {
        code: 'IOM0004',
        name: 'secret-in-literal',
        severity: 'error',
        category: 'syntax',
        message:
            'This text looks like a secret ({detector}); secrets must never be written in .iom files, and the build never emits them. Reference it instead: secret env "NAME" or secret keyvault "vault" "name".',
        description: 'A string, text block or name that looks like a secret (key, token, password, signature).'
    },
    // -- IOM1xxx references and names -----------------------------------------------------------------------------
    unresolvedReference: {
        code: 'IOM1001',
        name: 'unresolved-reference',
        severity: 'error',
        category: 'reference',
        fixed: true,
        message: "Cannot find {kind} '{name}'{where}.{suggestion}",
        description: 'A reference to something that is not declared.',
        fix: quickFix<{ suggestion?: string; refText?: string; referenceType?: string; property?: string }>()
    },
    duplicateName: {
        code: 'IOM1002',
        name: 'duplicate-name',
        severity: 'error',
        category: 'name',
        message: "Another {kind} is also named '{name}' ({other}); {kind} names must be unique in the workspace.",
        description: 'Two declarations of the same kind share a name anywhere in the workspace.'
    },
    duplicateMemberName: {
        code: 'IOM1003',
        name: 'duplicate-member-name',
        severity: 'error',
        category: 'name',
        message: "{kind} '{name}' is declared more than once in {owner}.",
        description: 'Two members (parameters, rules, steps, fields, …) of one owner share a name.'
    },
    missingPublisherPrefix: {
        code: 'IOM1004',
        name: 'missing-publisher-prefix',
        severity: 'warning',
        category: 'name',
        message: "Logical name '{name}' does not start with the publisher prefix '{prefix}'.",
        description: 'Logical names of provider definitions, transformations and logic definitions carry the publisher prefix.',
        options: {
            prefix: {
                type: 'string',
                description:
                    'The publisher prefix without the underscore, e.g. "contoso". Without it, any prefix of letters and digits followed by "_" is accepted.'
            }
        }
    },
    missingLogicalName: {
        code: 'IOM1005',
        name: 'missing-logical-name',
        severity: 'warning',
        category: 'name',
        message: "{kind} '{name}' has no logical name; solutions export it by its logical name.",
        description: 'A provider definition or transformation without a logical name.'
    },
    blankName: {
        code: 'IOM1006',
        name: 'blank-name',
        severity: 'error',
        category: 'name',
        message: 'A {kind} needs a name that is not empty or blank: it names the record and its artifact file.',
        description: 'A declaration named "" or "   ".'
    },
    controlCharacterInName: {
        code: 'IOM1007',
        name: 'control-character-in-name',
        severity: 'error',
        category: 'name',
        message:
            'This {kind} name holds an invisible control character ({code}, e.g. a bidirectional override) that can make it read differently from what it is. Remove it.',
        description: 'A name with a bidirectional control or another control character.'
    },
    nonNormalizedName: {
        code: 'IOM1008',
        name: 'non-normalized-name',
        severity: 'error',
        category: 'name',
        message:
            'This {kind} name is not in Unicode normal form C: it would look like the same name written with composed characters, yet be another record. Write it composed (NFC).',
        description: 'A name in a Unicode normal form other than NFC (e.g. "e" + combining accent instead of "é").'
    },
    reservedFileName: {
        code: 'IOM1009',
        name: 'reserved-file-name',
        severity: 'warning',
        category: 'name',
        message:
            "The artifact file of {kind} '{name}' would be '{file}.json', a reserved device name on Windows; the file name gets its id appended instead.",
        description: 'A name whose artifact file name would be a Windows device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9).'
    },
    // -- IOM2xxx connections --------------------------------------------------------------------------------------
    malformedConnectionUrl: {
        code: 'IOM2001',
        name: 'malformed-connection-url',
        severity: 'error',
        category: 'connection',
        message: "'{url}' is not a valid connection URL: {reason}.",
        description: 'A connection URL that is not an https URL.'
    },
    unexpectedConnectionUrl: {
        code: 'IOM2002',
        name: 'unexpected-connection-url',
        severity: 'warning',
        category: 'connection',
        message: "'{url}' does not look like a Power Automate connection page (https://{hosts}/environments/…/connections?…).",
        description: 'A connection URL that is not the address of a Power Automate connection page.',
        options: {
            hosts: {
                type: 'array',
                description: 'Host names accepted for connection pages.',
                default: ['make.powerautomate.com', 'make.powerapps.com', 'flow.microsoft.com']
            }
        }
    },
    connectionWithoutUrl: {
        code: 'IOM2003',
        name: 'connection-without-url',
        severity: 'error',
        category: 'connection',
        message: "Connection '{name}' has no URL; set 'url' to its Power Automate connection page.",
        description: 'A connection that is not bound to its Power Automate connection.'
    },
    unboundPlatformReference: {
        code: 'IOM2004',
        name: 'unbound-platform-reference',
        severity: 'error',
        category: 'connection',
        message: "Platform connection reference '{name}' is not bound; bind it before activating the system.",
        description: 'A required platform connection reference has no binding.'
    },
    duplicateBinding: {
        code: 'IOM2005',
        name: 'duplicate-binding',
        severity: 'error',
        category: 'connection',
        message: "'{name}' is bound more than once.",
        description: 'A connection reference or parameter is given twice.'
    },
    duplicatePlatform: {
        code: 'IOM2006',
        name: 'duplicate-platform',
        severity: 'error',
        category: 'connection',
        message: 'The platform is configured in more than one place; keep one platform block.',
        description: 'More than one platform block in the workspace.'
    },
    unusedConnection: {
        code: 'IOM2007',
        name: 'unused-connection',
        severity: 'warning',
        category: 'connection',
        unnecessary: true,
        message: "Connection '{name}' is not bound to any connection reference.",
        description: 'A connection nothing binds.',
        fix: quickFix()
    },
    connectorMismatch: {
        code: 'IOM2008',
        name: 'connector-mismatch',
        severity: 'warning',
        category: 'connection',
        message: "'{reference}' needs a {expected} connection, but '{connection}' uses {actual}.",
        description: 'A reference bound to a connection of another connector.'
    },
    systemNotActivated: {
        code: 'IOM2009',
        name: 'system-not-activated',
        severity: 'warning',
        category: 'connection',
        message: "The system is not activated, so no platform flow runs; add 'activated' once every reference is bound.",
        description: 'The platform block lacks `activated` while providers are activated.',
        fix: quickFix<{ setting: string }>()
    },
    missingConnectionSetting: {
        code: 'IOM2030',
        name: 'missing-connection-setting',
        severity: 'warning',
        category: 'connection',
        message: "Connection '{name}' does not give the setting '{setting}' that a {connector} connection needs; add 'setting \"{setting}\" = …'.",
        description: 'A required connector-specific setting (Base Resource URL, API Key, …) is not given on a connection.'
    },
    secretSettingAsText: {
        code: 'IOM2031',
        name: 'secret-setting-as-text',
        severity: 'error',
        category: 'connection',
        message:
            'Setting \'{setting}\' is a credential; never write it in a .iom file. Reference it instead: secret env "NAME" or secret keyvault "vault" "name".',
        description: 'A secret connector setting (API Key, Password, …) given as text instead of a secret reference.'
    },
    settingValueType: {
        code: 'IOM2032',
        name: 'setting-value-type',
        severity: 'error',
        category: 'connection',
        message: "Setting '{setting}' takes {expected}; {actual} does not fit.",
        description: 'A connection or environment setting whose value does not fit its type (text, number, boolean, URL).'
    },
    entraResourceMismatch: {
        code: 'IOM2033',
        name: 'entra-resource-mismatch',
        severity: 'warning',
        category: 'connection',
        message: "'{uri}' should be the same URL as '{base}' ({value}): both are the Dataverse environment URL.",
        description: 'The Base Resource URL and the Microsoft Entra ID Resource URI of an HTTP with Microsoft Entra ID connection differ.'
    },
    pauseResumeSettingsIncomplete: {
        code: 'IOM2034',
        name: 'pause-resume-settings-incomplete',
        severity: 'warning',
        category: 'connection',
        message: "'{set}' is on but '{missing}' is not; pause and resume (preview) needs both set to true.",
        description: 'Only one of the two environment settings that pause and resume needs is on.'
    },
    settingGivenTwice: {
        code: 'IOM2035',
        name: 'setting-given-twice',
        severity: 'error',
        category: 'connection',
        message: "Setting '{setting}' is given more than once here; only one value can hold. Remove the extra one.",
        description: 'A connection or environment setting given twice.'
    },
    // -- IOM3xxx providers ----------------------------------------------------------------------------------------
    unboundConnectionReference: {
        code: 'IOM3001',
        name: 'unbound-connection-reference',
        severity: 'error',
        category: 'provider',
        message: "Provider '{name}' does not bind connection reference {missing}.",
        description: 'A provider instance leaves a connection reference of its definition unbound.'
    },
    missingRequiredParameter: {
        code: 'IOM3002',
        name: 'missing-required-parameter',
        severity: 'error',
        category: 'provider',
        message: "Provider '{name}' gives no value to required parameter {missing}.",
        description: 'A required parameter of the definition has no value on the instance.',
        fix: quickFix<{ missing: readonly string[] }>()
    },
    unknownPlaceholder: {
        code: 'IOM3003',
        name: 'unknown-placeholder',
        severity: 'error',
        category: 'provider',
        message: "Placeholder '{{{key}}}' matches no parameter of provider definition '{definition}'.",
        description: 'A `{{Key}}` placeholder in client data that names no parameter.'
    },
    multipleActiveInstances: {
        code: 'IOM3004',
        name: 'multiple-active-instances',
        severity: 'error',
        category: 'provider',
        message: "Provider definition '{definition}' has more than one activated instance ({others}); at most one may be active.",
        description: 'Two activated instances of one provider definition.'
    },
    pullerWithoutHandler: {
        code: 'IOM3005',
        name: 'puller-without-handler',
        severity: 'error',
        category: 'provider',
        message: "'{name}' is a message puller, but provider definition '{definition}' has no message handler.",
        description: 'A message puller needs a message handler in the same definition.'
    },
    providerActionWithoutActionType: {
        code: 'IOM3006',
        name: 'provider-action-without-action-type',
        severity: 'error',
        category: 'provider',
        message: "Provider action '{name}' has no action type; journey steps pick provider actions by action type.",
        description: 'A logic definition of type provider action lacks its action type.'
    },
    actionTypeOnNonAction: {
        code: 'IOM3007',
        name: 'action-type-on-non-action',
        severity: 'warning',
        category: 'provider',
        message: "Only provider actions carry an action type; '{name}' is a {logicType}.",
        description: 'An action type on a logic definition that is not a provider action.'
    },
    missingLogicType: {
        code: 'IOM3008',
        name: 'missing-logic-type',
        severity: 'error',
        category: 'provider',
        message: "Logic definition '{name}' has no type (provider action, message handler, message puller or child flow).",
        description: 'A logic definition without its Logic Type.'
    },
    providerNotActivated: {
        code: 'IOM3009',
        name: 'provider-not-activated',
        severity: 'error',
        category: 'provider',
        message: "Provider '{provider}' is not activated, so its action '{action}' cannot run.",
        description: "A step's provider action belongs to an instance that is not activated.",
        fix: quickFix()
    },
    providerActionTypeMismatch: {
        code: 'IOM3010',
        name: 'provider-action-type-mismatch',
        severity: 'warning',
        category: 'provider',
        message: "Provider action '{action}' has action type '{actual}', but the step's action type is '{expected}'.",
        description: "The provider action's action type differs from the step's."
    },
    inactiveProviderDefinition: {
        code: 'IOM3011',
        name: 'inactive-provider-definition',
        severity: 'warning',
        category: 'provider',
        message: "Provider definition '{definition}' is not active, so it is not in the catalog; mark it 'active'.",
        description: 'An instance of a definition whose Is Active is No.'
    },
    parameterValueType: {
        code: 'IOM3012',
        name: 'parameter-value-type',
        severity: 'error',
        category: 'provider',
        message: "Parameter '{name}' is of type {expected}, but the value is {actual}.",
        description: "A parameter value that does not match the parameter's data type."
    },
    multipleDataverseReferences: {
        code: 'IOM3013',
        name: 'multiple-dataverse-references',
        severity: 'warning',
        category: 'provider',
        message:
            "Provider definition '{definition}' has {count} Dataverse connection references; a flow uses a single Dataverse connection reference.",
        description: 'More than one Dataverse connection reference in one definition.'
    },
    communicationFromAddress: {
        code: 'IOM3014',
        name: 'communication-from-address',
        severity: 'warning',
        category: 'provider',
        message: "The Communication provider's 'from' address must use the domain {domain}.",
        description: 'The Dynamics 365 Communication "from" address is outside d365iom.com.'
    },
    notAProviderAction: {
        code: 'IOM3015',
        name: 'not-a-provider-action',
        severity: 'error',
        category: 'provider',
        message: "'{action}' is a {logicType}; only provider actions can be invoked from a journey step.",
        description: 'A step invokes a message handler, puller or child flow.'
    },
    missingSourceType: {
        code: 'IOM3016',
        name: 'missing-source-type',
        severity: 'error',
        category: 'provider',
        message:
            "Transformation '{name}' has no source type, so it is not known whether it is called with a Payload or a Record ID; add 'source type JsonPayload' or 'source type DataverseEntity'.",
        description: 'A transformation without Source type.'
    },
    missingSourceObject: {
        code: 'IOM3017',
        name: 'missing-source-object',
        severity: 'error',
        category: 'provider',
        message:
            "Transformation '{name}' reads a Dataverse entity, so it is called with a Record ID and needs its source table; add 'source object \"<table>\"'.",
        description: 'A Dataverse-entity transformation without Source object name (its Dataverse table).',
        fix: quickFix<{ setting: string }>()
    },
    missingDestinationObject: {
        code: 'IOM3018',
        name: 'missing-destination-object',
        severity: 'error',
        category: 'provider',
        message:
            "Transformation '{name}' has no destination object; the transformer finds a transformation by its source and destination object names.",
        description: 'A transformation without Destination object name.',
        fix: quickFix<{ setting: string }>()
    },
    duplicateTransformationObjects: {
        code: 'IOM3019',
        name: 'duplicate-transformation-objects',
        severity: 'error',
        category: 'provider',
        message:
            "Transformations '{name}' and '{other}' of provider definition '{definition}' share source object {source} and destination object '{destination}'; the transformer picks a transformation by this pair, so it must be unique.",
        description: 'Two transformations of one definition share (source object, destination object).'
    },
    placeholderWithSpaces: {
        code: 'IOM3020',
        name: 'placeholder-with-spaces',
        severity: 'warning',
        category: 'provider',
        message: "Placeholder '{placeholder}' has spaces inside its braces; write '{{{key}}}', the form IOM replaces with the parameter value.",
        description: 'A `{{ Key }}` placeholder in client data with spaces inside the braces.'
    },
    idMappingsWithoutScope: {
        code: 'IOM3021',
        name: 'id-mappings-without-scope',
        severity: 'error',
        category: 'provider',
        message:
            "ID mappings '{name}' name neither a provider nor a mapping group, so no transformation can find them; add 'provider <instance>' and/or 'mapping group <group>'.",
        description: 'ID mappings without a provider and without a mapping group.'
    },
    duplicateIdMapping: {
        code: 'IOM3022',
        name: 'duplicate-id-mapping',
        severity: 'error',
        category: 'provider',
        message:
            "{table} value '{value}' of field '{field}' is already mapped in this scope ({other}); a transformation could resolve it either way. Keep one mapping.",
        description: 'The same external field value of one mapping table mapped twice for the same provider and mapping group.'
    },
    mappingGroupMismatch: {
        code: 'IOM3023',
        name: 'mapping-group-mismatch',
        severity: 'warning',
        category: 'provider',
        message: "Provider '{provider}' uses mapping group '{used}', so these mappings of group '{group}' are not used by its transformations.",
        description: "ID mappings name a provider and a mapping group that is not the provider's."
    },
    logoFileNotFound: {
        code: 'IOM3025',
        name: 'logo-file-not-found',
        severity: 'error',
        category: 'provider',
        message: "Logo file '{file}' does not exist (paths are relative to the workspace folder).",
        description: 'The logo file of a provider definition does not exist.'
    },
    sampleDataFileNotFound: {
        code: 'IOM3026',
        name: 'sample-data-file-not-found',
        severity: 'error',
        category: 'provider',
        message: "Sample data file '{file}' does not exist (paths are relative to the workspace folder).",
        description: 'The sample data file of a transformation does not exist.'
    },
    sampleDataInvalidJson: {
        code: 'IOM3027',
        name: 'sample-data-invalid-json',
        severity: 'error',
        category: 'provider',
        message: "Sample data file '{file}' is not valid JSON: {detail}",
        description: 'The sample data file of a transformation is not valid JSON.'
    },
    logoNotAnImage: {
        code: 'IOM3028',
        name: 'logo-not-an-image',
        severity: 'warning',
        category: 'provider',
        message: "Logo file '{file}' is not an image IOM can show (use .png, .jpg, .jpeg, .gif, .bmp, .ico or .svg).",
        description: 'The logo file of a provider definition is not an image file.'
    },
    // -- IOM4xxx action types and events --------------------------------------------------------------------------
    inputEventNotAllowed: {
        code: 'IOM4001',
        name: 'input-event-not-allowed',
        severity: 'error',
        category: 'action type',
        message:
            "'{event}' is not an allowed input event of action type '{actionType}' (allowed: {allowed}). Add 'allow \"{event}\" as input of \"{actionType}\"'.",
        description: "An input event that is not an Action Type Input Business Event of the step's action type.",
        fix: quickFix<{ event: string; actionType: string }>()
    },
    inputEventNeverRaised: {
        code: 'IOM4002',
        name: 'input-event-never-raised',
        severity: 'warning',
        category: 'action type',
        message: "Nothing raises '{event}' (no intake, step, action type or provider), so it never starts this step.",
        description: 'An input event that nothing in the workspace raises.'
    },
    stepWithoutInputEvents: {
        code: 'IOM4003',
        name: 'step-without-input-events',
        severity: 'error',
        category: 'action type',
        message: "Step '{name}' has no input events, so it never starts; add 'input events …'.",
        description: 'An action step without input events.'
    },
    missingActionType: {
        code: 'IOM4004',
        name: 'missing-action-type',
        severity: 'error',
        category: 'action type',
        message: "Step '{name}' has no action type, and tile '{tile}' implies none; set 'action type'.",
        description: 'A step without an action type whose tile implies none.'
    },
    actionTypeDiffersFromTile: {
        code: 'IOM4005',
        name: 'action-type-differs-from-tile',
        severity: 'warning',
        category: 'action type',
        message: "Tile '{tile}' implies action type '{implied}', but the step sets '{actual}'.",
        description: "A step's action type differs from the one its tile implies.",
        fix: quickFix<{ replacement: string }>()
    },
    redundantAllow: {
        code: 'IOM4006',
        name: 'redundant-allow',
        severity: 'warning',
        category: 'action type',
        unnecessary: true,
        message: "'{event}' is already an allowed input of '{actionType}' ({where}).",
        description: 'An `allow` that repeats an input event that is already allowed.',
        fix: quickFix<{ wholeDeclaration: boolean }>()
    },
    entryStepWithoutIntakeEvent: {
        code: 'IOM4007',
        name: 'entry-step-without-intake-event',
        severity: 'warning',
        category: 'action type',
        message:
            "The first step of journey '{journey}' starts on {events}, which no intake raises; a journey usually starts on an intake event such as New Order.",
        description: "The journey's first step does not listen to an intake event."
    },
    entityWithoutEvents: {
        code: 'IOM4008',
        name: 'entity-without-events',
        severity: 'warning',
        category: 'action type',
        message:
            "No business event is declared for custom entity '{name}', so nothing can move its records through a journey; declare one with 'event <name> { entity {reference} }'.",
        description: 'A registered custom entity that no business event names.'
    },
    builtinStateRedefined: {
        code: 'IOM4010',
        name: 'builtin-state-redefined',
        severity: 'error',
        category: 'action type',
        message:
            "'{name}' is an out-of-box state of {entity}; out-of-box state definitions are read-only and cannot be redefined. Use it as it is, or give your state another name.",
        description: 'An `extend entity` declares a state that the catalog already defines for the entity.'
    },
    transitionStateOfOtherEntity: {
        code: 'IOM4011',
        name: 'transition-state-of-other-entity',
        severity: 'error',
        category: 'action type',
        message: "State '{state}' belongs to {other}, but event '{event}' moves {entity} records; a transition uses states of its event's entity.",
        description: "A state transition names a state of another entity than its business event's."
    },
    transitionEventWithoutEntity: {
        code: 'IOM4012',
        name: 'transition-event-without-entity',
        severity: 'error',
        category: 'action type',
        message: "Event '{event}' has no entity, so it has no states to move between; add 'entity …' to the event.",
        description: 'A state transition on a business event without an associated entity.'
    },
    duplicateTransitionSource: {
        code: 'IOM4013',
        name: 'duplicate-transition-source',
        severity: 'error',
        category: 'action type',
        message: "Event '{event}' already has a transition from '{state}' ({other}); there is one row per allowed source state.",
        description: 'Two state transition rows of one event start from the same source state.'
    },
    unreachableState: {
        code: 'IOM4014',
        name: 'unreachable-state',
        severity: 'warning',
        category: 'action type',
        message: "No state transition moves a record to state '{name}' of {entity}; add 'transition on <event> { from … to {reference} }'.",
        description: 'A user state definition that no transition targets (and that is not the first state of a custom entity).'
    },
    // -- IOM5xxx policies -----------------------------------------------------------------------------------------
    missingPolicyType: {
        code: 'IOM5001',
        name: 'missing-policy-type',
        severity: 'error',
        category: 'policy',
        message: "Policy '{name}' has no type; add 'type filter' or 'type execution'.",
        description: 'A policy without Policy Type.'
    },
    missingCriticality: {
        code: 'IOM5002',
        name: 'missing-criticality',
        severity: 'error',
        category: 'policy',
        message: "Policy '{name}' has no criticality; add 'criticality information' or 'criticality critical'.",
        description: 'A policy without Policy Criticality.',
        fix: quickFix<{ setting: string }>()
    },
    missingAssociatedEntity: {
        code: 'IOM5003',
        name: 'missing-associated-entity',
        severity: 'error',
        category: 'policy',
        message: "Policy '{name}' has no associated entity; add 'entity Order' (or Order product, Fulfillment order, Fulfillment order product).",
        description: 'A policy without Associated Entity.'
    },
    notAnAssociatedEntity: {
        code: 'IOM5004',
        name: 'not-an-associated-entity',
        severity: 'error',
        category: 'policy',
        message:
            "'{entity}' cannot be a policy's associated entity; use Order, Order product, Fulfillment order, Fulfillment order product or a registered custom entity.",
        description: 'A policy associated with an entity that is reachable only through relations.'
    },
    actionOnFilterPolicy: {
        code: 'IOM5005',
        name: 'action-on-filter-policy',
        severity: 'error',
        category: 'policy',
        message: "Set Value actions are allowed only on execution policies; '{policy}' is a filter policy.",
        description: 'A `set` action in a filter policy.',
        fix: quickFix<{ policy: string; to: 'execution' }>()
    },
    orderingOperatorOnLookup: {
        code: 'IOM5006',
        name: 'ordering-operator-on-lookup',
        severity: 'error',
        category: 'policy',
        message: "Operator '{operator}' cannot compare lookup field '{field}'; use =, !=, contains data or does not contain data.",
        description: 'A greater/less operator on an entity-based (lookup) field.'
    },
    valueTypeMismatch: {
        code: 'IOM5007',
        name: 'value-type-mismatch',
        severity: 'error',
        category: 'policy',
        message: "Field '{field}' is {fieldType}: {problem}.",
        description: "A value that does not fit the field's type."
    },
    emptyRule: {
        code: 'IOM5008',
        name: 'empty-rule',
        severity: 'warning',
        category: 'policy',
        message: "Rule '{name}' has no conditions.",
        description: 'A rule without conditions.'
    },
    policyWithoutRules: {
        code: 'IOM5009',
        name: 'policy-without-rules',
        severity: 'warning',
        category: 'policy',
        message: "Policy '{name}' has no rules.",
        description: 'A policy without rules.'
    },
    customEntityWithoutTable: {
        code: 'IOM5010',
        name: 'custom-entity-without-table',
        severity: 'error',
        category: 'policy',
        message: "Custom entity '{name}' has no table; its entity metadata row needs the entity's logical name: add 'table <logical name>'.",
        description: 'A registered custom entity without its Dataverse table (entity metadata Name).'
    },
    customEntityWithoutFields: {
        code: 'IOM5011',
        name: 'custom-entity-without-fields',
        severity: 'warning',
        category: 'policy',
        message: "Custom entity '{name}' has no fields, so no policy rule can test it; add 'field <name> : <type>'.",
        description: 'A registered custom entity without fields.'
    },
    invalidPolicyVersion: {
        code: 'IOM5020',
        name: 'invalid-policy-version',
        severity: 'error',
        category: 'policy',
        message: 'Policy version {version} is not a version number; PolicyVersionNumber is a whole number from 1.',
        description: 'A policy `version` that is not a whole number of at least 1.'
    },
    // -- IOM6xxx journeys -----------------------------------------------------------------------------------------
    missingOrchestrationType: {
        code: 'IOM6001',
        name: 'missing-orchestration-type',
        severity: 'error',
        category: 'journey',
        message: "Journey '{name}' has no orchestration type; add 'orchestration type \"Order orchestration\"'.",
        description: 'A journey without orchestration type.',
        fix: quickFix<{ setting: string }>()
    },
    unsupportedOrchestrationType: {
        code: 'IOM6002',
        name: 'unsupported-orchestration-type',
        severity: 'error',
        category: 'journey',
        message: "'{type}' is not a supported orchestration type; use {supported}.",
        description: 'An orchestration type other than Order orchestration.',
        fix: quickFix<{ replacement: string }>()
    },
    unpublishedPolicy: {
        code: 'IOM6003',
        name: 'unpublished-policy',
        severity: 'error',
        category: 'journey',
        message: "Policy '{policy}' is not published; a published journey can use only published policies.",
        description: 'A published journey references an unpublished policy.'
    },
    executionPolicyAsFilter: {
        code: 'IOM6004',
        name: 'execution-policy-as-filter',
        severity: 'error',
        category: 'journey',
        message: "'{policy}' is an execution policy; filter policies take only filter policies.",
        description: "An execution policy in a step's filter policies.",
        fix: quickFix<{ policy: string; to: 'filter' }>()
    },
    filterPolicyAsExecution: {
        code: 'IOM6005',
        name: 'filter-policy-as-execution',
        severity: 'error',
        category: 'journey',
        message: "'{policy}' is a filter policy; execution policies take only execution policies.",
        description: "A filter policy in a step's execution policies.",
        fix: quickFix<{ policy: string; to: 'execution' }>()
    },
    conditionMissingPath: {
        code: 'IOM6006',
        name: 'condition-missing-path',
        severity: 'error',
        category: 'journey',
        message: "Condition '{name}' has no {path} path; a condition has exactly a yes and a no path.",
        description: 'A condition without its yes or no path.',
        fix: quickFix<{ path: 'yes' | 'no' }>()
    },
    conditionDuplicatePath: {
        code: 'IOM6007',
        name: 'condition-duplicate-path',
        severity: 'error',
        category: 'journey',
        message: "Condition '{name}' has more than one {path} path.",
        description: 'A condition with two yes or two no paths.'
    },
    conditionWithoutPrecedingStep: {
        code: 'IOM6008',
        name: 'condition-without-preceding-step',
        severity: 'warning',
        category: 'journey',
        message: "Condition '{name}' does not follow an action step; a condition tests whether the previous step succeeded.",
        description: 'A condition that is not directly after an action step.'
    },
    splitterTooFewBranches: {
        code: 'IOM6009',
        name: 'splitter-too-few-branches',
        severity: 'error',
        category: 'journey',
        message: "Splitter '{name}' has {count} branch(es); a splitter needs at least two.",
        description: 'A splitter with fewer than two branches.'
    },
    duplicateBranchName: {
        code: 'IOM6010',
        name: 'duplicate-branch-name',
        severity: 'error',
        category: 'journey',
        message: "Splitter '{splitter}' has more than one branch named '{name}'.",
        description: 'Two branches of one splitter share a name.'
    },
    branchWithoutFilterPolicy: {
        code: 'IOM6011',
        name: 'branch-without-filter-policy',
        severity: 'warning',
        category: 'journey',
        message: "The first action of branch '{branch}' has no filter policy, so the branch cannot tell its records apart.",
        description: 'A splitter branch whose first action has no filter policy.'
    },
    stepsAfterUnmergedElement: {
        code: 'IOM6012',
        name: 'steps-after-unmerged-element',
        severity: 'warning',
        category: 'journey',
        message: "'{name}' is a plain {element} whose paths do not rejoin; write '{element} merge' to continue after it.",
        description: 'Elements follow a plain Condition or Splitter, whose paths end independently.',
        fix: quickFix()
    },
    unreachableStep: {
        code: 'IOM6013',
        name: 'unreachable-step',
        severity: 'warning',
        category: 'journey',
        message: "Step '{name}' never runs: nothing raises any of its input events.",
        description: 'A step none of whose input events is raised anywhere.'
    },
    competingJourneys: {
        code: 'IOM6014',
        name: 'competing-journeys',
        severity: 'warning',
        category: 'journey',
        message: "Published journeys '{name}' and '{other}' both start on '{event}' without filter policies, so both will process every order.",
        description: 'Two published journeys share an entry event and neither has filter policies.'
    },
    missingEmailTemplate: {
        code: 'IOM6015',
        name: 'missing-email-template',
        severity: 'error',
        category: 'journey',
        message: "Send email step '{name}' needs an email template; add 'email template \"…\"'.",
        description: 'A Send email step without email template.'
    },
    requiredProviderNotActivated: {
        code: 'IOM6016',
        name: 'required-provider-not-activated',
        severity: 'error',
        category: 'journey',
        message: "Tile '{tile}' needs an activated '{definition}' provider, and none is activated.",
        description: 'Send email, Send to DOM or FRO without an activated provider of the right definition.'
    },
    newOrderEntry: {
        code: 'IOM6017',
        name: 'new-order-entry',
        severity: 'info',
        category: 'journey',
        message:
            "Journey '{journey}' starts on {event}, which only provider intake and Orchestrate raise; no activated provider in this workspace imports orders, so only orders sent with Orchestrate reach it.",
        description: 'A published journey entered by New Order in a workspace without an activated intake provider.'
    },
    emailStepWithoutSendEmailAction: {
        code: 'IOM6018',
        name: 'email-step-without-send-email-action',
        severity: 'error',
        category: 'journey',
        message: "Send email step '{name}' needs one of the {provider} provider's actions: {actions}.",
        description: 'A Send email step without its Send Email provider action.'
    },
    missingCompanyPolicy: {
        code: 'IOM6019',
        name: 'missing-company-policy',
        severity: 'warning',
        category: 'journey',
        message: "Step '{name}' sends to finance and operations, but no execution policy in journey '{journey}' sets {fields}.",
        description: 'A finance-and-operations step without an execution policy that sets Company.'
    },
    emptyBranch: {
        code: 'IOM6020',
        name: 'empty-branch',
        severity: 'warning',
        category: 'journey',
        message:
            "Branch '{name}' of splitter '{splitter}' has no step, so the records it takes are not processed further; add a step (with a filter policy) or remove the branch.",
        description: 'A splitter branch without any element.'
    },
    // -- IOM6021-IOM6029 email templates (Send email steps) -----------------------------------------------------------
    incompleteEmailTemplate: {
        code: 'IOM6021',
        name: 'incomplete-email-template',
        severity: 'error',
        category: 'journey',
        message: "Email template '{name}' needs {missing}.",
        description: 'A custom email template without entity, subject or body.'
    },
    emailPlaceholderName: {
        code: 'IOM6022',
        name: 'email-placeholder-name',
        severity: 'error',
        category: 'journey',
        message: "'{name}' is not an email template placeholder; the placeholders are {allowed}.",
        description: 'An email template placeholder other than P1-P5.'
    },
    unknownEmailToken: {
        code: 'IOM6023',
        name: 'unknown-email-token',
        severity: 'error',
        category: 'journey',
        message:
            "Token {token} names no placeholder of email template '{name}' (declared: {declared}); declare it with 'placeholder …' and write it without spaces.",
        description: 'A personalization token in a subject or body that names no declared placeholder.'
    },
    unusedEmailPlaceholder: {
        code: 'IOM6024',
        name: 'unused-email-placeholder',
        severity: 'warning',
        category: 'journey',
        unnecessary: true,
        message: "Placeholder {name} of email template '{template}' is not used in its subject or body.",
        description: 'An email template placeholder no token uses.'
    },
    emailTemplateEntityMismatch: {
        code: 'IOM6025',
        name: 'email-template-entity-mismatch',
        severity: 'warning',
        category: 'journey',
        message: "Email template '{template}' is for {entity}, but '{action}' sends for {actionEntity}.",
        description: "A Send email step whose template's entity differs from its Send Email action's."
    },
    pausedJourneyNeedsSettings: {
        code: 'IOM6030',
        name: 'paused-journey-needs-settings',
        severity: 'error',
        category: 'journey',
        message:
            "Journey '{name}' is paused, but pause and resume (preview) needs the environment settings {missing} set to true in the platform block.",
        description: 'A paused journey while the two environment settings pause and resume needs are not both on.'
    },
    pausedJourneyNotPublished: {
        code: 'IOM6031',
        name: 'paused-journey-not-published',
        severity: 'error',
        category: 'journey',
        message: "Journey '{name}' is paused but not published; only a published journey runs and can be paused. Add 'published' or remove 'paused'.",
        description: 'A paused journey that is not published.'
    },
    // -- IOM65xx tests and sample orders (docs/simulation.md) ------------------------------------------------------
    sampleOrderInvalidJson: {
        code: 'IOM6500',
        name: 'sample-order-invalid-json',
        severity: 'error',
        category: 'journey',
        message: '{location}{detail}',
        description: 'A sample order file that is not a JSON object.'
    },
    sampleOrderUnknownEntity: {
        code: 'IOM6501',
        name: 'sample-order-unknown-entity',
        severity: 'error',
        category: 'journey',
        message: '{location}{detail}',
        description: 'A sample order names an entity that does not exist.'
    },
    sampleOrderUnknownField: {
        code: 'IOM6502',
        name: 'sample-order-unknown-field',
        severity: 'error',
        category: 'journey',
        message: '{location}{detail}',
        description: 'A sample order gives a value to a field its entity does not have.'
    },
    sampleOrderWrongType: {
        code: 'IOM6503',
        name: 'sample-order-wrong-type',
        severity: 'error',
        category: 'journey',
        message: '{location}{detail}',
        description: "A sample order's (or a field expectation's) value does not fit the field's type."
    },
    sampleOrderBadLink: {
        code: 'IOM6504',
        name: 'sample-order-bad-link',
        severity: 'error',
        category: 'journey',
        message: '{location}{detail}',
        description: 'A sample record whose name or parent does not link.'
    },
    testWithoutOrder: {
        code: 'IOM6505',
        name: 'test-without-order',
        severity: 'error',
        category: 'journey',
        message: 'Test \'{name}\' has no sample order: add `order "file.order.json"` or `order { record Order { … } }`.',
        description: 'A test block without a sample order.'
    },
    sampleOrderFileNotFound: {
        code: 'IOM6506',
        name: 'sample-order-file-not-found',
        severity: 'error',
        category: 'journey',
        message: "Cannot read the sample order '{file}' (paths are relative to this file).",
        description: "A test's sample order file does not exist."
    },
    expectationWithoutJourney: {
        code: 'IOM6507',
        name: 'expectation-without-journey',
        severity: 'error',
        category: 'journey',
        message: 'Test \'{name}\' checks {what}, but names no journey: add `journey "…"` to the test.',
        description: 'A step, branch, path or entry expectation in a test without a journey line.'
    },
    // -- IOM7xxx deployment (iom package --environment-schema; docs/deployment.md) --------------------------------
    missingEnvironmentTable: {
        code: 'IOM7001',
        name: 'missing-environment-table',
        severity: 'error',
        category: 'deployment',
        message: "Table '{table}' ({displayName}) is not in the environment schema: the package cannot write {target}.",
        description: 'The data package writes a table the environment schema does not have.'
    },
    missingEnvironmentColumn: {
        code: 'IOM7002',
        name: 'missing-environment-column',
        severity: 'error',
        category: 'deployment',
        message: "Column '{column}' ({label}) of table '{table}' is not in the environment schema: the package cannot write it for {target}.",
        description: 'The data package writes a column the environment schema does not have.'
    },
    environmentColumnTypeMismatch: {
        code: 'IOM7003',
        name: 'environment-column-type-mismatch',
        severity: 'error',
        category: 'deployment',
        message:
            "Column '{column}' ({label}) of table '{table}' is '{actual}' in the environment schema, but the package writes a {type} value ('{cmtType}').",
        description: 'A column has another type in the environment schema than the binding gives it.'
    },
    unknownEnvironmentChoice: {
        code: 'IOM7004',
        name: 'unknown-environment-choice',
        severity: 'error',
        category: 'deployment',
        message: "'{value}' is not a choice of column '{column}' ({label}) of table '{table}' in the environment schema (it has {choices}).",
        description: 'A choice label the environment schema does not list for its column.'
    },
    // -- IOM8xxx configuration (iomconfig.json) -------------------------------------------------------------------
    invalidConfig: {
        code: 'IOM8001',
        name: 'invalid-config',
        severity: 'error',
        category: 'configuration',
        message: '{detail}',
        description: 'iomconfig.json is not valid JSON or not an object.'
    },
    unknownRule: {
        code: 'IOM8002',
        name: 'unknown-rule',
        severity: 'warning',
        category: 'configuration',
        message: "'{rule}' is not a rule code or name.{suggestion}",
        description: 'iomconfig.json names a rule that does not exist.'
    },
    invalidRuleSetting: {
        code: 'IOM8003',
        name: 'invalid-rule-setting',
        severity: 'error',
        category: 'configuration',
        message: "Rule '{rule}': {detail}",
        description: 'A rule setting with an invalid level or options.'
    },
    unknownConfigKey: {
        code: 'IOM8004',
        name: 'unknown-config-key',
        severity: 'error',
        category: 'configuration',
        message: "'{key}' is not a setting of iomconfig.json (known here: {known}).{suggestion}",
        description: 'iomconfig.json has a key its schema does not know (it would be ignored).'
    },
    invalidConfigValue: {
        code: 'IOM8005',
        name: 'invalid-config-value',
        severity: 'error',
        category: 'configuration',
        message: "'{key}' {detail}.",
        description: 'An iomconfig.json setting of the wrong type or form, e.g. "build": "out".'
    },
    // -- IOM9xxx style and suppression ----------------------------------------------------------------------------
    unusedSuppression: {
        code: 'IOM9001',
        name: 'unused-suppression',
        severity: 'warning',
        category: 'style',
        unnecessary: true,
        message: "'{code}' is suppressed here, but the next line has no such diagnostic.",
        description: 'An iom-disable-next-line comment that suppresses nothing.',
        fix: quickFix()
    },
    unknownSuppressedCode: {
        code: 'IOM9002',
        name: 'unknown-suppressed-code',
        severity: 'warning',
        category: 'style',
        message: "'{code}' is not a diagnostic code.",
        description: 'An iom-disable-next-line comment names an unknown code.'
    },
    unsuppressibleDiagnostic: {
        code: 'IOM9010',
        name: 'unsuppressible-diagnostic',
        severity: 'warning',
        category: 'style',
        message: "'{code}' ({name}) is a {what} error: it cannot be {action}, and nothing is built until it is fixed.",
        description: 'An iom-disable-next-line comment or an iomconfig.json level that tries to silence a syntax or linking error.'
    }
});

export type DiagnosticKey = keyof typeof Diagnostics;
