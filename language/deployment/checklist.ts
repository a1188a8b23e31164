/**
 * The deployment checklist: the ordered manual and tool steps IOM documents around an import (domain reference 6),
 * with everything the data package cannot carry filled in per record. Built as data (JSON), rendered as Markdown.
 */
import { slug, KIND_FOLDERS } from '../compiler/emit.js';
import type {
    CompiledRecord,
    IdMappingsRecord,
    ConditionNode,
    EmailTemplateRecord,
    JourneyNode,
    JourneyRecord,
    PlatformRecord,
    ProviderRecord,
    RecordKind,
    SecretReference,
    SetValueAction,
    SourceLocation,
    TypedValue
} from '../compiler/records.js';
import { present } from '../model/collections.js';
import { binding } from './binding.js';
import type { BoundPackage, ChecklistItem, RecordRef, UsedName } from './bind.js';

export const CHECKLIST_FORMAT_VERSION = '1.0';

export interface ChecklistStep {
    action: string;
    text: string;
    record?: RecordRef;
    details?: string[];
}

export interface ChecklistPhase {
    order: number;
    name: 'before-import' | 'connections' | 'import' | 'complete' | 'activate' | 'environment-copy';
    title: string;
    basis: string;
    steps: ChecklistStep[];
}

export interface NameCounts {
    documented: number;
    assumed: number;
    confirmed: number;
}

export interface DeploymentChecklist {
    formatVersion: string;
    package: string;
    summary: { tables: number; rows: number; names: NameCounts; environmentSchema: boolean };
    phases: ChecklistPhase[];
    names: UsedName[];
}

export function countNames(names: readonly UsedName[]): NameCounts {
    return {
        documented: names.filter(name => name.provenance === 'documented').length,
        assumed: names.filter(name => name.provenance === 'assumed').length,
        confirmed: names.filter(name => name.provenance === 'confirmed').length
    };
}

const at = (source: SourceLocation) => `${source.file}:${source.line}`;
const KIND_WORDS: Record<RecordKind, string> = {
    connection: 'connection',
    platform: 'platform',
    providerDefinition: 'provider definition',
    provider: 'provider',
    businessEvent: 'business event',
    actionType: 'action type',
    policy: 'policy',
    journey: 'journey',
    stateDefinition: 'state definition',
    stateTransition: 'state transition',
    entityExtension: 'entity extension',
    emailTemplate: 'email template',
    mappingGroup: 'mapping group',
    idMappings: 'id mappings'
};
const recordText = (record: { kind: RecordKind; name: string; source: SourceLocation }) =>
    `${KIND_WORDS[record.kind]} **${record.name}** (${at(record.source)})`;
