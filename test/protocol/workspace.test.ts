// Start-up over stdio: initialize with a workspace folder, the advertised capabilities, and diagnostics published for
// every .iom file of the folder before any of them is opened.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { DiagnosticSeverity, TextDocumentSyncKind } from 'vscode-languageserver-protocol';
import { repoRoot } from './helpers/lsp-session';
import { sharedServer } from './helpers/shared-server';

// Nothing waited for at start: the tests see the diagnostics arrive for files no one opened.
const fixture = sharedServer({ waitFor: [] });
const seed = sharedServer({ source: path.join(repoRoot, 'examples', 'seed'), waitFor: [] });

describe.each([
    ['the protocol fixture', fixture],
    ['the seed example', seed]
])('a workspace holding a copy of %s', (_name, server) => {
    test('the copy holds several .iom files', () => {
        expect(server.workspace.files.length).toBeGreaterThan(1);
    });

    test('publishes diagnostics for every file without opening any, and they hold no errors', async () => {
        const uris = server.workspace.files.map(file => pathToFileURL(file).toString());
        const published = await server.session.waitForDiagnosticsOf(uris);
        expect([...published.keys()].sort()).toEqual([...uris].sort());
        for (const [uri, diagnostics] of published) {
            const errors = diagnostics.filter(d => d.severity === DiagnosticSeverity.Error);
            expect(errors, `errors in ${uri}`).toEqual([]);
        }
    });
});

describe('initialize', () => {
    const server = fixture;

    test('advertises incremental sync and the editing features', () => {
        const capabilities = server.session.capabilities;
        expect(capabilities.textDocumentSync).toMatchObject({ openClose: true, change: TextDocumentSyncKind.Incremental });
        expect(capabilities.completionProvider).toBeDefined();
        expect(capabilities.hoverProvider).toBe(true);
        expect(capabilities.definitionProvider).toBe(true);
        expect(capabilities.referencesProvider).toBe(true);
        expect(capabilities.renameProvider).toMatchObject({ prepareProvider: true });
        expect(capabilities.documentSymbolProvider).toBe(true);
        expect(capabilities.workspace?.workspaceFolders?.supported).toBe(true);
    });

    test('publishes nothing for the read-only built-in catalog documents (not even empty lists)', async () => {
        await server.session.waitForDiagnosticsOf(server.workspace.files.map(file => pathToFileURL(file).toString()));
        const builtins = [...server.session.diagnostics].filter(([uri]) => uri.startsWith('iom-builtin:'));
        expect(builtins.map(([uri]) => uri)).toEqual([]);
    });

    test('serves the built-in catalog library as read-only documents', async () => {
        const schemes = (server.session.capabilities.workspace as { textDocumentContent?: { schemes: string[] } } | undefined)?.textDocumentContent
            ?.schemes;
        expect(schemes).toEqual(['iom-builtin']);
        const { text } = await server.session.request<{ text: string }, { uri: string }>('workspace/textDocumentContent', {
            uri: 'iom-builtin:/events.iom'
        });
        expect(text).toContain('event "New Order"');
    });
});
