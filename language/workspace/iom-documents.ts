/**
 * Langium's document store, with the list of all documents and the lookup by URI kept ready. Langium walks its URI
 * trie for each (`all` collects every leaf anew, `getDocument` splits the URI into segments), and an edit asks for
 * every document several times: with thousands of files, a few milliseconds of each keystroke. The trie still
 * answers by folder (`getDocuments`, `deleteDocuments`), and the list keeps its order (the order `all` gives).
 */
import { DefaultLangiumDocuments, type LangiumDocument, type Stream, stream, type URI } from 'langium';

export class IomLangiumDocuments extends DefaultLangiumDocuments {
    private readonly byUri = new Map<string, LangiumDocument>();
    /** Every document in the trie's order; undefined once a document is added or deleted, until asked for again. */
    private list: LangiumDocument[] | undefined;

    override get all(): Stream<LangiumDocument> {
        return stream(this.allDocuments());
    }

    /** Every document, as an array (the same array until a document is added or deleted: do not change it). */
    allDocuments(): readonly LangiumDocument[] {
        return (this.list ??= this.documentTrie.all());
    }

    override addDocument(document: LangiumDocument): void {
        super.addDocument(document);
        this.byUri.set(document.uri.toString(), document);
        this.list = undefined;
    }

    override getDocument(uri: URI): LangiumDocument | undefined {
        return this.byUri.get(uri.toString());
    }

    override hasDocument(uri: URI): boolean {
        return this.byUri.has(uri.toString());
    }

    override deleteDocument(uri: URI): LangiumDocument | undefined {
        const document = super.deleteDocument(uri);
        if (document) this.forget(document);
        return document;
    }

    override deleteDocuments(folder: URI): LangiumDocument[] {
        const documents = super.deleteDocuments(folder);
        for (const document of documents) this.forget(document);
        return documents;
    }

    private forget(document: LangiumDocument): void {
        this.byUri.delete(document.uri.toString());
        this.list = undefined;
    }
}
