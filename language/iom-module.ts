import { type DeepPartial, inject, type Module } from 'langium';
import {
    type DefaultSharedModuleContext,
    DefaultTextDocumentContentProvider,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumServices,
    createDefaultModule,
    createDefaultSharedModule
} from 'langium/lsp';
import { BUILTIN_SCHEME } from './catalog/catalog.js';
import { IomGeneratedModule, IomGeneratedSharedModule, IomLanguageMetaData } from './generated/module.js';
import { IomLexerErrorMessageProvider, IomParserErrorMessageProvider } from './parser/iom-parser-error-messages.js';
import { createDeferredCompletionParser, createDeferredLexer, createIomParser } from './parser/iom-parser.js';
import { IomValueConverter } from './parser/iom-value-converter.js';
import { IomScopeComputation } from './scoping/iom-scope-computation.js';
import { IomScopeProvider } from './scoping/iom-scope-provider.js';
import { IomDocumentValidator } from './validation/iom-document-validator.js';
import { registerValidationChecks } from './validation/iom-validator.js';
import { IomDocumentBuilder } from './validation/revalidation.js';
import { IomLangiumDocuments } from './workspace/iom-documents.js';
import { IomIndexManager } from './workspace/iom-index-manager.js';
import { IomWorkspaceManager } from './workspace/iom-workspace-manager.js';
import { ObservingFileSystemProvider } from './workspace/observed-files.js';
import { type SnapshotHost, StartSnapshot } from './workspace/start-snapshot.js';
import { IomConfigService } from './workspace/iom-config-service.js';
import { IomConfigWatcher } from './workspace/iom-config-watcher.js';
import { IomWorkspaceFactsProvider } from './validation/facts-provider.js';
import { IomEditorFacts } from './lsp/iom-editor-facts.js';
import { IomEntityExtensions } from './scoping/entity-members.js';
import { IomCompletionProvider } from './lsp/iom-completion-provider.js';
import { IomDocumentSymbolProvider } from './lsp/iom-document-symbol-provider.js';
import { IomFormatter } from './lsp/iom-formatter.js';
import { IomHoverProvider } from './lsp/iom-hover-provider.js';
import { IomInlayHintProvider } from './lsp/iom-inlay-hints.js';
import { IomNodeKindProvider } from './lsp/iom-node-kind-provider.js';
import { IomRenameProvider } from './lsp/iom-rename-provider.js';
import { IomSemanticTokenProvider } from './lsp/iom-semantic-tokens.js';
import { IomCodeLensProvider } from './lsp/iom-code-lens.js';
import { IomCommandHandler } from './lsp/iom-command-handler.js';
import { IomCodeActionProvider } from './lsp/iom-code-actions.js';
import { IomTextDocuments } from './lsp/iom-text-documents.js';
import { IomDocumentLinkProvider } from './lsp/iom-document-links.js';
import { IomLanguageServer } from './lsp/iom-language-server.js';
import { IomWorkspaceSymbolProvider } from './lsp/iom-workspace-symbols.js';
import { DiagnosticDocumentation } from './validation/diagnostic-builder.js';
import { IomLinker, IomReferenceDescriptionProvider, IomValidationRegistry } from './model/interrupt.js';
import { IomAstNodeDescriptionProvider } from './scoping/iom-node-descriptions.js';
import { type ArtifactWriter, NoArtifactWriter } from './compiler/output.js';
import { type Digests, PLAIN_DIGESTS } from './compiler/hash.js';

/**
 * Services the language adds to Langium's shared services: one instance of each per language server, CLI run,
 * benchmark or test, so two instances in one process never share state.
 */
