/**
 * Reads iomconfig.json from the root of each workspace folder (through Langium's FileSystemProvider, so the language
 * server, the CLI and tests with a virtual file system behave alike), checks it against the diagnostic catalog
 * (iom-config-check.ts), and answers per document: the level and options of each rule.
 *
 * The configuration is loaded lazily and cached per folder; `invalidate()` drops the cache (the validator calls it
 * when a watched iomconfig.json changes). Problems in the file itself are catalog diagnostics (IOM8xxx) on the
 * file, published to the client when there is one.
 */
import { type LangiumSharedCoreServices, type URI, UriUtils } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Diagnostic } from 'vscode-languageserver-types';
import { type DiagnosticDefinition, Diagnostics } from '../validation/diagnostics.js';
import {
    type DiagnosticDocumentation,
    type MessageArguments,
    allDiagnostics,
    catalogDiagnostic,
    findDiagnostic,
    fixedRuleArguments
} from '../validation/diagnostic-builder.js';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { findNodeAtLocation } from 'jsonc-parser/lib/esm/main.js';
import { buildConfigSchema, hasOptionType } from '../validation/config-schema.js';
import { closest, didYouMean } from '../model/names.js';
import { lazy } from '../model/lazy.js';
import { relativePath, toUriPath, workspaceFolderOf } from '../model/paths.js';
import { CONFIG_FILE_NAME, type IomConfig, parseConfig, positionOf, type RuleLevel } from './iom-config.js';

export interface ResolvedRule {
    level?: RuleLevel;
    options?: Record<string, unknown>;
}

export interface LoadedConfig {
    uri: URI;
    /** Absent when the folder has no iomconfig.json. */
    config?: IomConfig;
    /** Rule settings by catalog code. */
    rules: Map<string, ResolvedRule>;
    problems: Diagnostic[];
}

const LEVELS: readonly string[] = ['off', 'info', 'warning', 'error'];

export class IomConfigService {
    private readonly loaded = new Map<string, Promise<LoadedConfig | undefined>>();
    private readonly settled = new Map<string, LoadedConfig | undefined>();
    private readonly files = new Map<string, Promise<LoadedConfig>>();

    constructor(
        private readonly shared: LangiumSharedCoreServices,
        /** Links the problems to their documentation (the instance's documentation base). */
        private readonly documentation?: DiagnosticDocumentation
    ) {}

    /**
     * The folder whose iomconfig.json applies to a document: the workspace folder that holds it (the longest
     * match) when the workspace folders are known (language server); otherwise (CLI, tests) the nearest folder,
     * from the document's own upwards, that has an iomconfig.json.
     */
    async configFolderOf(uri: URI): Promise<URI | undefined> {
        const folders = this.shared.workspace.WorkspaceManager.workspaceFolders;
        if (folders?.length) return workspaceFolderOf(folders, uri);
        for (let folder = UriUtils.dirname(uri); ; folder = UriUtils.dirname(folder)) {
            if (await this.exists(UriUtils.joinPath(folder, CONFIG_FILE_NAME))) return folder;
            if (UriUtils.dirname(folder).path === folder.path) return undefined;
        }
    }

    private async exists(uri: URI): Promise<boolean> {
        try {
            return (await this.shared.workspace.FileSystemProvider.stat(uri)).isFile;
        } catch {
            return false;
        }
    }

    /** Loads (once per document folder) the configuration that applies to a document. */
    async load(uri: URI): Promise<LoadedConfig | undefined> {
        const key = UriUtils.dirname(uri).toString();
        let pending = this.loaded.get(key);
        if (!pending) {
            pending = this.configFolderOf(uri).then(async folder => {
                const config = folder ? await this.readOnce(folder) : undefined;
                this.settled.set(key, config);
                return config;
            });
            this.loaded.set(key, pending);
        }
        return pending;
    }

    private readOnce(folder: URI): Promise<LoadedConfig> {
        const key = folder.toString();
        let pending = this.files.get(key);
        if (!pending) {
            pending = this.read(UriUtils.joinPath(folder, CONFIG_FILE_NAME)).then(config => {
                this.publish(config);
                return config;
            });
            this.files.set(key, pending);
        }
        return pending;
    }

    /** The loaded configuration of a document (call `load` first). */
    current(uri: URI): LoadedConfig | undefined {
        return this.settled.get(UriUtils.dirname(uri).toString());
    }

    /** Every configuration file read so far, with its problems. */
    async loadedConfigs(): Promise<LoadedConfig[]> {
        return Promise.all(this.files.values());
    }

    ruleFor(uri: URI, code: string): ResolvedRule | undefined {
        return this.current(uri)?.rules.get(code);
    }

    optionsFor(uri: URI, definition: DiagnosticDefinition): Record<string, unknown> | undefined {
        return this.ruleFor(uri, definition.code)?.options;
    }

