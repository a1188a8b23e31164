/**
 * Snippets scaffolding a journey, a step of each catalog tile, conditions and splitters with their branches, a
 * provider instance of each provider definition, a policy with a rule, a test, a rule. Each is offered with the
 * keyword that begins its declaration, and built from the workspace (its tiles, action types, events, connections).
 */
import type { CompletionContext, CompletionValueItem } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import { catalog, findInCatalog, formatName } from '../../catalog/catalog.js';
import {
    type ActionType,
    isActionType,
    isBusinessEvent,
    isConnection,
    isEmailTemplate,
    isEntity,
    isProviderDefinition,
    isProviderInstance,
    isTile,
    type Tile
} from '../../generated/ast.js';
import type { IomServices } from '../../iom-module.js';
import { kindOf } from '../../model/kinds.js';
import { fieldsOf } from '../../scoping/entity-members.js';
import { entityInContext } from '../../scoping/iom-scope-provider.js';
import { elementsOf } from '../iom-lsp-utils.js';
import { choice, escapeSnippet, previewSnippet } from './snippet-text.js';
import { SORT } from './typed-text.js';

/** The snippets that start with a keyword that begins a declaration of the given rule. */
export function snippetsFor(services: IomServices, rule: string | undefined, context: CompletionContext): CompletionValueItem[] {
    const snippet = (label: string, detail: string, body: string, documentation: string): CompletionValueItem => ({
        label,
        kind: CompletionItemKind.Snippet,
        detail,
        documentation: { kind: 'markdown', value: `${documentation}\n\n\`\`\`iom\n${previewSnippet(body)}\n\`\`\`` },
        insertText: body,
        insertTextFormat: InsertTextFormat.Snippet,
        filterText: label,
        sortText: SORT.snippet
    });
    switch (rule) {
        case 'Journey':
            return [
                snippet(
                    'journey',
                    'snippet: journey with a first step',
                    journeySnippet(services),
                    "A journey of the catalog's orchestration type whose first step validates new orders."
                )
            ];
        case 'Step':
            return tiles(services).map(tile =>
                snippet(
                    `step : ${tile.name}`,
                    `snippet: ${kindOf('Step')} with tile ${tile.name}`,
                    stepSnippet(services, tile, 1),
                    `A step using the tile **${tile.name}**${tile.actionType?.ref ? ` (action type ${tile.actionType.ref.name})` : ''}.`
                )
            );
        case 'ConditionElement':
            return [false, true].map(merge =>
                snippet(
                    merge ? 'condition merge' : 'condition',
                    `snippet: Condition${merge ? '-Merge' : ''} with Yes and No paths`,
                    `condition ${merge ? 'merge ' : ''}"\${1:Condition}" {\n\tyes {\n\t\t$2\n\t}\n\tno {\n\t\t$3\n\t}\n}`,
                    'A Yes path when the previous step succeeded, a No path when it failed.'
                )
            );
        case 'Splitter':
            return [false, true].map(merge =>
                snippet(
                    merge ? 'splitter merge' : 'splitter',
                    `snippet: Splitter${merge ? '-Merge' : ''} with two branches`,
                    `splitter ${merge ? 'merge ' : ''}"\${1:Splitter}" {\n\tbranch "\${2:Branch 1}" {\n\t\t$3\n\t}\n\tbranch "\${4:Branch 2}" {\n\t\t$5\n\t}\n}`,
                    'Parallel branches, told apart by the filter policy of the first step of each branch.'
                )
            );
        case 'ProviderInstance':
        case 'ProviderDefinition':
            return elementsOf(services, 'ProviderDefinition', isProviderDefinition).map(definition =>
                snippet(
                    `provider from ${definition.name}`,
                    `snippet: provider instance of ${definition.name}`,
                    providerSnippet(services, definition),
                    `Adds the provider **${definition.name}** with its connection bindings and required parameters.`
                )
            );
        case 'Policy':
            return [snippet('policy', 'snippet: policy with a rule', policySnippet(services), 'A policy on an associated entity with one rule.')];
        case 'Test':
            return [
                snippet(
                    'test',
                    'snippet: test with a sample order and an expectation',
                    'test "${1:Test}" {\n\tjourney ${2:"Journey"}\n\torder "${3:orders/sample.order.json}"\n\tevent "New Order"\n\texpect entered\n\t$0\n}',
                    'A test: a sample order run through the simulator, with expectations (docs/simulation.md).'
                )
            ];
        case 'Rule':
            return [
                snippet(
                    'rule',
                    'snippet: rule with a condition',
                    `rule "\${1:Rule}" {\n\t\${2:${firstFieldName(services, context)}} \${3|=,!=|} \${4:"value"}\n}`,
                    'A rule with one condition row.'
                )
            ];
        default:
            return [];
    }
}

function tiles(services: IomServices): Tile[] {
    return elementsOf(services, 'Tile', isTile);
}