export interface IomSharedAddedServices {
    workspace: {
        /** Langium's index, with a set of reference targets per document and a global scope per reference type kept up to date. */
        IndexManager: IomIndexManager;
        /** Langium's document store, with the list of all documents and the lookup by URI kept ready. */
        LangiumDocuments: IomLangiumDocuments;
        /** iomconfig.json of each workspace folder: loading, checking, rule levels and options. */
        ConfigService: IomConfigService;
        /** Drops the configuration and re-validates when an iomconfig.json changes (language server only). */
        ConfigWatcher: IomConfigWatcher;
        /** The workspace facts the checks read (validation/facts.ts). */
        FactsProvider: IomWorkspaceFactsProvider;
        /** The workspace facts the editor features read (which steps raise and consume an event). */
        EditorFacts: IomEditorFacts;
        /** The `extend entity` declarations of each entity. */
        EntityExtensions: IomEntityExtensions;
        /** Writes the compiled artifacts: the host's (host/node-host.ts on Node), else one that refuses. */
        ArtifactWriter: ArtifactWriter;
        /** How the compiler hashes (stable ids, artifact hashes): the host's (Node's crypto), else plain TypeScript. */
        Digests: Digests;
        /** The language server's start snapshot: every file's diagnostics at once when nothing changed since the last run. */
        StartSnapshot: StartSnapshot;
    };
    validation: {
        /** Where the documentation of each diagnostic code lives (`documentationBase`): the links of the diagnostics. */
        DiagnosticDocumentation: DiagnosticDocumentation;
    };
}

export type IomSharedServices = LangiumSharedServices & IomSharedAddedServices;

/** Services the language adds to Langium's. */
export interface IomAddedServices {
    shared: IomSharedServices;
}

export type IomServices = LangiumServices & IomAddedServices;

/** The language's own services, each a small customisation wired here. */
export const IomModule: Module<IomServices, PartialLangiumServices> = {
    // Production mode: Chevrotain skips its grammar validations when the parser and lexer are built (about a third
    // of their start-up, paid by every CLI run and server start; issue 12). The grammar is still validated in
    // development mode by test/language/grammar.test.ts.
    LanguageMetaData: () => ({ ...IomLanguageMetaData, mode: 'production' }),
    parser: {
        LangiumParser: services => createIomParser(services),
        CompletionParser: services => createDeferredCompletionParser(services),
        Lexer: services => createDeferredLexer(services),
        ValueConverter: () => new IomValueConverter(),
        ParserErrorMessageProvider: services => new IomParserErrorMessageProvider(services),
        LexerErrorMessageProvider: () => new IomLexerErrorMessageProvider()
    },
    references: {
        ScopeComputation: services => new IomScopeComputation(services),
        ScopeProvider: services => new IomScopeProvider(services),
        Linker: services => new IomLinker(services)
    },
    validation: {
        DocumentValidator: services => new IomDocumentValidator(services),
        ValidationRegistry: services => new IomValidationRegistry(services)
    },
    workspace: {
        ReferenceDescriptionProvider: services => new IomReferenceDescriptionProvider(services),
        AstNodeDescriptionProvider: services => new IomAstNodeDescriptionProvider(services)
    },
    lsp: {
        CompletionProvider: services => new IomCompletionProvider(services),
        HoverProvider: services => new IomHoverProvider(services),
        Formatter: services => new IomFormatter(services),
        RenameProvider: services => new IomRenameProvider(services),
        DocumentSymbolProvider: services => new IomDocumentSymbolProvider(services),
        SemanticTokenProvider: services => new IomSemanticTokenProvider(services),
        InlayHintProvider: () => new IomInlayHintProvider(),
        CodeLensProvider: () => new IomCodeLensProvider(),
        CodeActionProvider: services => new IomCodeActionProvider(services),
        DocumentLinkProvider: () => new IomDocumentLinkProvider()
    }
};

