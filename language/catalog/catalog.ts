/**
 * The built-in catalogs: IOM's connectors, platform connection references, business events, action types, tiles,
 * associated entities and provider catalog entries. They are data (the JSON files beside this module); this module
 * types them, indexes them by name, and renders them as `.iom` source so that the language server loads them as a
 * built-in library that resolves, completes and hovers like user declarations.
 */
import actionTypesFile from './action-types.json' with { type: 'json' };
import connectorsFile from './connectors.json' with { type: 'json' };
import entitiesFile from './entities.json' with { type: 'json' };
import emailTemplatesFile from './email-templates.json' with { type: 'json' };
import eventsFile from './events.json' with { type: 'json' };
import platformReferencesFile from './platform-references.json' with { type: 'json' };
import providersFile from './providers.json' with { type: 'json' };
import settingsFile from './settings.json' with { type: 'json' };
import tilesFile from './tiles.json' with { type: 'json' };
import { IomGrammar } from '../generated/grammar.js';
import { BUILTIN_SCHEME } from '../model/builtin.js';
import { keywordsOf } from '../model/grammar-keywords.js';
import { lazy } from '../model/lazy.js';

export interface CatalogItem {
    name: string;
    description?: string;
    aliases?: string[];
}

export interface CatalogSetting extends CatalogItem {
    type: 'text' | 'number' | 'boolean' | 'url';
    required?: boolean;
    /** A credential: a connection gives it as a secret reference. */
    secret?: boolean;
}

export interface CatalogConnector extends CatalogItem {
    /** The settings a connection of this connector takes (the ones the docs name). */
    settings?: CatalogSetting[];
}

export interface CatalogPlatformReference extends CatalogItem {
    connector: string;
    /** Only needed in some product versions; the others must be bound before the system is activated. */
    optional?: boolean;
}

export interface CatalogEvent extends CatalogItem {
    entity?: string;
    /** Raised by provider intake or the Orchestrate button: a journey may start from it. */
    intake?: boolean;
}

export interface CatalogActionType extends CatalogItem {
    inputEvents: string[];
    /** Events a step of this action type raises when it succeeds. */
    outputEvents?: string[];
    /** IOM fixes this action type for its tile and provider actions; the designer never shows it. */
    fixed?: boolean;
    /** A step of this action type may take any input event (no Action Type Input Business Event rows gate it). */
    anyInputEvent?: boolean;
}

export interface CatalogTile extends CatalogItem {
    actionType?: string;
    /** The catalog provider that must be activated for the tile to work. */
    requiresProvider?: string;
    /** The tile sends email and needs an email template. */
    email?: boolean;
    /** Fields an execution policy of the journey must set (Set Value) for a step of this tile. */
    requiresSetValues?: string[];
}

/** A catalog email template of the Dynamics 365 Communication provider (read-only). */
export interface CatalogEmailTemplate extends CatalogItem {
    entity?: string;
}

export interface CatalogField extends CatalogItem {
    type: 'text' | 'number' | 'boolean' | 'date' | 'choice' | 'lookup';
    column?: string;
    values?: string[];
}

export interface CatalogRelation extends CatalogItem {
    cardinality: 'many to one' | 'one to many';
    target: string;
}

export interface CatalogState extends CatalogItem {
    timelinePosition: number;
    reasons: string[];
}

export interface CatalogEntity extends CatalogItem {
    table: string;
    /** Out-of-box state definitions: read-only, they cannot be redefined. */
    states?: CatalogState[];
    /** False for entities that are reachable through relations but cannot be a policy's associated entity. */
    associated?: boolean;
    fields: CatalogField[];
    relations: CatalogRelation[];
}

export interface CatalogProvider extends CatalogItem {
    logicalName: string;
    serviceType?: string;
    connectionReferences?: Array<CatalogItem & { connector: string }>;
    /** `emailDomain`: the value is an email address in that domain (the Communication "from" address). */
    parameters?: Array<CatalogItem & { required?: boolean; type?: string; emailDomain?: string }>;
    /** `entity`: the entity whose record the action receives; `raises`: the business events the action raises. */
    logicDefinitions?: Array<CatalogItem & { type: string; actionType?: string; entity?: string; raises?: string[] }>;
    transformations?: Array<CatalogItem & { sourceType: string; sourceObject?: string; destinationObject?: string }>;
    events?: Array<CatalogItem & { entity?: string }>;
}

