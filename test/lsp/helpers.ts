import { type LangiumDocument, URI } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach } from 'vitest';
import { isBuiltinDocument } from '../../language/model/builtin.js';
import { createTestServices, repositoryRoot } from '../helpers/language-services.js';

export { repositoryRoot };

/**
 * The shared test services (built-in catalog loaded), made safe for langium/test's expect* helpers: they add
 * documents to the shared workspace, so after each test every document but the built-in library is removed.
 */
export async function createLspTestServices() {
    const services = await createTestServices();
    const { shared } = services;
    const clearWorkspace = async () => {
        const mine = shared.workspace.LangiumDocuments.all.filter(document => !isBuiltinDocument(document)).toArray();
        await clearDocuments(shared, mine);
    };
    afterEach(clearWorkspace);
    return {
        ...services,
        /** Removes every document but the built-in library. */
        clearWorkspace,
        /** Adds documents to the workspace under file:///ws/<name> and builds them together. */
        async addDocuments(files: Record<string, string>): Promise<LangiumDocument[]> {
            const documents = Object.entries(files).map(([name, text]) => {
                const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///ws/${name}`));
                shared.workspace.LangiumDocuments.addDocument(document);
                return document;
            });
            await shared.workspace.DocumentBuilder.build(documents, { validation: false });
            return documents;
        }
    };
}

/** Splits a text with one `<|>` marker into the text without it and the marker's offset. */
export function withCursor(text: string): { text: string; offset: number } {
    const offset = text.indexOf('<|>');
    if (offset < 0) throw new Error('no <|> marker');
    return { text: text.slice(0, offset) + text.slice(offset + 3), offset };
}

/** A function giving the hover text (its markdown) at the `<|>` marker of a text, parsed as a new document. */
export function hoverTextOf(services: Awaited<ReturnType<typeof createLspTestServices>>) {
    const parse = parseHelper(services.Iom);
    return async (textWithCursor: string): Promise<string | undefined> => {
        const { text, offset } = withCursor(textWithCursor);
        const document = await parse(text);
        const result = await services.Iom.lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() },
            position: document.textDocument.positionAt(offset)
        });
        return (result?.contents as { value: string } | undefined)?.value;
    };
}