export const IomSharedModule: Module<IomSharedServices, DeepPartial<LangiumSharedServices> & IomSharedAddedServices> = {
    workspace: {
        ConfigService: services => new IomConfigService(services, services.validation.DiagnosticDocumentation),
        ConfigWatcher: services => new IomConfigWatcher(services),
        FactsProvider: services => new IomWorkspaceFactsProvider(services),
        EditorFacts: services => new IomEditorFacts(services),
        EntityExtensions: services => new IomEntityExtensions(services),
        ArtifactWriter: () => new NoArtifactWriter(),
        Digests: () => PLAIN_DIGESTS,
        StartSnapshot: services => new StartSnapshot(services),
        WorkspaceManager: services => new IomWorkspaceManager(services),
        DocumentBuilder: services => new IomDocumentBuilder(services),
        IndexManager: services => new IomIndexManager(services),
        LangiumDocuments: services => new IomLangiumDocuments(services),
        TextDocuments: services => new IomTextDocuments(services)
    },
    validation: {
        DiagnosticDocumentation: () => new DiagnosticDocumentation()
    },
    lsp: {
        TextDocumentContentProvider: services => new DefaultTextDocumentContentProvider(services, BUILTIN_SCHEME),
        NodeKindProvider: () => new IomNodeKindProvider(),
        ExecuteCommandHandler: services => new IomCommandHandler(services),
        LanguageServer: services => new IomLanguageServer(services),
        WorkspaceSymbolProvider: services => new IomWorkspaceSymbolProvider(services)
    }
};

/** What a language-service instance is created with: Langium's context, and where docs/diagnostics.md is. */
export interface IomModuleContext extends DefaultSharedModuleContext {
    /** docs/diagnostics.md (shipped or published): diagnostics link their code to `<documentationBase>#<code>`. */
    documentationBase?: string;
    /** The host's artifact writer (host/node-host.ts `IomNodeHost`); without one, compiling cannot write. */
    artifactWriter?: () => ArtifactWriter;
    /** The host's hashes (host/node-host.ts `IomNodeHost`: Node's crypto); without them, plain TypeScript. */
    digests?: () => Digests;
    /** Where the language server can keep its start snapshots (host/snapshot-storage.ts); without it, none is kept. */
    snapshotStorage?: SnapshotHost;
}

/**
 * Creates the shared and language services. `module` lets tests and benchmarks replace services.
 */
export function createIomServices(
    context: IomModuleContext,
    module?: Module<IomServices, PartialLangiumServices>,
    sharedModule?: Module<IomSharedServices, DeepPartial<IomSharedServices>>
): {
    shared: IomSharedServices;
    Iom: IomServices;
} {
    const documentation: Module<IomSharedServices, DeepPartial<IomSharedServices>> = {
        validation: { DiagnosticDocumentation: () => new DiagnosticDocumentation(context.documentationBase) }
    };
    const host: Module<IomSharedServices, DeepPartial<IomSharedServices>> = {
        workspace: {
            ...(context.artifactWriter ? { ArtifactWriter: context.artifactWriter } : {}),
            ...(context.digests ? { Digests: context.digests } : {}),
            ...(context.snapshotStorage
                ? { StartSnapshot: (services: IomSharedServices) => new StartSnapshot(services, context.snapshotStorage) }
                : {})
        }
    };
    // A language server that keeps start snapshots records what it finds in the files it reads (observed-files.ts).
    const fileSystemProvider = context.fileSystemProvider;
    const files: DefaultSharedModuleContext = context.snapshotStorage
        ? {
              ...context,
              fileSystemProvider: services => new ObservingFileSystemProvider(fileSystemProvider(services), () => shared.workspace.Digests)
          }
        : context;
    const shared = inject(createDefaultSharedModule(files), IomGeneratedSharedModule, IomSharedModule, documentation, host, sharedModule ?? {});
    const Iom = inject(createDefaultModule({ shared }), IomGeneratedModule, IomModule, module ?? {});
    shared.ServiceRegistry.register(Iom);
    registerValidationChecks(Iom);
    shared.workspace.ConfigWatcher.start();
    if (!context.connection) {
        // No language client: there is no configuration to wait for.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Iom };
}
