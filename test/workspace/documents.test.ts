/**
 * The document store (language/workspace/iom-documents.ts) keeps the list of all documents and the lookup by URI
 * ready instead of walking Langium's URI trie each time: after any sequence of additions and deletions (one file, a
 * folder) it must answer what Langium's own store answers for the same sequence.
 */
import { DefaultLangiumDocuments, EmptyFileSystem, type LangiumDocuments, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createIomServices } from '../../language/iom-module.js';
import { IomLangiumDocuments } from '../../language/workspace/iom-documents.js';

describe('the document store', () => {
    test('lists and finds the same documents as Langium’s store after additions and deletions', () => {
        const { shared } = createIomServices(EmptyFileSystem);
        const ours = shared.workspace.LangiumDocuments;
        expect(ours).toBeInstanceOf(IomLangiumDocuments);
        const langium = new DefaultLangiumDocuments(shared);
        const uri = (path: string) => URI.parse(`file:///ws/${path}`);
        const files = ['b.iom', 'a/one.iom', 'a/two.iom', 'c.iom', 'a/deep/three.iom', 'd.iom'];
        const add = (path: string) => {
            for (const store of [ours, langium]) store.addDocument(shared.workspace.LangiumDocumentFactory.fromString('event E\n', uri(path)));
        };
        const paths = (store: LangiumDocuments) => store.all.map(document => document.uri.path).toArray();
        const expectSame = () => {
            expect(paths(ours)).toEqual(paths(langium));
            for (const path of [...files, 'missing.iom', 'a']) {
                expect(ours.hasDocument(uri(path)), path).toBe(langium.hasDocument(uri(path)));
                expect(ours.getDocument(uri(path))?.uri.path, path).toBe(langium.getDocument(uri(path))?.uri.path);
            }
        };

        for (const path of files.slice(0, 3)) add(path);
        expectSame();
        // Asked for in between: the list is kept, and replaced after each change.
        for (const path of files.slice(3)) {
            add(path);
            expectSame();
        }
        expect(() => ours.addDocument(shared.workspace.LangiumDocumentFactory.fromString('', uri('c.iom')))).toThrow(/already present/);

        expect(ours.deleteDocument(uri('c.iom'))?.uri.path).toBe(langium.deleteDocument(uri('c.iom'))?.uri.path);
        expectSame();
        expect(ours.deleteDocuments(uri('a')).map(document => document.uri.path)).toEqual(
            langium.deleteDocuments(uri('a')).map(document => document.uri.path)
        );
        expectSame();
        expect(paths(ours)).toEqual(['/ws/b.iom', '/ws/d.iom']);
        add('a/one.iom');
        expectSame();
    });
});
