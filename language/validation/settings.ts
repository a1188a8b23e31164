import { AstUtils, type AstNode, type LangiumDocument, type URI, UriUtils } from 'langium';
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
import { catalog } from '../catalog/catalog.js';
import { extname, joinFile, workspaceFolderOf as folderHolding } from '../model/paths.js';
import type {
    Connection,
    ConnectionSetting,
    Journey,
    Literal,
    Platform,
    PlatformSetting,
    Policy,
    ProviderDefinition,
    TransformationDefinition
} from '../generated/ast.js';
import type { Check, CheckContext } from './check-context.js';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';

const ENTRA_CONNECTOR = 'HTTP with Microsoft Entra ID (preauthorized)';
const BASE_RESOURCE_URL = 'Base Resource URL';
const RESOURCE_URI = 'Microsoft Entra ID Resource URI (Application ID URI)';
/** The two environment settings pause and resume (preview) needs (domain reference 3.6), from the catalog. */
export const PAUSE_RESUME_SETTINGS = catalog.environmentSettings.map(setting => setting.name);

const LOGO_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.bmp', '.ico', '.svg']);

/** What a setting value must be, in words, and whether a literal fits. */
function fits(type: string | undefined, value: Literal): { ok: boolean; expected: string; actual: string } {
    const actual =
        value.$type === 'StringLiteral'
            ? `the text "${value.value}"`
            : value.$type === 'NumberLiteral'
              ? `the number ${value.value}`
              : `${value.value}`;
    switch (type) {
        case 'boolean':
            return { ok: value.$type === 'BooleanLiteral', expected: 'true or false', actual };
        case 'number':
            return { ok: value.$type === 'NumberLiteral', expected: 'a number', actual };
        case 'url':
            return { ok: value.$type === 'StringLiteral' && /^https?:\/\/[^\s/]+/i.test(value.value), expected: 'an http(s) URL', actual };
        default:
            return { ok: value.$type === 'StringLiteral', expected: 'text', actual };
    }
}

function repeated<T extends { setting?: { $refText: string } }>(settings: readonly T[]): T[] {
    const seen = new Set<string>();
    return settings.filter(setting => {
        const name = setting.setting?.$refText.replace(/^"(.*)"$/, '$1');
        if (!name) return false;
        if (seen.has(name)) return true;
        seen.add(name);
        return false;
    });
}

/** Every setting's value fits its type, and each setting is given once (connection and environment settings alike). */
function checkSettings(settings: ReadonlyArray<ConnectionSetting | PlatformSetting>, accept: Parameters<typeof checkValue>[1]): void {
    for (const setting of settings) checkValue(setting, accept);
    for (const setting of repeated(settings)) {
        report(
            accept,
            Diagnostics.settingGivenTwice,
            { node: setting, property: 'setting' },
            { setting: setting.setting?.ref?.name ?? setting.setting?.$refText }
        );
    }
}

/**
 * Connection settings (domain reference 2.1, 5.3): the connector's required settings are given, credentials only as
 * secret references, values fit their type, a setting is given once; on an HTTP with Microsoft Entra ID connection the
 * Base Resource URL and the Resource URI are the same URL.
 */
export const connectionSettingsMustFit: Check<Connection> = context => (node, accept) => {
    if (context.isBuiltin(node) || !node.name) return;
    const connector = node.connector?.ref;
    checkSettings(node.settings, accept);
    if (!connector) return;
    const given = new Set(node.settings.map(setting => setting.setting?.ref).filter(Boolean));
    for (const setting of connector.settings) {
        if (setting.required && !given.has(setting)) {
            report(
                accept,
                Diagnostics.missingConnectionSetting,
                { node, property: 'name' },
                { name: node.name, setting: setting.name, connector: connector.name }
            );
        }
    }
    if (connector.name === ENTRA_CONNECTOR) {
        const text = (name: string) => {
            const value = node.settings.find(setting => setting.setting?.ref?.name === name)?.value;
            return value?.$type === 'StringLiteral' ? value.value : undefined;
        };
        const base = text(BASE_RESOURCE_URL);
        const uri = text(RESOURCE_URI);
        const normal = (url: string) => url.trim().replace(/\/+$/, '').toLowerCase();
        const isUrl = (url: string | undefined): url is string => url !== undefined && /^https?:\/\/[^\s/]+/i.test(url);
        if (isUrl(base) && isUrl(uri) && normal(base) !== normal(uri)) {
            const at = node.settings.find(setting => setting.setting?.ref?.name === RESOURCE_URI)!;
            report(
                accept,
                Diagnostics.entraResourceMismatch,
                { node: at, property: 'value' },
                { uri: RESOURCE_URI, base: BASE_RESOURCE_URL, value: base }
            );
        }
    }
};

function checkValue(setting: ConnectionSetting | PlatformSetting, accept: Parameters<ReturnType<Check<Connection>>>[1]): void {
    const definition = setting.setting?.ref;
    if (!definition) return;
    if (setting.$type === 'ConnectionSetting' && definition.$type === 'ConnectorSetting' && definition.secret && setting.value) {
        report(accept, Diagnostics.secretSettingAsText, { node: setting, property: 'value' }, { setting: definition.name });
        return;
    }
    if (!setting.value) return;
    const result = fits(definition.valueType, setting.value);
    if (!result.ok)
        report(
            accept,
            Diagnostics.settingValueType,
            { node: setting, property: 'value' },
            { setting: definition.name, expected: result.expected, actual: result.actual }
        );
}