function journeySnippet(services: IomServices): string {
    const orchestrationType = catalog.orchestrationTypes[0]?.name ?? 'Order orchestration';
    const tile = tiles(services).find(t => t.actionType?.ref && allowed(services, t.actionType.ref).length > 0) ?? tiles(services)[0];
    const step = tile ? stepSnippet(services, tile, 3).replace(/\n/g, '\n\t') : '$3';
    return `journey "\${1:Journey}" {\n\torchestration type "\${2:${orchestrationType}}"\n\n\t${step}\n}`;
}

function allowed(services: IomServices, actionType: ActionType | undefined): string[] {
    return [...services.shared.workspace.FactsProvider.allowedInputEvents(actionType)].map(event => event.name);
}

/** A step of a tile: the action type when the tile implies none, allowed input events, email template, provider. */
function stepSnippet(services: IomServices, tile: Tile, first: number): string {
    let n = first + 1;
    const lines: string[] = [];
    let actionType = tile.actionType?.ref;
    if (!actionType) {
        const actionTypes = elementsOf(services, 'ActionType', isActionType);
        actionType = actionTypes.find(a => allowed(services, a).length > 0) ?? actionTypes[0];
        const ordered = actionType ? [actionType, ...actionTypes.filter(a => a !== actionType)] : actionTypes;
        if (ordered.length)
            lines.push(
                `action type ${choice(
                    n++,
                    ordered.map(a => formatName(a.name))
                )}`
            );
    }
    const events = allowed(services, actionType);
    const eventNames = events.length ? events : elementsOf(services, 'BusinessEvent', isBusinessEvent).map(e => e.name);
    if (eventNames.length) lines.push(`input events ${choice(n++, eventNames.map(formatName))}`);
    const entry = findInCatalog(catalog.tiles, tile.name);
    if (entry?.email) {
        // The email templates in scope: the catalog's (Order Confirmation, …) and the workspace's custom ones.
        const templates = elementsOf(services, 'EmailTemplate', isEmailTemplate).map(t => formatName(t.name));
        lines.push(`email template ${choice(n++, templates.length ? templates : ['"Order Confirmation"'])}`);
    }
    if (entry?.requiresProvider) {
        const instance = elementsOf(services, 'ProviderInstance', isProviderInstance).find(
            p => p.definition?.ref && p.definition.ref.name === entry.requiresProvider
        );
        const action = instance?.definition?.ref?.logicDefinitions.find(l => l.logicType === 'provider action');
        if (instance && action) lines.push(`provider ${formatName(instance.name)} action ${formatName(action.name)}`);
    }
    lines.push(`$${n}`);
    return `step "\${${first}:${escapeSnippet(tile.name)}}" : ${formatName(tile.name)} {\n${lines.map(l => `\t${l}`).join('\n')}\n}`;
}

function providerSnippet(
    services: IomServices,
    definition: {
        name: string;
        connectionReferences: Array<{ name: string }>;
        parameters: Array<{ name: string; required: boolean; dataType?: string }>;
    }
): string {
    let n = 2;
    const connections = elementsOf(services, 'Connection', isConnection).map(c => formatName(c.name));
    const lines = definition.connectionReferences.map(
        ref => `bind ${formatName(ref.name)} to ${connections.length ? choice(n++, connections) : `\${${n++}:Connection}`}`
    );
    for (const parameter of definition.parameters.filter(p => p.required)) {
        const value =
            parameter.dataType === 'Boolean'
                ? choice(n++, ['true', 'false'])
                : parameter.dataType === 'Number'
                  ? `\${${n++}:0}`
                  : `"\${${n++}:value}"`;
        lines.push(`parameter ${formatName(parameter.name)} = ${value}`);
    }
    lines.push(`mapping group "${catalog.mappingGroups[0] ?? 'Default mapping group'}"`);
    lines.push('activated');
    return `provider \${1:${escapeSnippet(definition.name.replace(/\W+/g, '')) || 'Provider'}} from ${formatName(definition.name)} {\n${lines.map(l => `\t${l}`).join('\n')}\n}`;
}

function policySnippet(services: IomServices): string {
    const entities = elementsOf(services, 'Entity', isEntity).filter(e => findInCatalog(catalog.entities, e.name)?.associated !== false);
    const first = entities[0];
    const field = first?.fields.find(f => f.fieldType === 'text') ?? first?.fields[0];
    return (
        `policy "\${1:Policy}" {\n\ttype \${2|filter,execution|}\n\tcriticality \${3|information,critical|}\n\tentity ${first ? formatName(first.name) : '${4:Order}'}\n\n` +
        `\trule "\${5:Rule}" {\n\t\t\${6:${escapeSnippet(field ? formatName(field.name) : 'Name')}} \${7|=,!=|} "\${8:value}"\n\t}\n}`
    );
}

function firstFieldName(services: IomServices, context: CompletionContext): string {
    const entity = context.node ? entityInContext(context.node) : undefined;
    const fields = entity ? fieldsOf(services.shared, entity) : [];
    const field = fields.find(f => f.fieldType === 'text') ?? fields[0];
    return escapeSnippet(field ? formatName(field.name) : 'Field');
}