const refOf = (record: CompiledRecord): RecordRef => ({ kind: record.kind, id: record.id, name: record.name, source: record.source });
const code = (text: string) => '`' + text.replace(/`/g, "'") + '`';

/** The checklist of a bound package built from these records (in artifact-path order). */
export function buildChecklist(
    records: readonly CompiledRecord[],
    bound: BoundPackage,
    packageName: string,
    environmentSchema: boolean
): DeploymentChecklist {
    const of = <K extends RecordKind>(kind: K) => records.filter(record => record.kind === kind) as Array<Extract<CompiledRecord, { kind: K }>>;
    const sources = binding.sources;
    const deploymentOrder = present(sources['deployment-order'], "binding.json's source 'deployment-order'");
    const journeys = of('journey');
    const providers = of('provider');
    const policies = of('policy');

    const beforeImport: ChecklistStep[] = [
        ...journeys.map(record => ({
            action: 'unpublish',
            record: refOf(record),
            text: `Unpublish ${recordText(record)} in the target, if it exists there.`
        })),
        ...providers.map(record => ({
            action: 'deactivate',
            record: refOf(record),
            text: `Deactivate ${recordText(record)} in the target, if it exists there.`
        })),
        ...policies.map(record => ({
            action: 'unpublish',
            record: refOf(record),
            text: `Unpublish ${recordText(record)} in the target, if it exists there.`
        }))
    ];

    const connections: ChecklistStep[] = [
        ...of('connection').map(record => ({
            action: 'verifyConnection',
            record: refOf(record),
            text: `Create or check ${recordText(record)} in Power Automate (connector ${code(record.connector?.name ?? '?')})${record.connectionUrl ? ` at ${record.connectionUrl}` : ''}. Connections never travel between environments.`,
            ...(record.settings.length
                ? {
                      details: record.settings.map(
                          setting =>
                              `${setting.name}: ${setting.secret ? `from ${setting.secret.store === 'keyVault' ? `Key Vault ${code(setting.secret.vault ?? '')} secret ${code(setting.secret.name)}` : `the environment variable ${code(setting.secret.name)}`}` : code(String(setting.value?.value ?? ''))}`
                      )
                  }
                : {})
        })),
        ...of('platform').flatMap((record: PlatformRecord) => [
            ...record.connectionReferences.map(reference => ({
                action: 'bindPlatformReference',
                record: refOf(record),
                text: `Bind the platform connection reference ${code(reference.reference.name)} to connection ${code(reference.connection.name)} (${at(reference.source)}).`
            })),
            ...(record.activateSystem
                ? [{ action: 'activateSystem', record: refOf(record), text: 'Run **Activate System** once every platform reference is bound.' }]
                : []),
            ...record.environmentSettings.map(setting => ({
                action: 'setEnvironmentSetting',
                record: refOf(record),
                text: `Set the environment setting ${code(setting.name)} to ${code(String(setting.value?.value ?? ''))} (${at(setting.source)}).`
            }))
        ])
    ];

    const rows = bound.tables.reduce((sum, table) => sum + table.rows.length, 0);
    const importSteps: ChecklistStep[] = [
        {
            action: 'import',
            text: `Import ${code(packageName)} (${rows} row(s) in ${bound.tables.length} table(s)): ${code(`pac data import --data ${packageName}`)}, or as the configuration data of a Package Deployer package, or with the Configuration Migration tool. Record ids are the compiler's stable ids, so importing again updates the rows instead of duplicating them.`,
            details: bound.tables.map(table => `${code(table.name)}: ${table.rows.length} row(s)`)
        }
    ];

    const complete: ChecklistStep[] = [];
    for (const record of records) {
        const items = bound.checklist.filter(item => item.record.id === record.id);
        const details = items.flatMap(item => completeDetail(record, item));
        if (details.length > 0) complete.push({ action: 'complete', record: refOf(record), text: `Complete ${recordText(record)}:`, details });
    }

    const activate: ChecklistStep[] = [
        ...providers.flatMap((record: ProviderRecord) => [
            ...record.connectionReferences.map(reference => ({
                action: 'activateConnectionReference',
                record: refOf(record),
                text: `Open the provider connection reference ${code(reference.name)} of ${recordText(record)}, set its connection (${code(reference.connection.name)}${reference.connectionUrl ? `, ${reference.connectionUrl}` : ''}), **Save** → **Activate** → **Save & close**.`
            })),
            ...(record.state === 'Activated'
                ? [{ action: 'activate', record: refOf(record), text: `Activate ${recordText(record)} (IOM creates its provider actions).` }]
                : [])
        ]),
        ...policies
            .filter(record => record.status === 'Published')
            .map(record => ({ action: 'publish', record: refOf(record), text: `Publish ${recordText(record)} (its policy flows are regenerated).` })),
        ...journeys
            .filter(record => record.status === 'Published')
            .map(record => ({ action: 'publish', record: refOf(record), text: `Publish (republish) ${recordText(record)}, last of all.` })),
        ...journeys
            .filter(record => record.status === 'Published' && record.paused)
            .map(record => ({ action: 'pause', record: refOf(record), text: `Pause ${recordText(record)} (pause and resume, preview).` }))
    ];

    const environmentCopy: ChecklistStep[] = [
        { action: 'resaveConnectionReferences', text: 'Re-save every connection reference and run **Activate System**.' },
        ...journeys.map(record => ({
            action: 'removeProviderActions',
            record: refOf(record),
            text: `Remove the provider actions from the steps of ${recordText(record)}.`
        })),
        ...providers.map(record => ({
            action: 'reinstallProvider',
            record: refOf(record),
            text: `Delete and reinstall ${recordText(record)}, then activate it again.`
        })),
        ...journeys.map(record => ({
            action: 'readdProviderActions',
            record: refOf(record),
            text: `Re-add the new provider actions to the steps of ${recordText(record)} and republish it.`
        }))
    ];

    return {
        formatVersion: CHECKLIST_FORMAT_VERSION,
        package: packageName,
        summary: { tables: bound.tables.length, rows, names: countNames(bound.names), environmentSchema },
        phases: [
            { order: 1, name: 'before-import', title: 'Before import', basis: deploymentOrder, steps: beforeImport },
            {
                order: 2,
                name: 'connections',
                title: 'Connections and platform references',
                basis: 'Connections never travel between environments (domain reference 6.1); platform references are bound, then Activate System (2.1).',
                steps: connections
            },
            {
                order: 3,
                name: 'import',
                title: 'Import the data package',
                basis: 'The Configuration Migration data package is imported by pac data import, Package Deployer or the Configuration Migration tool (domain reference 6.1).',
                steps: importSteps
            },
            {
                order: 4,
                name: 'complete',
                title: 'Complete what the package cannot carry',
                basis: 'Values whose format IOM does not publish, that only the target knows, or that name built-in records whose ids are not published (docs/deployment.md).',
                steps: complete
            },
            {
                order: 5,
                name: 'activate',
                title: 'Activate and publish (providers, then policies, then journeys last)',
                basis: `${sources['deployment-order']}. Of the two documented orders, order B (providers, policies, journeys) is followed; both put journey republishing last (docs/artifacts.md).`,
                steps: activate
            },
            {
                order: 6,
                name: 'environment-copy',
                title: 'After an environment copy (only then)',
                basis: deploymentOrder,
                steps: environmentCopy
            }
        ],
        names: [...bound.names].sort((a, b) => order(a) - order(b) || (a.owner ?? '').localeCompare(b.owner ?? '') || a.name.localeCompare(b.name))
    };
}

const WHAT_ORDER = { table: 0, column: 1, api: 2, parameter: 3 } as const;
const order = (name: UsedName) => WHAT_ORDER[name.what];

function completeDetail(record: CompiledRecord, item: ChecklistItem): string[] {
    const where =
        item.target.shape === record.kind
            ? ''
            : ` of ${item.target.shape
                  .split('.')
                  .pop()!
                  .replace(/s$/, '')
                  .replace(/([A-Z])/g, ' $1')
                  .toLowerCase()} ${code(item.target.name)} (${at(item.target.source)})`;
    const value = item.value;
    switch (item.step) {
        case 'choice':
            return [`Set **${item.text}**${where} to ${code(String(value))} (its option value is not published).`];
        case 'builtin-lookup':
            return [
                `Set **${item.text}**${where} to IOM's built-in ${code(String(value))} (resolved by name: its id is not published, so the package leaves the lookup empty).`
            ];
        case 'target-lookup':
            return [`Set **${item.text}**${where} to ${code(String(value))} (a record the target creates itself).`];
        case 'builtin-record':
            return [`${recordText(record)} is IOM's own: it is referenced, never created; set the rows that point to it as listed here.`];
        case 'enter-rule-definition':
            if (item.field === 'condition')
                return [
                    `Enter the condition${where} in Condition Builder (the RuleDefinition format is not published): ${code(conditionText(value as ConditionNode))}.`
                ];
            return [
                `Add the actions${where}: ${(value as SetValueAction[]).map(action => code(`${action.field.name} Set Value ${valueText(action.value)}`)).join(', ')}.`
            ];
        case 'build-journey-graph':
            if (item.field !== 'nodes') return [];
            return [
                `Build the journey in the designer from ${code(`${KIND_FOLDERS.journey}/${slug(record.name)}.json`)} (the designer's serialisation is not published):`,
                ...journeyLines(record as JourneyRecord).map(line => `  - ${line}`)
            ];
        case 'create-email-template': {
            const template = record as EmailTemplateRecord;
            if (item.field === 'name')
                return [
                    `Create the email template ${code(template.name)} of the Dynamics 365 Communication provider in the target (its table is not published).`
                ];
            if (item.field === 'entity') return [`Set its entity to ${code(template.entity?.name ?? '?')}.`];
            if (item.field === 'placeholders')
                return [`Set its placeholders: ${template.placeholders.map(p => code(`${p.name} = ${p.field.name}`)).join(', ')}.`];
            if (item.field === 'subject' || item.field === 'body' || item.field === 'description')
                return [`Set its ${item.field} to ${code(String(value))}.`];
            return [];
        }
        case 'set-secret-parameter': {
            const secret = value as SecretReference;
            const from =
                secret.store === 'keyVault'
                    ? `Key Vault ${code(secret.vault ?? '')} secret ${code(secret.name)}`
                    : `the environment variable ${code(secret.name)}`;
            return [`Set **Value**${where} from ${from} (secrets are never written into the package).`];
        }
        case 'edit-client-data':
            return [`Edit **Client Data**${where} after saving, to insert its parameter placeholders: ${code(String(value))}.`];
        case 'save-logic-definition':
            if (item.field === 'actionType') return [`Set **Action Type**${where} to ${code((value as { name: string }).name)}.`];
            if (item.field === 'description') return [`Set **Description**${where} to ${code(String(value))}.`];
            return [];
        case 'upload-logo':
            return [`Upload the **Logo** image ${code(String(value))} (a file of the workspace) on the provider definition.`];
        case 'attach-sample-data':
            return [`Attach the **Sample Data** file ${code(String(value))}${where}.`];
        case 'set-timeline-position':
            return [`Set the **Timeline Position** (State Definition Properties) to ${code(String(value))}.`];
        case 'set-transition-event':
            return [`Set **Business Event Definition** of its State Transition rows to ${code((value as { name: string }).name)}.`];
        case 'verify-custom-columns':
            return (value as Array<{ name: string; column: string | null; type: string }>).map(
                column =>
                    `Check that the column ${code(column.column ?? column.name)} (${column.type}, custom column ${code(column.name)}) exists on the entity's table.`
            );
        case 'add-id-mappings':
            if (item.field === 'provider') return [`Add the mappings below for the provider ${code((value as { name: string }).name)}.`];
            if (item.field === 'mappingGroup') return [`Add the mappings below to the mapping group ${code((value as { name: string }).name)}.`];
            return (value as IdMappingsRecord['mappings']).map(
                mapping =>
                    `${mapping.mappingTable}: ${code(`${mapping.externalFieldName} = ${mapping.externalFieldValue}`)} → ${code(mapping.internalRecord)} (${at(mapping.source)}).`
            );
        case 'save-definition-connection-reference':
            return item.field === 'description' ? [`Set **Description**${where} to ${code(String(value))}.`] : [];
        default:
            if (item.step.startsWith('call:'))
                return [callText(item.step.slice(5), where, value as Array<{ parameter: string; value: unknown; field: string }>)];
            return [];
    }
}

function callText(api: string, where: string, parameters: Array<{ parameter: string; value: unknown; field: string }>): string {
    const shown = parameters.map(({ parameter, value, field }) => {
        if (value === null || value === undefined) return `${parameter} = (not given)`;
        if (field === 'workflowName') return `${parameter} = the workflow id of the cloud flow ${code(String(value))} in the target`;
        if (field === 'connector')
            return `${parameter} = the id of the target's connectionreference row for connector ${code((value as { name: string }).name)}`;
        if (typeof value === 'object' && 'label' in (value as object))
            return `${parameter} = ${(value as { value: number }).value} (${(value as { label: string }).label})`;
        return `${parameter} = ${code(String(value))}`;
    });
    const note = api === 'msdyn_SaveProviderDefinitionConnectionReference' ? ' (only if saving the logic definitions did not create it)' : '';
    return `Call ${code(api)}${where}${note}: ${shown.join(', ')}.`;
}

export function conditionText(node: ConditionNode, top = true): string {
    switch (node.type) {
        case 'row':
            return `${node.field.name} ${node.operator}${node.value ? ` ${valueText(node.value)}` : ''}`;
        case 'group': {
            const inner = node.conditions.map(child => conditionText(child, false)).join(` ${node.operator} `);
            return top ? inner : `(${inner})`;
        }
        case 'related':
            return `${node.relation.name} (${node.relation.cardinality ?? '?'}): (${conditionText(node.condition)})`;
    }
}

function valueText(value: TypedValue): string {
    return typeof value.value === 'string' ? `"${value.value}"` : String(value.value);
}

function journeyLines(journey: JourneyRecord): string[] {
    const names = new Map(journey.nodes.map(node => [node.id, node.name]));
    const line = (node: JourneyNode): string => {
        if (node.type !== 'step') {
            return `${node.element} ${code(node.name)}: ${node.branches.map(branch => `${branch.name} → ${branch.entry ? code(names.get(branch.entry)!) : '(empty)'}`).join('; ')}`;
        }
        const parts = [
            `tile ${code(node.tile.name)}`,
            node.actionType ? `action type ${code(node.actionType.name)}` : '',
            node.inputEvents.length ? `input events ${node.inputEvents.map(event => code(event.name)).join(', ')}` : '',
            node.filterPolicies.length ? `filter policies ${node.filterPolicies.map(policy => code(policy.name)).join(', ')}` : '',
            node.executionPolicies.length ? `execution policies ${node.executionPolicies.map(policy => code(policy.name)).join(', ')}` : '',
            node.providerAction ? `provider action ${code(node.providerAction.action.name)} of ${code(node.providerAction.provider.name)}` : '',
            node.emailTemplate ? `email template ${code(node.emailTemplate.name)}` : ''
        ].filter(Boolean);
        return `Step ${code(node.name)}: ${parts.join('; ')}`;
    };
    return [
        ...journey.nodes.map(line),
        `Connect: ${journey.edges.map(edge => `${code(names.get(edge.from)!)} → ${code(names.get(edge.to)!)}${edge.branch ? ` (${edge.branch})` : ''}`).join(', ') || '(no connections)'}`
    ];
}

/** The checklist as Markdown, for people. */
export function checklistMarkdown(checklist: DeploymentChecklist): string {
    const lines: string[] = [];
    const { names } = checklist.summary;
    lines.push(`# Deployment checklist: ${checklist.package}`, '');
    lines.push(
        `The data package writes ${checklist.summary.rows} row(s) in ${checklist.summary.tables} table(s). Names used: ${names.documented} documented, ${names.confirmed} confirmed by the environment schema, **${names.assumed} assumed** (listed at the end${checklist.summary.environmentSchema ? '' : '; bind them to your environment with `--environment-schema`'}).`,
        ''
    );
    lines.push('Do the steps in order. Stop at the first failure and go back to the declaration given in parentheses.', '');
    for (const phase of checklist.phases) {
        lines.push(`## ${phase.order}. ${phase.title}`, '', `_${phase.basis}_`, '');
        if (phase.steps.length === 0) lines.push('Nothing to do.', '');
        phase.steps.forEach((step, index) => {
            lines.push(`${index + 1}. ${step.text}`);
            for (const detail of step.details ?? []) lines.push(`${detail.startsWith('  ') ? '   ' : '   - '}${detail}`);
        });
        if (phase.steps.length > 0) lines.push('');
    }
    lines.push('## Names: documented and assumed', '');
    lines.push('| what | name | of | provenance | basis |', '|---|---|---|---|---|');
    for (const name of checklist.names) {
        lines.push(
            `| ${name.what} | ${code(name.name)} | ${name.owner ? code(name.owner) : ''} | ${name.provenance} | ${name.basis.replace(/\|/g, '\\|')} |`
        );
    }
    lines.push('');
    return lines.join('\n');
}
