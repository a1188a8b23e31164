/**
 * The server's open documents: Langium's NormalizedTextDocuments, minus what the server cannot serve. A client with a
 * broad document selector may open an `iomconfig.json` (language `json`), a Markdown file, or send malformed
 * notifications (a text that is not a string, a change without contents); Langium would create a document for each and
 * fail later, in an unhandled promise rejection that ends the process. Those notifications are ignored (a notification
 * cannot be answered) and logged; the server keeps serving.
 *
 * Served: a `textDocument` with a string `uri` and a string `text`, whose language id is one the server registered
 * (`iom`), or whose file name has a registered extension (`.iom`) when the language id is unknown to it.
 */
import { type LangiumSharedServices, NormalizedTextDocuments } from 'langium/lsp';
import { TextDocument, UriUtils, URI } from 'langium';
import type { Connection, DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver';

export class IomTextDocuments extends NormalizedTextDocuments<TextDocument> {
    constructor(private readonly shared: LangiumSharedServices) {
        super(TextDocument);
    }

    /**
     * A URI object's text is normalized already, so it is looked up as it is: Langium's `get` parses every URI it is
     * given again, and its document builder asks for each document of the workspace on every update (which of them
     * are open), about 70 µs a document. A string is normalized as Langium does.
     */
    override get(uri: string | URI): TextDocument | undefined {
        const synced = (this as unknown as { _syncedDocuments?: unknown })._syncedDocuments;
        if (typeof uri !== 'string' && synced instanceof Map) return synced.get(uri.toString()) as TextDocument | undefined;
        return super.get(uri);
    }

    override listen(connection: Connection) {
        // Langium registers its handlers on the connection it is given: give it one whose document notifications are
        // filtered, delegating everything else to the real connection.
        const filtered = Object.create(connection) as Connection & { __textDocumentSync?: unknown };
        filtered.onDidOpenTextDocument = handler =>
            connection.onDidOpenTextDocument((params, ...rest) => {
                const reason = this.refusal(params);
                if (reason) {
                    connection.console.log(`Ignored textDocument/didOpen: ${reason}.`);
                    return;
                }
                return handler(params, ...rest);
            });
        filtered.onDidChangeTextDocument = handler =>
            connection.onDidChangeTextDocument((params, ...rest) => {
                if (!isWellFormedChange(params)) {
                    connection.console.log('Ignored a malformed textDocument/didChange.');
                    return;
                }
                return handler(params, ...rest);
            });
        const disposable = super.listen(filtered);
        (connection as Connection & { __textDocumentSync?: unknown }).__textDocumentSync = filtered.__textDocumentSync;
        return disposable;
    }

    /** Why the server does not serve an opened document, or undefined when it does. */
    protected refusal(params: DidOpenTextDocumentParams): string | undefined {
        const document = (params as Partial<DidOpenTextDocumentParams> | undefined)?.textDocument;
        if (!document || typeof document !== 'object') return 'no textDocument';
        if (typeof document.uri !== 'string' || document.uri.length === 0) return 'the uri is not a string';
        if (typeof document.text !== 'string') return `the text of ${document.uri} is not a string`;
        let uri: URI;
        try {
            uri = URI.parse(document.uri);
        } catch {
            return `${document.uri} is not a URI`;
        }
        const languages = this.shared.ServiceRegistry.all.map(services => services.LanguageMetaData);
        if (typeof document.languageId === 'string' && languages.some(language => language.languageId === document.languageId)) return undefined;
        const extension = UriUtils.extname(uri);
        if (languages.some(language => language.fileExtensions.includes(extension))) return undefined;
        return `${document.uri} (language ${String(document.languageId)}) is not an IOM document`;
    }
}

function isWellFormedChange(params: DidChangeTextDocumentParams): boolean {
    const changes = (params as Partial<DidChangeTextDocumentParams> | undefined)?.contentChanges;
    return (
        typeof params?.textDocument?.uri === 'string' &&
        Array.isArray(changes) &&
        changes.every(
            change =>
                typeof change === 'object' && change !== null && typeof change.text === 'string' && (!('range' in change) || isRange(change.range))
        )
    );
}

function isRange(range: unknown): boolean {
    const position = (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        Number.isInteger((value as { line: unknown }).line) &&
        Number.isInteger((value as { character: unknown }).character);
    return typeof range === 'object' && range !== null && position((range as { start: unknown }).start) && position((range as { end: unknown }).end);
}
