// Issue 10, item 8: didOpen notifications the server cannot serve (another language, odd URIs, a text that is not a
// string) and malformed didChange notifications are ignored; the server lives and keeps answering, over real stdio.
import { describe, expect, test } from 'vitest';
import { HoverRequest } from 'vscode-languageserver-protocol';
import { positionOf } from './helpers/lsp-session';
import { sharedServer } from './helpers/shared-server';

const server = sharedServer();
let probe = 0;

/**
 * Proves the server still serves after a notification: a new .iom document gets its diagnostics (the document builder
 * handled everything sent before it), and a hover on the fixture answers.
 */
async function expectServing(): Promise<void> {
    const uri = server.workspace.uri(`probe-${++probe}.iom`);
    await server.session.open(uri, `event "Probe ${probe}" {\n    description "x"\n}\nevent Missing${probe} from\n`);
    const diagnostics = await server.session.waitForDiagnostics(uri);
    expect(diagnostics.map(d => d.code)).toContain('IOM0002');
    const text = server.workspace.read('journey.iom');
    const hover = await server.session.request(HoverRequest.type, {
        textDocument: { uri: server.workspace.uri('journey.iom') },
        position: positionOf(text, '"US Orders"', 1)
    });
    expect(JSON.stringify(hover?.contents)).toContain('Only orders shipped to the United States.');
    expect(server.session.process.exitCode, server.session.stderr).toBeNull();
}

const didOpen = (textDocument: unknown) => server.session.connection.sendNotification('textDocument/didOpen', { textDocument });

describe('didOpen of documents the server does not serve', () => {
    test('iomconfig.json with languageId json (a client with a broad selector)', async () => {
        await didOpen({ uri: server.workspace.uri('iomconfig.json'), languageId: 'json', version: 1, text: '{ "rules": {} }' });
        await expectServing();
        // A request on it is answered (Langium answers ServerCancelled for a document it does not hold), not a crash.
        const answer = await server.session
            .request(HoverRequest.type, { textDocument: { uri: server.workspace.uri('iomconfig.json') }, position: { line: 0, character: 2 } })
            .then(
                result => JSON.stringify(result),
                (error: Error) => error.message
            );
        expect(answer).toBeDefined();
        await expectServing();
    });

    test('a Markdown file', async () => {
        await didOpen({ uri: server.workspace.uri('README.md'), languageId: 'markdown', version: 1, text: '# Notes' });
        await expectServing();
    });

    test.each([
        ['untitled:Untitled-1'],
        ['vscode-notebook-cell:/folder/book.ipynb#W0sZmlsZQ%3D%3D'],
        ['git:/folder/a.iom?%7B%7D'],
        ['no-scheme-at-all'],
        ['http://example.com/remote.iom'],
        ['file:///%E0%A4%A.iom']
    ])('an odd URI: %s', async uri => {
        await didOpen({ uri, languageId: 'iom', version: 1, text: 'event Odd {\n}\n' });
        await expectServing();
    });

    test.each([
        ['a number', 42],
        ['null', null],
        ['an object', { text: 'event A' }],
        ['missing', undefined]
    ])('a text that is %s', async (_name, text) => {
        await didOpen({ uri: server.workspace.uri(`bad-${String(_name).replace(/\W/g, '')}.iom`), languageId: 'iom', version: 1, text });
        await expectServing();
    });

    test('no textDocument, or a uri that is not a string', async () => {
        await server.session.connection.sendNotification('textDocument/didOpen', {});
        await didOpen({ uri: 7, languageId: 'iom', version: 1, text: 'event A' });
        await expectServing();
    });

    test('malformed didChange notifications of an open document', async () => {
        const uri = server.workspace.uri('changed.iom');
        await server.session.open(uri, 'event Changed {\n}\n');
        await server.session.waitForDiagnostics(uri);
        for (const contentChanges of [[{ text: 42 }], [{ range: { start: 'x' }, text: 'a' }], 'not an array', [null]]) {
            await server.session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges });
        }
        await expectServing();
    });
});
