import * as fs from 'node:fs';
import * as path from 'node:path';
import { DefaultAstNodeDescriptionProvider, EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createIomServices } from '../../language/iom-module.js';

describe('descriptions of declarations compute their segments when read', () => {
    test('every exported declaration of the seed example is described as Langium describes it', async () => {
        const { shared, Iom } = createIomServices(EmptyFileSystem);
        const folder = path.resolve(__dirname, '../../examples/seed');
        const documents = fs
            .readdirSync(folder)
            .filter(file => file.endsWith('.iom'))
            .map(file =>
                shared.workspace.LangiumDocumentFactory.fromString(
                    fs.readFileSync(path.join(folder, file), 'utf8'),
                    URI.file(path.join(folder, file))
                )
            );
        for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build(documents, { validation: false });
        const langium = new DefaultAstNodeDescriptionProvider(Iom);
        const plain = (d: ReturnType<typeof langium.createDescription>) => ({
            name: d.name,
            type: d.type,
            path: d.path,
            documentUri: d.documentUri.toString(),
            nameSegment: d.nameSegment,
            selectionSegment: d.selectionSegment
        });
        const exported = documents.flatMap(document =>
            shared.workspace.IndexManager.allElements(undefined, new Set([document.uri.toString()])).toArray()
        );
        expect(exported.length).toBeGreaterThan(5);
        for (const description of exported) {
            expect(plain(description)).toEqual(plain(langium.createDescription(description.node!, description.name)));
        }
    });
});
