// The fields `extend entity` adds, as edits add, change and remove extensions (IomEntityExtensions keeps each
// document's extensions per parse and rebuilds the map by entity after every update).
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isEntity } from '../../language/generated/ast.js';
import { createIomServices } from '../../language/iom-module.js';
import { fieldsOf } from '../../language/scoping/entity-members.js';
import { builtinDocuments } from '../../language/workspace/iom-workspace-manager.js';

const extension = (fields: string[]) => `extend entity Order {\n${fields.map(f => `    field "${f}" : text\n`).join('')}}\n`;

describe('entity extensions after edits', () => {
    test("an extension's fields appear, change and disappear with edits of its file, a new file and a deletion", async () => {
        const { shared } = createIomServices(EmptyFileSystem);
        const factory = shared.workspace.LangiumDocumentFactory;
        const builder = shared.workspace.DocumentBuilder;
        const uriOf = (name: string) => URI.parse(`file:///ws/${name}`);
        const documents = [
            ...builtinDocuments().map(({ uri, text }) => factory.fromString(text, uri)),
            factory.fromString(extension(['Loyalty tier']), uriOf('a.iom')),
            factory.fromString('event Unrelated\n', uriOf('b.iom'))
        ];
        for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
        await builder.build(documents, { validation: false });
        let version = 1;
        const edit = async (name: string, text: string) => {
            shared.workspace.TextDocuments!.set(TextDocument.create(uriOf(name).toString(), 'iom', ++version, text));
            await shared.workspace.WorkspaceLock.write(token => builder.update([uriOf(name)], [], token));
        };
        const order = () => {
            const node = shared.workspace.IndexManager.allElements('Entity').find(d => d.name === 'Order')?.node;
            if (!isEntity(node)) throw new Error('no built-in Order entity');
            return node;
        };
        const custom = () =>
            fieldsOf(shared, order())
                .slice(order().fields.length)
                .map(field => field.name);

        expect(custom()).toEqual(['Loyalty tier']);
        await edit('a.iom', extension(['Loyalty tier', 'Region code']));
        expect(custom()).toEqual(['Loyalty tier', 'Region code']);
        // An edit of a file without extensions keeps them.
        await edit('b.iom', 'event Unrelated\nevent Another\n');
        expect(custom()).toEqual(['Loyalty tier', 'Region code']);
        // An extension added to that file comes after the first file's (document order).
        await edit('b.iom', `event Unrelated\n${extension(['Gift wrap'])}`);
        expect(custom()).toEqual(['Loyalty tier', 'Region code', 'Gift wrap']);
        await edit('a.iom', 'event Nothing\n');
        expect(custom()).toEqual(['Gift wrap']);
        await shared.workspace.WorkspaceLock.write(token => builder.update([], [uriOf('b.iom')], token));
        expect(custom()).toEqual([]);
    });
});
