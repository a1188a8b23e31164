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
import type { DiagnosticDefinition } from '../validation/diagnostics.js';
import type { DiagnosticDocumentation } from '../validation/diagnostic-builder.js';
import { workspaceFolderOf } from '../model/paths.js';
import { CONFIG_FILE_NAME } from './iom-config.js';
import { interpretConfig, type LoadedConfig, type ResolvedRule } from './iom-config-check.js';

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
