import { DocumentState, type LangiumDocument, URI } from 'langium';
import { VirtualFileSystemProvider } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { FileChangeType } from 'vscode-languageserver';
import { createIomServices, type IomSharedServices } from '../../language/iom-module.js';

const URL = 'https://make.powerautomate.com/environments/Default-1/connections?apiName=x&connectionName=y';
const spare = `connection Spare {\n    connector "Microsoft Dataverse"\n    url "${URL}"\n}\n`;
const platform = 'platform {\n    bind "Microsoft Dataverse" to Spare\n}\n';

/** A language-service instance over its own in-memory workspace. */
async function instance(
    files: Record<string, string>,
    documentationBase?: string
): Promise<{ shared: IomSharedServices; fileSystem: VirtualFileSystemProvider }> {
    const fileSystem = new VirtualFileSystemProvider();
    for (const [name, text] of Object.entries(files)) fileSystem.insert(`file:///ws/${name}`, text);
    const { shared } = createIomServices({ fileSystemProvider: () => fileSystem, documentationBase });
    return { shared, fileSystem };
}

const document = (shared: IomSharedServices, name: string): LangiumDocument =>
    shared.workspace.LangiumDocuments.getDocument(URI.parse(`file:///ws/${name}`))!;

const unusedConnection = (doc: LangiumDocument) => (doc.diagnostics ?? []).filter(d => d.code === 'IOM2007').map(d => d.severity);

describe('two language-service instances in one process', () => {
    test('have their own configuration, facts and file watching', async () => {
        const a = await instance({ 'connections.iom': spare, 'iomconfig.json': '{ "rules": { "unused-connection": "error" } }' });
        const b = await instance({ 'connections.iom': spare, 'platform.iom': platform, 'iomconfig.json': '{ "rules": {} }' });
        expect(a.shared.workspace.ConfigService).not.toBe(b.shared.workspace.ConfigService);
        expect(a.shared.workspace.FactsProvider).not.toBe(b.shared.workspace.FactsProvider);
        // Both workspaces are built at the same time.
        await Promise.all([a, b].map(({ shared }) => shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: 'file:///ws', name: 'ws' }])));

        // A's configuration makes the unused connection an error; in B a platform binding uses it (B's facts).
        expect(unusedConnection(document(a.shared, 'connections.iom'))).toEqual([1]);
        expect(unusedConnection(document(b.shared, 'connections.iom'))).toEqual([]);
        expect(a.shared.workspace.FactsProvider.facts.boundConnections.size).toBe(0);
        expect(b.shared.workspace.FactsProvider.facts.boundConnections.size).toBe(1);

        // A's iomconfig.json changes: only A drops its configuration and validates again.
        const bDiagnostics = document(b.shared, 'connections.iom').diagnostics;
        const bConfig = b.shared.workspace.ConfigService.current(URI.parse('file:///ws/connections.iom'));
        a.fileSystem.insert('file:///ws/iomconfig.json', '{ "rules": { "unused-connection": "info" } }');
        const aDocument = document(a.shared, 'connections.iom');
        const validated = new Promise<void>(resolve => {
            const listener = a.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, validatedDocument => {
                if (validatedDocument === aDocument) {
                    listener.dispose();
                    resolve();
                }
            });
        });
        a.shared.lsp.DocumentUpdateHandler.didChangeWatchedFiles!({ changes: [{ uri: 'file:///ws/iomconfig.json', type: FileChangeType.Changed }] });
        await validated;
        expect(unusedConnection(aDocument)).toEqual([3]);
        expect(document(b.shared, 'connections.iom').diagnostics).toBe(bDiagnostics);
        expect(b.shared.workspace.ConfigService.current(URI.parse('file:///ws/connections.iom'))).toBe(bConfig);
    });

    test('link their diagnostics to their own documentation', async () => {
        // An unused connection (IOM2007) and an iomconfig.json naming no rule (IOM8002), in three instances at once.
        const files = { 'connections.iom': spare, 'iomconfig.json': '{ "rules": { "no-such-rule": "off" } }' };
        const [a, b, plain] = await Promise.all([
            instance(files, 'https://a.example/iom/diagnostics.md'),
            instance(files, 'file:///opt/iom/docs/diagnostics.md'),
            instance(files)
        ]);
        await Promise.all(
            [a, b, plain].map(({ shared }) => shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: 'file:///ws', name: 'ws' }]))
        );
        const links = async (shared: IomSharedServices) => {
            const [config] = await shared.workspace.ConfigService.loadedConfigs();
            return [...(document(shared, 'connections.iom').diagnostics ?? []), ...(config?.problems ?? [])].map(d => [
                d.code,
                d.codeDescription?.href
            ]);
        };
        expect(await links(a.shared)).toEqual([
            ['IOM2007', 'https://a.example/iom/diagnostics.md#iom2007'],
            ['IOM8002', 'https://a.example/iom/diagnostics.md#iom8002']
        ]);
        expect(await links(b.shared)).toEqual([
            ['IOM2007', 'file:///opt/iom/docs/diagnostics.md#iom2007'],
            ['IOM8002', 'file:///opt/iom/docs/diagnostics.md#iom8002']
        ]);
        // Without a documentation base (the CLI's workspaces, tests), diagnostics carry no link.
        expect(await links(plain.shared)).toEqual([
            ['IOM2007', undefined],
            ['IOM8002', undefined]
        ]);
    });
});
