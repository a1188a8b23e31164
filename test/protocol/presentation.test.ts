// Formatting, semantic tokens and inlay hints over the protocol.
import { describe, expect, test } from 'vitest';
import {
    DocumentFormattingRequest,
    DocumentRangeFormattingRequest,
    InlayHintKind,
    InlayHintRequest,
    type SemanticTokensLegend,
    SemanticTokensRequest
} from 'vscode-languageserver-protocol';
import { applyEdits, decodeSemanticTokens, positionOf, rangeOf } from './helpers/lsp-session';
import { sharedServer } from './helpers/shared-server';

const server = sharedServer();

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
        expect(server.session.capabilities.documentFormattingProvider).toBeTruthy();
        const messy =
            'policy   "Paris Orders"{type filter\ncriticality information\n  entity Order\n      rule "Ship to Paris" {\n"Ship to City" = "Paris"\n}\n}\n';
        const uri = server.workspace.uri('messy.iom');
        await server.session.open(uri, messy);
        const edits = await server.session.request(DocumentFormattingRequest.type, { textDocument: { uri }, options: formattingOptions });
        expect(edits).not.toBeNull();
        expect(applyEdits(messy, edits!)).toBe(canonical);
        await server.session.close(uri);
    });

    test('leaves the already formatted fixture files unchanged', async () => {
        for (const file of ['connections.iom', 'journey.iom', 'policies.iom', 'providers.iom']) {
            const edits = await server.session.request(DocumentFormattingRequest.type, {
                textDocument: { uri: server.workspace.uri(file) },
                options: formattingOptions
            });
            expect(applyEdits(server.workspace.read(file), edits ?? []), file).toBe(server.workspace.read(file));
        }
    });

    test('range formatting touches only the requested lines', async () => {
        expect(server.session.capabilities.documentRangeFormattingProvider).toBeTruthy();
        const messy = canonical.replace('    type filter', 'type     filter').replace('        "Ship to City"', '"Ship to City"');
        const uri = server.workspace.uri('messy-range.iom');
        await server.session.open(uri, messy);
        const line = positionOf(messy, 'type     filter').line;
        const edits = await server.session.request(DocumentRangeFormattingRequest.type, {
            textDocument: { uri },
            options: formattingOptions,
            range: { start: { line, character: 0 }, end: { line, character: 'type     filter'.length } }
        });
        const formatted = applyEdits(messy, edits ?? []);
        expect(formatted).toContain('\n    type filter\n');
        expect(formatted).toContain('\n"Ship to City" = "Paris"\n'); // outside the range: untouched
        await server.session.close(uri);
    });
});

describe('semantic tokens', () => {
    test('colour references by what they point to: policy, tile, event', async () => {
        const provider = server.session.capabilities.semanticTokensProvider;
        expect(provider?.full).toBeTruthy();
        const legend = provider!.legend as SemanticTokensLegend;
        const uri = server.workspace.uri('journey.iom');
        const text = server.workspace.read('journey.iom');
        const result = await server.session.request(SemanticTokensRequest.type, { textDocument: { uri } });
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
        expect(server.session.capabilities.inlayHintProvider).toBeTruthy();
        const uri = server.workspace.uri('journey.iom');
        const text = server.workspace.read('journey.iom');
        const hints = await server.session.request(InlayHintRequest.type, {
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
