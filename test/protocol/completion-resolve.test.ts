// A completion list with thousands of candidates over the protocol (issue 12): cut, incomplete, small, and its
// items' documentation given by completionItem/resolve, which the server announces.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CompletionItem, CompletionRequest, type CompletionList, CompletionResolveRequest } from 'vscode-languageserver-protocol';
import { LspSession, positionOf } from './helpers/lsp-session';

const EVENTS = 3000;
let dir: string;
let session: LspSession;

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-completion-'));
    fs.writeFileSync(
        path.join(dir, 'events.iom'),
        Array.from(
            { length: EVENTS },
            (_, i) => `/** Raised by desk ${i}. */\nevent "Desk event ${String(i).padStart(4, '0')}" { entity Order }`
        ).join('\n') + '\n'
    );
    session = await LspSession.start({ workspaceFolder: dir });
    await session.waitForDiagnosticsOf([pathToFileURL(path.join(dir, 'events.iom')).toString()], 60_000);
}, 90_000);
afterAll(() => {
    session?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
});

describe('completion with thousands of candidates, over stdio', () => {
    test('a cut, incomplete list of at most 200 items, under 100 KiB; documentation on resolve', async () => {
        expect(session.capabilities.completionProvider?.resolveProvider).toBe(true);
        const uri = pathToFileURL(path.join(dir, 'journey.iom')).toString();
        const text = 'journey J {\n    step A : Custom {\n        action type "Order Validation"\n        input event \n    }\n}\n';
        await session.open(uri, text);
        const list = (await session.request(
            CompletionRequest.type,
            { textDocument: { uri }, position: positionOf(text, 'input event ', 12) },
            60_000
        )) as CompletionList;
        expect(list.isIncomplete).toBe(true);
        expect(list.items.length).toBeLessThanOrEqual(200);
        expect(Buffer.byteLength(JSON.stringify(list))).toBeLessThan(100 * 1024);
        const item = list.items.find(candidate => candidate.label === 'Desk event 0007')!;
        expect(item).toBeDefined();
        expect(item.documentation).toBeUndefined();
        const resolved = (await session.request(CompletionResolveRequest.type, item)) as CompletionItem;
        expect(JSON.stringify(resolved.documentation)).toContain('Raised by desk 7.');
        expect(resolved.label).toBe(item.label);
    });
});