export interface Catalog {
    connectors: CatalogConnector[];
    platformReferences: CatalogPlatformReference[];
    events: CatalogEvent[];
    actionTypes: CatalogActionType[];
    tiles: CatalogTile[];
    entities: CatalogEntity[];
    providers: CatalogProvider[];
    orchestrationTypes: CatalogItem[];
    mappingGroups: string[];
    emailTemplates: CatalogEmailTemplate[];
    /** The placeholder names an email template may declare (P1-P5). */
    emailPlaceholders: string[];
    environmentSettings: CatalogSetting[];
}

export const catalog: Catalog = {
    connectors: connectorsFile.connectors as CatalogConnector[],
    platformReferences: platformReferencesFile.platformReferences,
    events: eventsFile.events,
    actionTypes: actionTypesFile.actionTypes,
    tiles: tilesFile.tiles,
    entities: entitiesFile.entities as CatalogEntity[],
    providers: providersFile.providers,
    orchestrationTypes: settingsFile.orchestrationTypes,
    mappingGroups: settingsFile.mappingGroups,
    emailTemplates: emailTemplatesFile.emailTemplates,
    emailPlaceholders: emailTemplatesFile.emailPlaceholders,
    environmentSettings: settingsFile.environmentSettings as CatalogSetting[]
};

/** The URI scheme of the built-in library's documents (model/builtin.ts). */
export { BUILTIN_SCHEME };

