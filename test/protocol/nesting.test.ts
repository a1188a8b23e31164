// Deep nesting over the real protocol and the real CLI (issue 10 item 2, issue 12). A file nested past the limit, or
// 1,000 levels deep, present at start-up or opened later: the server keeps publishing diagnostics for every other
// file and answers requests; the CLI reports IOM0010 with exit 1 instead of crashing with exit 2.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
    CompletionRequest,
    DocumentSymbolRequest,
    FoldingRangeRequest,
    HoverRequest,
    SelectionRangeRequest,
    SemanticTokensRequest
} from 'vscode-languageserver-protocol';
import { MAX_BLOCK_DEPTH } from '../../language/parser/iom-parser.js';
import { spawnIom } from '../helpers/cli.js';
import { deeplyNested } from '../helpers/deep-nesting.js';
import { copyWorkspace, fixturesDir, positionOf, repoRoot } from './helpers/lsp-session';
import { sharedServer } from './helpers/shared-server';

const tooDeep = deeplyNested('group or', MAX_BLOCK_DEPTH + 100);
const deep = deeplyNested('mixed', 1000).replace('journey Deep', 'journey "Deep Journey"');
// The line and column of the first brace past the limit: policy (1) + rule (1) + groups.
const tooDeepLine = 5 + (MAX_BLOCK_DEPTH - 2);

describe('a language server whose workspace holds deeply nested files at start-up', () => {
    const server = sharedServer({
        prepare: workspace => {
            fs.writeFileSync(workspace.file('too-deep.iom'), tooDeep);
            fs.writeFileSync(workspace.file('deep.iom'), deep);
        },
        waitFor: []
    });

    test('publishes diagnostics for every file, the too-deep one with one IOM0010 at its first brace past the limit', async () => {
        const others = ['connections.iom', 'journey.iom', 'policies.iom', 'providers.iom'];
        const published = await server.session.waitForDiagnosticsOf([...others, 'too-deep.iom', 'deep.iom'].map(server.workspace.uri), 60_000);
        for (const file of others) {
            expect(
                published.get(server.workspace.uri(file))!.filter(d => d.severity === 1),
                file
            ).toEqual([]);
        }
        const nesting = published.get(server.workspace.uri('too-deep.iom'))!.filter(d => d.code === 'IOM0010');
        expect(nesting).toHaveLength(1);
        expect(nesting[0]?.range.start).toEqual({ line: tooDeepLine, character: 9 });
        expect(published.get(server.workspace.uri('deep.iom'))!.filter(d => /^IOM0/.test(String(d.code)))).toEqual([]);
    }, 90_000);

    test('answers requests on the deep file and on the others', async () => {
        const uri = server.workspace.uri('deep.iom');
        await server.session.open(uri, deep);
        const textDocument = { uri };
        const position = positionOf(deep, 'Validate Order Header');
        const symbols = await server.session.request(DocumentSymbolRequest.type, { textDocument }, 60_000);
        expect(symbols).toHaveLength(1);
        const folding = await server.session.request(FoldingRangeRequest.type, { textDocument }, 60_000);
        expect(folding!.length).toBeGreaterThan(1000);
        const tokens = await server.session.request(SemanticTokensRequest.type, { textDocument }, 60_000);
        expect(tokens!.data.length).toBeGreaterThan(0);
        const completion = await server.session.request(CompletionRequest.type, { textDocument, position }, 60_000);
        expect(completion).toBeTruthy();
        const selection = await server.session.request(SelectionRangeRequest.type, { textDocument, positions: [position] }, 60_000);
        expect(selection).toHaveLength(1);
        const journey = server.workspace.uri('journey.iom');
        const hover = await server.session.request(HoverRequest.type, {
            textDocument: { uri: journey },
            position: positionOf(server.workspace.read('journey.iom'), 'Validate Order Header')
        });
        expect(hover).toBeTruthy();
    }, 120_000);
});

describe('a deeply nested file opened in a running server', () => {
    const server = sharedServer({ waitFor: ['journey.iom', 'policies.iom', 'providers.iom'] });

    test('gets its IOM0010; an edit in another file is still checked; the server answers', async () => {
        const uri = pathToFileURL(path.join(server.workspace.dir, 'opened-later.iom')).toString();
        await server.session.open(uri, tooDeep);
        const diagnostics = await server.session.waitForDiagnostics(uri, d => d.some(x => x.code === 'IOM0010'), 60_000);
        expect(diagnostics.filter(d => d.code === 'IOM0010')).toHaveLength(1);

        const policies = server.workspace.uri('policies.iom');
        const text = server.workspace.read('policies.iom');
        await server.session.open(policies, text);
        await server.session.change(policies, text.replace('type filter', 'type filtre'));
        await server.session.waitForDiagnostics(policies, d => d.some(x => x.code === 'IOM0002'), 60_000);
        const symbols = await server.session.request(DocumentSymbolRequest.type, { textDocument: { uri: policies } });
        expect(symbols!.length).toBeGreaterThan(0);

        // The deep file edited into a valid one: its diagnostic goes.
        await server.session.change(uri, deep);
        await server.session.waitForDiagnostics(uri, d => !d.some(x => x.code === 'IOM0010'), 60_000);
    }, 120_000);
});

describe('iom validate with a deeply nested file', () => {
    test('exit 1 with IOM0010 at the first brace past the limit; the other files are checked', () => {
        const workspace = copyWorkspace(path.join(fixturesDir, 'workspace'));
        try {
            fs.writeFileSync(workspace.file('too-deep.iom'), tooDeep);
            fs.writeFileSync(workspace.file('deep.iom'), deep);
            fs.appendFileSync(workspace.file('connections.iom'), '\nevent Broken { description 5 }\n');
            // A real process: its main thread's stack is the one a user's `iom` has.
            const run = spawnIom(['validate', workspace.dir], repoRoot);
            expect(run.stderr).not.toContain('internal error');
            expect(run.code).toBe(1);
            const nesting = run.stdout.split('\n').filter(line => line.includes('IOM0010'));
            expect(nesting).toHaveLength(1);
            expect(nesting[0]).toContain(`too-deep.iom:${tooDeepLine + 1}:10`);
            expect(run.stdout).toMatch(/connections\.iom:\d+:\d+.*IOM0002/);
        } finally {
            workspace.remove();
        }
    }, 120_000);
});
