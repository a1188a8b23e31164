// Formatting, semantic tokens and inlay hints over the protocol.
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    DocumentFormattingRequest,
    DocumentRangeFormattingRequest,
    InlayHintKind,
    InlayHintRequest,
    type SemanticTokensLegend,
    SemanticTokensRequest
} from 'vscode-languageserver-protocol';
import {
    applyEdits,
    copyWorkspace,
    decodeSemanticTokens,
    fixturesDir,
    LspSession,
    positionOf,
    rangeOf,
    type TempWorkspace
} from './helpers/lsp-session';

let workspace: TempWorkspace;
let session: LspSession;

beforeAll(async () => {
    workspace = copyWorkspace(path.join(fixturesDir, 'workspace'));
    session = await LspSession.start({ workspaceFolder: workspace.dir });
    await session.waitForDiagnostics(workspace.uri('journey.iom'));
});
afterAll(() => {
    session?.dispose();
    workspace?.remove();
});

const formattingOptions = { tabSize: 4, insertSpaces: true };

const canonical = [
    'policy "Paris Orders" {',
    '    type filter',
    '    criticality information',
    '    entity Order',
    '    rule "Ship to Paris" {',
    '        "Ship to City" = "Paris"',
    '    }',
    '}',
    ''
].join('\n');

describe('formatting', () => {
    test('formats a messy document into the canonical layout', async () => {
        expect(session.capabilities.documentFormattingProvider).toBeTruthy();
        const messy =
            'policy   "Paris Orders"{type filter\ncriticality information\n  entity Order\n      rule "Ship to Paris" {\n"Ship to City" = "Paris"\n}\n}\n';
        const uri = workspace.uri('messy.iom');
        await session.open(uri, messy);
        const edits = await session.request(DocumentFormattingRequest.type, { textDocument: { uri }, options: formattingOptions });
        expect(edits).not.toBeNull();
        expect(applyEdits(messy, edits!)).toBe(canonical);
        await session.close(uri);
    });

    test('leaves the already formatted fixture files unchanged', async () => {
        for (const file of ['connections.iom', 'journey.iom', 'policies.iom', 'providers.iom']) {
            const edits = await session.request(DocumentFormattingRequest.type, {
                textDocument: { uri: workspace.uri(file) },
                options: formattingOptions
            });
            expect(applyEdits(workspace.read(file), edits ?? []), file).toBe(workspace.read(file));
        }
    });

    test('range formatting touches only the requested lines', async () => {
        expect(session.capabilities.documentRangeFormattingProvider).toBeTruthy();
        const messy = canonical.replace('    type filter', 'type     filter').replace('        "Ship to City"', '"Ship to City"');
        const uri = workspace.uri('messy-range.iom');
        await session.open(uri, messy);
        const line = positionOf(messy, 'type     filter').line;
        const edits = await session.request(DocumentRangeFormattingRequest.type, {
            textDocument: { uri },
            options: formattingOptions,
            range: { start: { line, character: 0 }, end: { line, character: 'type     filter'.length } }
        });
        const formatted = applyEdits(messy, edits ?? []);
        expect(formatted).toContain('\n    type filter\n');
        expect(formatted).toContain('\n"Ship to City" = "Paris"\n'); // outside the range: untouched
        await session.close(uri);
    });
});

describe('semantic tokens', () => {
    test('colour references by what they point to: policy, tile, event', async () => {
        const provider = session.capabilities.semanticTokensProvider;
        expect(provider?.full).toBeTruthy();
        const legend = provider!.legend as SemanticTokensLegend;
        const uri = workspace.uri('journey.iom');
        const text = workspace.read('journey.iom');
        const result = await session.request(SemanticTokensRequest.type, { textDocument: { uri } });
        const tokens = decodeSemanticTokens(text, result?.data ?? [], legend);
        const typeAt = (needle: string) => {
            const { start } = rangeOf(text, needle);
            return tokens.find(token => token.line === start.line && token.character === start.character)?.type;
        };
        expect(typeAt('"US Orders"')).toBe('interface');
        expect(typeAt('"Validate Order Header"')).toBe('type');
        expect(typeAt('"New Order"')).toBe('event');
        expect(typeAt('"Order Intake"')).toBe('namespace');
    });
});

describe('inlay hints', () => {
    test("show the action type a step's tile implies", async () => {
        expect(session.capabilities.inlayHintProvider).toBeTruthy();
        const uri = workspace.uri('journey.iom');
        const text = workspace.read('journey.iom');
        const hints = await session.request(InlayHintRequest.type, {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: positionOf(text, '}', 0, 1) }
        });
        expect(hints).toEqual([
            expect.objectContaining({
                position: rangeOf(text, '"Validate Order Header"').end,
                label: 'action type: Order Validation',
                kind: InlayHintKind.Type
            })
        ]);
    });
});
