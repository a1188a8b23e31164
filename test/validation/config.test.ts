import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentState, type LangiumDocument, type LangiumSharedCoreServices, URI } from 'langium';
import { VirtualFileSystemProvider } from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import { FileChangeType } from 'vscode-languageserver';
import { createIomServices } from '../../language/iom-module.js';
import { interpretConfig } from '../../language/workspace/iom-config-check.js';
import { createValidationRunner, describe as describeDiagnostics } from '../helpers/validation-cases.js';
import { itemAt } from '../helpers/items.js';

const configResources = path.resolve(__dirname, '..', 'resources', 'validation', '_config');
const URL = 'https://make.powerautomate.com/environments/Default-1/connections?apiName=x&connectionName=y';
const spare = `connection Spare {\n    connector "Microsoft Dataverse"\n    url "${URL}"\n}\n`;

describe('iomconfig.json problems', () => {
    /** Each folder's name says which code it expects (`IOM8002-fails-…`) or that it is clean (`passes-…`). */
    test.each(fs.readdirSync(configResources).sort())('%s', folder => {
        const text = fs.readFileSync(path.join(configResources, folder, 'iomconfig.json'), 'utf8');
        const { problems } = interpretConfig(URI.file(path.join(configResources, folder, 'iomconfig.json')), text);
        const expected = folder.startsWith('passes') ? [] : [folder.slice(0, 7)];
        expect(problems.map(problem => problem.code)).toEqual(expected);
        for (const problem of problems) expect(problem.range.start.line).toBeGreaterThan(0);
    });

    test('an unknown rule gets a did-you-mean suggestion', () => {
        const { problems } = interpretConfig(URI.file('/x/iomconfig.json'), '{ "rules": { "unused-conection": "off" } }');
        expect(problems[0]?.message).toContain("Did you mean 'unused-connection'?");
    });
});

describe('levels from iomconfig.json', () => {
    let runner: Awaited<ReturnType<typeof createValidationRunner>>;
    beforeAll(async () => {
        runner = await createValidationRunner();
    });

    const diagnosticsWith = async (config: string | undefined, text: string) => {
        const document = itemAt(await runner.load([{ name: 'main.iom', text }], config), 0);
        const result = (document.diagnostics ?? []).map(d => [d.code, d.severity]);
        await runner.dispose([document]);
        return result;
    };

    test('a level by rule name or code replaces the severity; off removes the diagnostic', async () => {
        expect(await diagnosticsWith(undefined, spare)).toEqual([['IOM2007', 2]]);
        expect(await diagnosticsWith('{ "rules": { "unused-connection": "error" } }', spare)).toEqual([['IOM2007', 1]]);
        expect(await diagnosticsWith('{ "rules": { "IOM2007": { "level": "info" } } }', spare)).toEqual([['IOM2007', 3]]);
        expect(await diagnosticsWith('{ "rules": { "IOM2007": "off" } }', spare)).toEqual([]);
    });

    test('a broken iomconfig.json leaves the default levels', async () => {
        expect(await diagnosticsWith('{ "rules": ', spare)).toEqual([['IOM2007', 2]]);
    });
});

describe('changing iomconfig.json in a running server', () => {
    test('a watched-file change re-validates every document with the new levels, without restarting', async () => {
        const fileSystem = new VirtualFileSystemProvider();
        fileSystem.insert('file:///ws/connections.iom', spare);
        fileSystem.insert('file:///ws/iomconfig.json', '{ "rules": {} }');
        const { shared } = createIomServices({ fileSystemProvider: () => fileSystem });
        await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: 'file:///ws', name: 'ws' }]);
        const document = shared.workspace.LangiumDocuments.getDocument(URI.parse('file:///ws/connections.iom'))!;
        expect(describeDiagnostics(document.diagnostics ?? [])).toContain('warning IOM2007');

        fileSystem.insert('file:///ws/iomconfig.json', '{ "rules": { "unused-connection": "off" } }');
        let validated = revalidated(shared, document);
        shared.lsp.DocumentUpdateHandler.didChangeWatchedFiles!({ changes: [{ uri: 'file:///ws/iomconfig.json', type: FileChangeType.Changed }] });
        await validated;
        expect(document.diagnostics).toEqual([]);

        fileSystem.insert('file:///ws/iomconfig.json', '{ "rules": { "unused-connection": "error" } }');
        validated = revalidated(shared, document);
        shared.lsp.DocumentUpdateHandler.didChangeWatchedFiles!({ changes: [{ uri: 'file:///ws/iomconfig.json', type: FileChangeType.Changed }] });
        await validated;
        expect(describeDiagnostics(document.diagnostics ?? [])).toContain('error IOM2007');
    });
});

/** Resolves when the document has been validated again (call it before the change). */
function revalidated(shared: LangiumSharedCoreServices, document: LangiumDocument): Promise<void> {
    return new Promise(resolve => {
        const listener = shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, validatedDocument => {
            if (validatedDocument !== document) return;
            listener.dispose();
            resolve();
        });
    });
}
