/**
 * The language server's handshake: the initialize result names the server and its version (`serverInfo`) and adds
 * the requests Langium has no service for (selection ranges, completion item resolve); the configuration change notification is registered
 * only with clients that announce dynamic registration for it; one log line says which server version started.
 */
import { eagerLoad, URI } from 'langium';
import { DefaultLanguageServer, type LangiumServices, type LangiumSharedServices } from 'langium/lsp';
import {
    DidChangeConfigurationNotification,
    type InitializedParams,
    type InitializeParams,
    type InitializeResult,
    type SelectionRange
} from 'vscode-languageserver';
import { version } from '../../package.json';
import type { IomSharedServices } from '../iom-module.js';
import { IomCompletionProvider } from './iom-completion-provider.js';
import { selectionRanges } from './iom-selection-ranges.js';

export const SERVER_NAME = 'iom-language-server';
export const SERVER_VERSION: string = version;

/** What a client may pass as `initializationOptions`. */
export interface InitializationOptions {
    /**
     * A folder where the server keeps its start snapshots (workspace/start-snapshot.ts); absent: the host's default
     * folder (the Node host: the user's cache folder, host/snapshot-storage.ts); false or null: no snapshots.
     */
    cacheFolder?: string | false | null;
}

export class IomLanguageServer extends DefaultLanguageServer {
    private dynamicConfigurationRegistration = false;

    constructor(protected readonly shared: LangiumSharedServices) {
        super(shared);
    }

    override async initialize(params: InitializeParams): Promise<InitializeResult> {
        const cacheFolder = (params.initializationOptions as InitializationOptions | undefined)?.cacheFolder;
        (this.shared as IomSharedServices).workspace.StartSnapshot.enable(
            cacheFolder === false || cacheFolder === null
                ? false
                : typeof cacheFolder === 'string' && cacheFolder.length > 0
                  ? cacheFolder
                  : undefined
        );
        this.dynamicConfigurationRegistration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
        this.shared.lsp.Connection?.onSelectionRanges((request, cancelToken) => {
            const document = this.shared.workspace.LangiumDocuments.getDocument(URI.parse(request.textDocument.uri));
            if (!document || cancelToken.isCancellationRequested) return [] as SelectionRange[];
            return selectionRanges(document, request.positions);
        });
        // Long completion lists leave each reference's documentation to completionItem/resolve (iom-completion-provider.ts).
        this.shared.lsp.Connection?.onCompletionResolve(item => {
            const provider = this.shared.ServiceRegistry.all
                .map(services => (services as LangiumServices).lsp.CompletionProvider)
                .find(candidate => candidate instanceof IomCompletionProvider);
            return provider instanceof IomCompletionProvider ? provider.resolveCompletionItem(item) : item;
        });
        return super.initialize(params);
    }

    /**
     * As Langium's (every service is created before the initialize event, so that each can listen to it), except the
     * parsers and the serializers, which listen to nothing: building the parser (Chevrotain's grammar analysis, about
     * 100 ms) waits for the first parse, so that a start with a matching snapshot publishes its diagnostics before it
     * (workspace/start-snapshot.ts); the hydrator (30 ms) is only for parsing in worker threads, which this server
     * does not do.
     */
    protected override eagerLoadServices(): void {
        eagerLoad(this.shared);
        for (const language of this.shared.ServiceRegistry.all) {
            for (const [group, services] of Object.entries(language)) {
                if (group !== 'parser' && group !== 'serializer') eagerLoad(services);
            }
        }
    }

    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        const result = super.buildInitializeResult(params);
        result.serverInfo = { name: SERVER_NAME, version: SERVER_VERSION };
        result.capabilities.selectionRangeProvider = true;
        if (result.capabilities.completionProvider) result.capabilities.completionProvider.resolveProvider = true;
        return result;
    }

    override initialized(params: InitializedParams): void {
        super.initialized(params);
        const runtime = globalThis.process?.versions?.node; // absent in a browser worker
        const snapshots = (this.shared as IomSharedServices).workspace.StartSnapshot.folder;
        this.shared.lsp.Connection?.console.info(
            `${SERVER_NAME} ${SERVER_VERSION} started${runtime ? ` (Node.js ${runtime})` : ''}${snapshots ? `; start snapshots in ${snapshots}` : ''}.`
        );
    }

    /** As Langium's, but registers for configuration changes only when the client can take the registration. */
    protected override fireInitializedOnDefaultServices(params: InitializedParams): void {
        const connection = this.shared.lsp.Connection;
        const configurationParams = connection
            ? {
                  ...params,
                  register: this.dynamicConfigurationRegistration
                      ? (options: { section: string[] }) => connection.client.register(DidChangeConfigurationNotification.type, options)
                      : undefined,
                  fetchConfiguration: (items: Array<{ section: string }>) => connection.workspace.getConfiguration(items)
              }
            : params;
        this.shared.workspace.ConfigurationProvider.initialized(configurationParams).catch(error =>
            console.error('Error in ConfigurationProvider initialization:', error)
        );
        this.shared.workspace.WorkspaceManager.initialized(params).catch(error => console.error('Error in WorkspaceManager initialization:', error));
    }
}