    /** Forgets every loaded configuration; the next validation reads the files again. */
    invalidate(): void {
        this.loaded.clear();
        this.settled.clear();
        this.files.clear();
    }

    isConfigFile(uri: URI): boolean {
        return UriUtils.basename(uri) === CONFIG_FILE_NAME;
    }

    private async read(uri: URI): Promise<LoadedConfig> {
        let text: string;
        try {
            text = await this.shared.workspace.FileSystemProvider.readFile(uri);
        } catch {
            return { uri, rules: new Map(), problems: [] };
        }
        const config = interpretConfig(uri, text);
        const documentation = this.documentation;
        return documentation ? { ...config, problems: config.problems.map(problem => documentation.linked(problem)) } : config;
    }

    private publish(config: LoadedConfig): void {
        const connection = (this.shared as Partial<LangiumSharedServices>).lsp?.Connection;
        if (config.config || config.problems.length) {
            connection?.sendDiagnostics({ uri: config.uri.toString(), diagnostics: config.problems });
        }
    }
}

/** Parses and checks the text of an iomconfig.json: against its JSON Schema (generated from the catalog), each problem at its place. */
export function interpretConfig(uri: URI, text: string): LoadedConfig {
    const { config, problem, tree, text: body } = parseConfig(text);
    const problems: Diagnostic[] = [];
    const rules = new Map<string, ResolvedRule>();
    if (problem) {
        problems.push(
            configDiagnostic(Diagnostics.invalidConfig, { detail: problem.message }, problem.line - 1, problem.column - 1, problem.length ?? 1)
        );
        return { uri, config, rules, problems };
    }
    /** The position of a property's key (`key: true`) or of its value, by JSON path; the file start when absent. */
    const locate = (...segments: Array<string | { key: string }>): [number, number, number] => {
        const last = segments[segments.length - 1];
        const keyOnly = typeof last === 'object';
        const jsonPath = segments.map(segment => (typeof segment === 'object' ? segment.key : segment));
        const node = tree ? findNodeAtLocation(tree, jsonPath) : undefined;
        const target = node && keyOnly && node.parent?.type === 'property' ? node.parent.children?.[0] : node;
        if (!target) return [0, 0, 1];
        const { line, column } = positionOf(body, target.offset);
        return [line - 1, column - 1, Math.max(1, target.type === 'object' || target.type === 'array' ? 1 : target.length)];
    };
    problems.push(...schemaProblems(config, locate));
    const ruleEntries = config.rules;
    if (ruleEntries !== undefined && (typeof ruleEntries !== 'object' || ruleEntries === null || Array.isArray(ruleEntries))) {
        problems.push(configDiagnostic(Diagnostics.invalidConfig, { detail: "'rules' must be an object." }, ...locate('rules')));
        return { uri, config, rules, problems };
    }
    for (const [key, setting] of Object.entries(ruleEntries ?? {})) {
        const definition = findDiagnostic(key);
        if (!definition) {
            const suggestion = closest(
                key,
                allDiagnostics.flatMap(definition => [definition.code, definition.name])
            );
            problems.push(configDiagnostic(Diagnostics.unknownRule, { rule: key, suggestion: didYouMean(suggestion) }, ...locate('rules', { key })));
            continue;
        }
        const resolved: ResolvedRule = {};
        if (typeof setting === 'string') {
            resolved.level = setting as RuleLevel;
        } else if (typeof setting === 'object' && setting !== null && !Array.isArray(setting)) {
            resolved.level = setting.level;
            resolved.options =
                typeof setting.options === 'object' && setting.options !== null && !Array.isArray(setting.options)
                    ? { ...setting.options }
                    : undefined;
            for (const option of Object.keys(setting.options ?? {})) {
                if (!definition.options?.[option]) {
                    const known = Object.keys(definition.options ?? {});
                    problems.push(
                        configDiagnostic(
                            Diagnostics.invalidRuleSetting,
                            {
                                rule: key,
                                detail: `unknown option '${option}' (${known.length ? `known: ${known.join(', ')}` : 'the rule has no options'}).`
                            },
                            ...locate('rules', key, 'options', { key: option })
                        )
                    );
                } else if (!hasOptionType(setting.options?.[option], definition.options[option].type)) {
                    // A wrong type never reaches the checks: they use the option's default instead.
                    problems.push(
                        configDiagnostic(
                            Diagnostics.invalidRuleSetting,
                            {
                                rule: key,
                                detail: `option '${option}' must be ${optionTypeText(definition.options[option].type)}; its default is used instead.`
                            },
                            ...locate('rules', key, 'options', option)
                        )
                    );
                    delete (resolved.options as Record<string, unknown>)[option];
                }
            }
        } else {
            problems.push(
                configDiagnostic(
                    Diagnostics.invalidRuleSetting,
                    { rule: key, detail: 'expected a level or { "level": …, "options": … }.' },
                    ...locate('rules', key)
                )
            );
            continue;
        }
        if (resolved.level !== undefined && !LEVELS.includes(resolved.level)) {
            problems.push(
                configDiagnostic(
                    Diagnostics.invalidRuleSetting,
                    { rule: key, detail: `'${String(resolved.level)}' is not a level (off, info, warning, error).` },
                    ...locate('rules', key)
                )
            );
            resolved.level = undefined;
        }
        if (definition.fixed && resolved.level !== undefined && resolved.level !== 'error') {
            // Syntax and linking errors keep their level whatever the configuration says.
            problems.push(
                configDiagnostic(
                    Diagnostics.unsuppressibleDiagnostic,
                    fixedRuleArguments(definition, resolved.level === 'off' ? 'turned off' : `downgraded to ${resolved.level}`),
                    ...locate('rules', { key })
                )
            );
            resolved.level = undefined;
        }
        rules.set(definition.code, resolved);
    }
    return { uri, config, rules, problems };
}