/** Environment settings of the platform block: values fit, each given once, and pause and resume's two go together. */
export const environmentSettingsMustFit: Check<Platform> = context => (node, accept) => {
    if (context.isBuiltin(node)) return;
    checkSettings(node.settings, accept);
    const on = (name: string) =>
        node.settings.find(setting => setting.setting?.ref?.name === name && setting.value?.$type === 'BooleanLiteral' && setting.value.value);
    const [first, second] = PAUSE_RESUME_SETTINGS;
    if (!first || !second) return;
    for (const [set, missing] of [
        [first, second],
        [second, first]
    ] as const) {
        const at = on(set);
        if (at && !on(missing)) report(accept, Diagnostics.pauseResumeSettingsIncomplete, { node: at, property: 'value' }, { set, missing });
    }
};

/** A paused journey (pause and resume, preview) is published, and the platform block turns on both settings. */
export const pausedJourneysNeedTheirSettings: Check<Journey> = context => (node, accept) => {
    if (context.isBuiltin(node) || !node.paused || !node.name) return;
    const paused = pausedKeyword(node);
    if (!node.published) report(accept, Diagnostics.pausedJourneyNotPublished, paused, { name: node.name });
    const settings = context.facts.platforms.flatMap(platform => platform.settings);
    const missing = PAUSE_RESUME_SETTINGS.filter(
        name => !settings.some(setting => setting.setting?.ref?.name === name && setting.value?.$type === 'BooleanLiteral' && setting.value.value)
    );
    if (missing.length) {
        report(accept, Diagnostics.pausedJourneyNeedsSettings, paused, { name: node.name, missing: missing.map(name => `'${name}'`).join(' and ') });
    }
};

function pausedKeyword(node: Journey): { node: Journey; property: 'paused' } {
    return { node, property: 'paused' };
}

/** The folder files of the workspace are relative to: the workspace folder holding the document, else its own folder. */
export function workspaceFolderOf(context: CheckContext, document: LangiumDocument): URI {
    return folderHolding(context.services.shared.workspace.WorkspaceManager.workspaceFolders, document.uri) ?? UriUtils.dirname(document.uri);
}

/** The file a setting names, relative to the workspace folder; undefined when it is not a readable file. */
function workspaceFile(context: CheckContext, node: AstNode, file: string): URI | undefined {
    const folder = workspaceFolderOf(context, AstUtils.getDocument(node));
    const uri = joinFile(folder, file);
    try {
        return context.services.shared.workspace.FileSystemProvider.statSync(uri).isFile ? uri : undefined;
    } catch {
        return undefined;
    }
}

/** A provider definition's logo is an image file of the workspace. */
export const logoFilesMustExist: Check<ProviderDefinition> = context => (node, accept) => {
    if (context.isBuiltin(node) || node.logo === undefined) return;
    if (!workspaceFile(context, node, node.logo)) {
        report(accept, Diagnostics.logoFileNotFound, { node, property: 'logo' }, { file: node.logo });
    } else if (!LOGO_EXTENSIONS.has(extname(node.logo).toLowerCase())) {
        report(accept, Diagnostics.logoNotAnImage, { node, property: 'logo' }, { file: node.logo });
    }
};

/** A transformation's sample data is a JSON file of the workspace. */
export const sampleDataFilesMustBeJson: Check<TransformationDefinition> = context => (node, accept) => {
    if (context.isBuiltin(node) || node.sampleData === undefined) return;
    const uri = workspaceFile(context, node, node.sampleData);
    if (!uri) {
        report(accept, Diagnostics.sampleDataFileNotFound, { node, property: 'sampleData' }, { file: node.sampleData });
        return;
    }
    let text: string;
    try {
        text = context.services.shared.workspace.FileSystemProvider.readFileSync(uri).replace(/^\uFEFF/, '');
    } catch {
        report(accept, Diagnostics.sampleDataFileNotFound, { node, property: 'sampleData' }, { file: node.sampleData });
        return;
    }
    const problem = jsonProblem(text);
    if (problem) report(accept, Diagnostics.sampleDataInvalidJson, { node, property: 'sampleData' }, { file: node.sampleData, detail: problem });
};

/** Where and why a text is not JSON (line and column), or undefined when it is. */
export function jsonProblem(text: string): string | undefined {
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const error = errors[0];
    if (!error) return undefined;
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    const column = error.offset - before.lastIndexOf('\n');
    return `${printParseErrorCode(error.error)} at line ${line}, column ${column}.`;
}

/** A policy's version number is a whole number from 1 (PolicyVersionNumber, domain reference 4.5). */
export const policyVersionsMustBeNumbers: Check<Policy> = context => (node, accept) => {
    if (context.isBuiltin(node) || node.version === undefined) return;
    if (!Number.isInteger(node.version) || node.version < 1) {
        report(accept, Diagnostics.invalidPolicyVersion, { node, property: 'version' }, { version: node.version });
    }
};
