/**
 * Reads iomconfig.json from the root of each workspace folder (through Langium's FileSystemProvider, so the language
 * server, the CLI and tests with a virtual file system behave alike), checks it against the diagnostic catalog,
 * and answers per document: the level and options of each rule.
 *
 * The configuration is loaded lazily and cached per folder; `invalidate()` drops the cache (the validator calls it
 * when a watched iomconfig.json changes). Problems in the file itself are catalog diagnostics (IOM8xxx) on the
 * file, published to the client when there is one.
 */
import { type LangiumSharedCoreServices, URI, UriUtils } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Diagnostic } from 'vscode-languageserver-types';
import { type DiagnosticDefinition, Diagnostics, allDiagnostics, findDiagnostic, fixedRuleArguments, formatMessage, documentationLink } from '../validation/diagnostics.js';
import { CONFIG_FILE_NAME, type IomConfig, parseConfig, type RuleLevel } from './iom-config.js';

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

    constructor(private readonly shared: LangiumSharedCoreServices) {}

    /**
     * The folder whose iomconfig.json applies to a document: the workspace folder that holds it (the longest
     * match) when the workspace folders are known (language server); otherwise (CLI, tests) the nearest folder,
     * from the document's own upwards, that has an iomconfig.json.
     */
    async configFolderOf(uri: URI): Promise<URI | undefined> {
        const folders = this.shared.workspace.WorkspaceManager.workspaceFolders;
        if (folders?.length) {
            let best: URI | undefined;
            for (const folder of folders) {
                const folderUri = URI.parse(folder.uri);
                if (UriUtils.contains(folderUri, uri) && (!best || folderUri.path.length > best.path.length)) best = folderUri;
            }
            return best;
        }
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
        return interpretConfig(uri, text);
    }

    private publish(config: LoadedConfig): void {
        const connection = (this.shared as Partial<LangiumSharedServices>).lsp?.Connection;
        if (config.config || config.problems.length) {
            connection?.sendDiagnostics({ uri: config.uri.toString(), diagnostics: config.problems });
        }
    }
}

/** Parses and checks the text of an iomconfig.json. */
export function interpretConfig(uri: URI, text: string): LoadedConfig {
    const { config, problem } = parseConfig(text);
    const problems: Diagnostic[] = [];
    const rules = new Map<string, ResolvedRule>();
    if (problem) {
        problems.push(configDiagnostic(Diagnostics.invalidConfig, { detail: problem.message }, problem.line - 1, problem.column - 1, 1));
        return { uri, config, rules, problems };
    }
    const lines = text.split(/\r?\n/);
    const locate = (key: string): [number, number, number] => {
        const needle = JSON.stringify(key);
        for (let line = 0; line < lines.length; line++) {
            const column = lines[line].indexOf(needle);
            if (column >= 0) return [line, column, needle.length];
        }
        return [0, 0, 1];
    };
    const ruleEntries = config.rules;
    if (ruleEntries !== undefined && (typeof ruleEntries !== 'object' || ruleEntries === null || Array.isArray(ruleEntries))) {
        problems.push(configDiagnostic(Diagnostics.invalidConfig, { detail: "'rules' must be an object." }, ...locate('rules')));
        return { uri, config, rules, problems };
    }
    for (const [key, setting] of Object.entries(ruleEntries ?? {})) {
        const definition = findDiagnostic(key);
        if (!definition) {
            const suggestion = closest(key);
            problems.push(configDiagnostic(Diagnostics.unknownRule,
                { rule: key, suggestion: suggestion ? ` Did you mean '${suggestion}'?` : '' }, ...locate(key)));
            continue;
        }
        const resolved: ResolvedRule = {};
        if (typeof setting === 'string') {
            resolved.level = setting as RuleLevel;
        } else if (typeof setting === 'object' && setting !== null && !Array.isArray(setting)) {
            resolved.level = setting.level;
            resolved.options = setting.options;
            for (const option of Object.keys(setting.options ?? {})) {
                if (!definition.options?.[option]) {
                    const known = Object.keys(definition.options ?? {});
                    problems.push(configDiagnostic(Diagnostics.invalidRuleSetting, {
                        rule: key, detail: `unknown option '${option}' (${known.length ? `known: ${known.join(', ')}` : 'the rule has no options'}).`
                    }, ...locate(option)));
                }
            }
        } else {
            problems.push(configDiagnostic(Diagnostics.invalidRuleSetting, { rule: key, detail: 'expected a level or { "level": …, "options": … }.' }, ...locate(key)));
            continue;
        }
        if (resolved.level !== undefined && !LEVELS.includes(resolved.level)) {
            problems.push(configDiagnostic(Diagnostics.invalidRuleSetting,
                { rule: key, detail: `'${String(resolved.level)}' is not a level (off, info, warning, error).` }, ...locate(key)));
            resolved.level = undefined;
        }
        if (definition.fixed && resolved.level !== undefined && resolved.level !== 'error') {
            // Syntax and linking errors keep their level whatever the configuration says.
            problems.push(configDiagnostic(Diagnostics.unsuppressibleDiagnostic,
                fixedRuleArguments(definition, resolved.level === 'off' ? 'turned off' : `downgraded to ${resolved.level}`), ...locate(key)));
            resolved.level = undefined;
        }
        rules.set(definition.code, resolved);
    }
    return { uri, config, rules, problems };
}

function configDiagnostic(definition: DiagnosticDefinition, args: Record<string, unknown>, line: number, character: number, length: number): Diagnostic {
    const href = documentationLink(definition.code);
    return {
        range: { start: { line, character }, end: { line, character: character + length } },
        severity: ({ error: 1, warning: 2, info: 3, hint: 4 } as const)[definition.severity],
        code: definition.code,
        codeDescription: href ? { href } : undefined,
        source: 'iom',
        message: formatMessage(definition.message, args),
        data: { code: definition.code }
    };
}

function closest(key: string): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
    for (const definition of allDiagnostics) {
        for (const candidate of [definition.code, definition.name]) {
            const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) { best = candidate; bestDistance = distance; }
        }
    }
    return best;
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}

const services = new WeakMap<LangiumSharedCoreServices, IomConfigService>();

/** The configuration service of a set of shared services (one per language server or CLI run). */
export function configServiceFor(shared: LangiumSharedCoreServices): IomConfigService {
    let service = services.get(shared);
    if (!service) services.set(shared, service = new IomConfigService(shared));
    return service;
}