/**
 * The one decision about iomconfig.json problems, shared by `iom build` and the editor's Compile Workspace: every
 * problem of error severity (invalid JSON, unknown keys, values of the wrong type, invalid rule settings) blocks the
 * build, like an error in a .iom file. Returned as blocking errors (file relative to the workspace root, 1-based).
 */
export function configBlockingErrors(
    config: LoadedConfig | undefined,
    root: string
): Array<{ file: string; line: number; column: number; code?: string; message: string }> {
    if (!config) return [];
    const file = relativePath(toUriPath(root), config.uri.path);
    return config.problems
        .filter(problem => (problem.severity ?? 1) === 1)
        .map(problem => ({
            file,
            line: problem.range.start.line + 1,
            column: problem.range.start.character + 1,
            ...(problem.code !== undefined ? { code: String(problem.code) } : {}),
            message: typeof problem.message === 'string' ? problem.message : problem.message.value
        }));
}

function optionTypeText(type: 'string' | 'array' | 'number' | 'boolean'): string {
    return type === 'array' ? 'an array of strings' : `a ${type}`;
}

const schemaValidator = lazy((): ValidateFunction => new Ajv2020({ allErrors: true, strict: false }).compile(buildConfigSchema()));

/**
 * The problems ajv finds against the generated schema outside the rules (whose problems the rule checks report
 * with more precise messages): unknown keys (IOM8004) and values of the wrong type or form (IOM8005).
 */
function schemaProblems(config: unknown, locate: (...segments: Array<string | { key: string }>) => [number, number, number]): Diagnostic[] {
    const validate = schemaValidator();
    if (validate(config)) return [];
    const problems: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
        const segments = error.instancePath
            .split('/')
            .slice(1)
            .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
        const [section] = segments;
        if (section === 'rules') continue;
        const unknown =
            error.keyword === 'additionalProperties' ? String((error.params as { additionalProperty: string }).additionalProperty) : undefined;
        const where = [...segments, ...(unknown !== undefined ? [unknown] : [])].join('.');
        if (seen.has(where)) continue;
        seen.add(where);
        if (unknown !== undefined) {
            const known = Object.keys(
                (
                    (section === undefined
                        ? buildConfigSchema()
                        : (buildConfigSchema().properties as Record<string, { properties?: object }>)[section]) as { properties?: object }
                ).properties ?? {}
            );
            const suggestion = closest(unknown, known, { maxDistance: () => 2 });
            problems.push(
                configDiagnostic(
                    Diagnostics.unknownConfigKey,
                    {
                        key: where,
                        known: known.join(', '),
                        suggestion: didYouMean(suggestion)
                    },
                    ...locate(...segments, { key: unknown })
                )
            );
        } else {
            problems.push(
                configDiagnostic(Diagnostics.invalidConfigValue, { key: where, detail: schemaErrorText(error, segments) }, ...locate(...segments))
            );
        }
    }
    return problems;
}

function schemaErrorText(error: ErrorObject, segments: string[]): string {
    if (error.keyword === 'type') {
        const expected = String((error.params as { type: string }).type);
        if (segments.length === 1 && segments[0] === 'build') return 'must be an object, e.g. { "out": "out" }';
        return `must be ${expected === 'object' ? 'an object' : `a ${expected}`}`;
    }
    return error.message ?? 'is not valid';
}

function configDiagnostic<D extends DiagnosticDefinition>(
    definition: D,
    args: MessageArguments<D>,
    line: number,
    character: number,
    length: number
): Diagnostic {
    return catalogDiagnostic<DiagnosticDefinition>(definition, { start: { line, character }, end: { line, character: character + length } }, args);
}