/** Finds a catalog item by its name or one of its aliases. */
export function findInCatalog<T extends CatalogItem>(items: readonly T[], name: string | undefined): T | undefined {
    if (name === undefined) return undefined;
    return items.find(item => item.name === name || item.aliases?.includes(name));
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering the catalog as .iom source

/** Writes a name as the language spells it: an identifier when it is one, a quoted string otherwise. */
export function formatName(name: string): string {
    return /^[_a-zA-Z]\w*$/.test(name) && !reservedWords().has(name) ? name : quote(name);
}

export function quote(text: string): string {
    return JSON.stringify(text);
}

/** The grammar's keywords: they cannot be written as bare names. */
const reservedWords = lazy(() => new Set(keywordsOf(IomGrammar())));

function doc(item: CatalogItem, indent = ''): string {
    if (!item.description) return '';
    const lines = item.description.split('\n');
    return `${indent}/**\n${lines.map(line => `${indent} * ${line.replace(/\*\//g, '* /')}`).join('\n')}\n${indent} */\n`;
}

function aliases(item: CatalogItem, indent: string): string {
    return item.aliases?.length ? `${indent}aliases ${item.aliases.map(quote).join(', ')}\n` : '';
}

function block(header: string, body: string, indent = ''): string {
    return body ? `${indent}${header} {\n${body}${indent}}\n` : `${indent}${header}\n`;
}

function renderSettings(settings: CatalogSetting[]): string {
    return settings
        .map(setting => {
            const flags = [`type ${setting.type}`, setting.required ? 'required' : '', setting.secret ? 'secret' : ''].filter(Boolean).join(' ');
            return doc(setting, '    ') + `    setting ${formatName(setting.name)} { ${flags} }\n`;
        })
        .join('');
}

function renderEvent(event: CatalogEvent, indent = ''): string {
    const body = (event.entity ? `${indent}    entity ${formatName(event.entity)}\n` : '') + aliases(event, indent + '    ');
    return doc(event, indent) + block(`event ${formatName(event.name)}`, body, indent);
}

function renderProvider(provider: CatalogProvider): string {
    const i = '    ';
    let body = `${i}logical name ${formatName(provider.logicalName)}\n`;
    if (provider.serviceType) body += `${i}service type ${quote(provider.serviceType)}\n`;
    body += `${i}active\n`;
    for (const ref of provider.connectionReferences ?? []) {
        body += doc(ref, i) + `${i}connection reference ${formatName(ref.name)} { connector ${formatName(ref.connector)} }\n`;
    }
    for (const parameter of provider.parameters ?? []) {
        const settings = [`type ${parameter.type ?? 'Text'}`, parameter.required ? 'required' : ''].filter(Boolean).join(' ');
        body += doc(parameter, i) + `${i}parameter ${formatName(parameter.name)} { ${settings} }\n`;
    }
    for (const transformation of provider.transformations ?? []) {
        let settings = `source type ${transformation.sourceType}`;
        if (transformation.sourceObject) settings += ` source object ${quote(transformation.sourceObject)}`;
        if (transformation.destinationObject) settings += ` destination object ${quote(transformation.destinationObject)}`;
        body += doc(transformation, i) + `${i}transformation ${formatName(transformation.name)} { ${settings} }\n`;
    }
    for (const logic of provider.logicDefinitions ?? []) {
        let settings = `type ${logic.type}`;
        if (logic.actionType) settings += ` action type ${formatName(logic.actionType)}`;
        if (logic.entity) settings += ` entity ${formatName(logic.entity)}`;
        if (logic.raises?.length) settings += ` raises ${logic.raises.map(formatName).join(', ')}`;
        body += doc(logic, i) + `${i}logic ${formatName(logic.name)} { ${settings} }\n`;
    }
    for (const event of provider.events ?? []) {
        body += renderEvent(event, i);
    }
    body += aliases(provider, i);
    return doc(provider) + block(`provider definition ${formatName(provider.name)}`, body);
}

/** The built-in library as .iom documents, one per catalog. */
export function renderCatalog(source: Catalog = catalog): Array<{ name: string; text: string }> {
    const header = '// The built-in IOM catalog, generated from language/catalog/*.json. Read-only.\n\n';
    const documents: Array<{ name: string; text: string }> = [];
    const add = (name: string, parts: string[]) => documents.push({ name, text: header + parts.join('\n') });

    add('connectors.iom', [
        ...source.connectors.map(c => doc(c) + block(`connector ${formatName(c.name)}`, aliases(c, '    ') + renderSettings(c.settings ?? []))),
        ...source.platformReferences.map(
            r =>
                doc(r) +
                block(`platform reference ${formatName(r.name)}`, `    connector ${formatName(r.connector)}\n${r.optional ? '    optional\n' : ''}`)
        )
    ]);
    add(
        'events.iom',
        source.events.map(e => renderEvent(e))
    );
    add(
        'action-types.iom',
        source.actionTypes.map(
            a =>
                doc(a) +
                block(
                    `action type ${formatName(a.name)}`,
                    (a.inputEvents.length ? `    input events ${a.inputEvents.map(formatName).join(', ')}\n` : '') + aliases(a, '    ')
                )
        )
    );
    add(
        'tiles.iom',
        source.tiles.map(
            t =>
                doc(t) +
                block(`tile ${formatName(t.name)}`, (t.actionType ? `    action type ${formatName(t.actionType)}\n` : '') + aliases(t, '    '))
        )
    );
    add(
        'entities.iom',
        source.entities.map(e => {
            let body = `    table ${formatName(e.table)}\n` + aliases(e, '    ');
            for (const field of e.fields) {
                const settings = [
                    field.column ? `column ${formatName(field.column)}` : '',
                    field.values?.length ? `values ${field.values.map(quote).join(', ')}` : ''
                ]
                    .filter(Boolean)
                    .join(' ');
                body += doc(field, '    ') + `    field ${formatName(field.name)} : ${field.type}${settings ? ` { ${settings} }` : ''}\n`;
            }
            for (const relation of e.relations) {
                body +=
                    doc(relation, '    ') + `    relation ${formatName(relation.name)} : ${relation.cardinality} ${formatName(relation.target)}\n`;
            }
            for (const state of e.states ?? []) {
                const reasons = state.reasons.map(reason => `reason ${formatName(reason)} `).join('');
                body +=
                    doc(state, '    ') + `    state ${formatName(state.name)} { readonly timeline position ${state.timelinePosition} ${reasons}}\n`;
            }
            return doc(e) + block(`entity ${formatName(e.name)}`, body);
        })
    );
    add('providers.iom', source.providers.map(renderProvider));
    add(
        'email-templates.iom',
        source.emailTemplates.map(
            t =>
                doc(t) +
                block(`email template ${formatName(t.name)}`, (t.entity ? `    entity ${formatName(t.entity)}\n` : '') + aliases(t, '    '), '')
        )
    );
    add('settings.iom', [
        ...source.mappingGroups.map(group => `mapping group ${formatName(group)}\n`),
        ...source.environmentSettings.map(setting => doc(setting) + `environment setting ${formatName(setting.name)} { type ${setting.type} }\n`)
    ]);
    return documents;
}
