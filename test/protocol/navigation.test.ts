// Editing features over the protocol: completion, hover, definition across files, references, rename and document
// symbols, asked of files of the workspace fixture.
import { beforeAll, describe, expect, test } from 'vitest';
import {
    CompletionItemKind,
    CompletionRequest,
    type CompletionItem,
    type CompletionList,
    DefinitionRequest,
    type DocumentSymbol,
    DocumentSymbolRequest,
    HoverRequest,
    type Location,
    type LocationLink,
    PrepareRenameRequest,
    ReferencesRequest,
    RenameRequest,
    type SymbolInformation,
    SymbolKind,
    type TextEdit,
    WorkspaceSymbolRequest
} from 'vscode-languageserver-protocol';
import { positionOf, rangeOf } from './helpers/lsp-session';
import { sharedServer } from './helpers/shared-server';

const server = sharedServer({ waitFor: 'all' });
let journey: { uri: string; text: string };
let policies: { uri: string; text: string };

beforeAll(async () => {
    journey = await server.session.openFile(server.workspace.file('journey.iom'));
    policies = { uri: server.workspace.uri('policies.iom'), text: server.workspace.read('policies.iom') }; // left closed
});

function itemsOf(result: CompletionList | CompletionItem[] | null): CompletionItem[] {
    if (!result) return [];
    return Array.isArray(result) ? result : result.items;
}

describe('completion', () => {
    test('offers the settings keywords of a step at the start of a line in its block', async () => {
        const result = await server.session.request(CompletionRequest.type, {
            textDocument: { uri: journey.uri },
            position: positionOf(journey.text, 'filter policy')
        });
        const keywords = itemsOf(result)
            .filter(item => item.kind === CompletionItemKind.Keyword)
            .map(item => item.label);
        expect(keywords).toEqual(expect.arrayContaining(['action', 'input', 'output', 'filter', 'execution', 'provider', 'description']));
        expect(keywords).not.toContain('journey');
    });

    test('offers the policies of the workspace after `filter policy`, quoted as names with spaces must be', async () => {
        const uri = server.workspace.uri('draft.iom');
        const text = 'journey Draft {\n    step One : "Validate Order Header" {\n        filter policy \n    }\n}\n';
        await server.session.open(uri, text);
        const result = await server.session.request(CompletionRequest.type, {
            textDocument: { uri },
            position: positionOf(text, 'filter policy ', 14)
        });
        const item = itemsOf(result).find(candidate => candidate.label === 'US Orders');
        expect(item).toBeDefined();
        const inserted = item!.textEdit && 'newText' in item!.textEdit ? item!.textEdit.newText : (item!.insertText ?? item!.label);
        expect(inserted).toBe('"US Orders"');
        expect(JSON.stringify(item!.documentation ?? item!.detail)).toContain('Only orders shipped to the United States.');
        await server.session.close(uri);
    });

    test('offers the built-in catalog tiles after `step <name> :`', async () => {
        const result = await server.session.request(CompletionRequest.type, {
            textDocument: { uri: journey.uri },
            position: positionOf(journey.text, '"Validate Order Header"')
        });
        const labels = itemsOf(result).map(item => item.label);
        expect(labels).toEqual(expect.arrayContaining(['Validate Order Header', 'Send to DOM']));
    });
});

describe('hover', () => {
    test('shows the doc comment of a workspace declaration on a reference to it', async () => {
        const hover = await server.session.request(HoverRequest.type, {
            textDocument: { uri: journey.uri },
            position: positionOf(journey.text, '"US Orders"', 3)
        });
        expect(hover).not.toBeNull();
        expect(JSON.stringify(hover!.contents)).toContain('Only orders shipped to the United States.');
    });

    test('shows the catalog documentation of a built-in event', async () => {
        const hover = await server.session.request(HoverRequest.type, {
            textDocument: { uri: journey.uri },
            position: positionOf(journey.text, '"New Order"', 3)
        });
        expect(JSON.stringify(hover?.contents)).toContain('Entry event of a journey');
    });
});

describe('definition', () => {
    test('jumps from a reference to its declaration in another, unopened file', async () => {
        const result = await server.session.request(DefinitionRequest.type, {
            textDocument: { uri: journey.uri },
            position: positionOf(journey.text, '"US Orders"', 3)
        });
        const targets = toLocations(result);
        expect(targets).toEqual([{ uri: policies.uri, range: rangeOf(policies.text, '"US Orders"') }]);
    });

    test('jumps to a built-in catalog declaration', async () => {
        const result = await server.session.request(DefinitionRequest.type, {
            textDocument: { uri: journey.uri },
            position: positionOf(journey.text, '"New Order"', 3)
        });
        const targets = toLocations(result);
        expect(targets).toHaveLength(1);
        expect(targets[0]?.uri).toBe('iom-builtin:/events.iom');
    });
});

describe('references', () => {
    test('finds the declaration and every use across files', async () => {
        const locations = await server.session.request(ReferencesRequest.type, {
            textDocument: { uri: policies.uri },
            position: positionOf(policies.text, '"US Orders"', 3),
            context: { includeDeclaration: true }
        });
        expect(sortLocations(locations ?? [])).toEqual(
            sortLocations([
                { uri: policies.uri, range: rangeOf(policies.text, '"US Orders"') },
                { uri: journey.uri, range: rangeOf(journey.text, '"US Orders"') }
            ])
        );
    });

    test('finds the uses of a connection declared in one file and bound in another', async () => {
        const connections = server.workspace.read('connections.iom');
        const providers = server.workspace.read('providers.iom');
        const locations = await server.session.request(ReferencesRequest.type, {
            textDocument: { uri: server.workspace.uri('connections.iom') },
            position: positionOf(connections, 'connection Dataverse', 12),
            context: { includeDeclaration: false }
        });
        const use = rangeOf(providers, 'to Dataverse');
        use.start.character += 'to '.length;
        expect(locations).toEqual([{ uri: server.workspace.uri('providers.iom'), range: use }]);
    });
});

describe('rename', () => {
    test('prepareRename returns the range of the name under the cursor', async () => {
        const result = await server.session.request(PrepareRenameRequest.type, {
            textDocument: { uri: journey.uri },
            position: positionOf(journey.text, '"US Orders"', 3)
        });
        expect(result).toEqual(rangeOf(journey.text, '"US Orders"'));
    });

    test('edits the declaration and every reference across files', async () => {
        const edit = await server.session.request(RenameRequest.type, {
            textDocument: { uri: journey.uri },
            position: positionOf(journey.text, '"US Orders"', 3),
            newName: '"Domestic Orders"'
        });
        expect(edit?.changes).toBeDefined();
        const changes = edit!.changes as Record<string, TextEdit[]>;
        expect(Object.keys(changes).sort()).toEqual([journey.uri, policies.uri].sort());
        expect(changes[policies.uri]).toEqual([{ range: rangeOf(policies.text, '"US Orders"'), newText: '"Domestic Orders"' }]);
        expect(changes[journey.uri]).toEqual([{ range: rangeOf(journey.text, '"US Orders"'), newText: '"Domestic Orders"' }]);
    });
});

describe('document symbols', () => {
    test('outline a file as a tree: the policy with its rule', async () => {
        const symbols = (await server.session.request(DocumentSymbolRequest.type, { textDocument: { uri: policies.uri } })) as DocumentSymbol[];
        expect(symbols).toHaveLength(1);
        expect(symbols[0]).toMatchObject({ name: 'US Orders', selectionRange: rangeOf(policies.text, '"US Orders"') });
        expect(symbols[0]?.children?.map(child => child.name)).toEqual(['Ship to US']);
        expect(Object.values(SymbolKind)).toContain(symbols[0]?.kind);
    });

    test('outline a journey with its steps', async () => {
        const symbols = (await server.session.request(DocumentSymbolRequest.type, { textDocument: { uri: journey.uri } })) as DocumentSymbol[];
        expect(symbols.map(symbol => symbol.name)).toEqual(['Order Intake']);
        expect(symbols[0]?.children?.map(child => child.name)).toEqual(['Validate']);
    });
});

describe('workspace symbols', () => {
    test('find declarations of every file by name', async () => {
        expect(server.session.capabilities.workspaceSymbolProvider).toBeTruthy();
        const symbols = (await server.session.request(WorkspaceSymbolRequest.type, { query: 'US Orders' })) as SymbolInformation[] | null;
        const found = (symbols ?? []).find(symbol => symbol.name === 'US Orders');
        expect(found?.location).toEqual({ uri: policies.uri, range: expect.objectContaining({}) });
        expect((found!.location as Location).range.start.line).toBe(rangeOf(policies.text, '"US Orders"').start.line);
    });
});

function toLocations(result: Location | Location[] | LocationLink[] | null): Location[] {
    if (!result) return [];
    const list = Array.isArray(result) ? result : [result];
    return list.map(item => ('targetUri' in item ? { uri: item.targetUri, range: item.targetSelectionRange } : item));
}

function sortLocations(locations: Location[]): Location[] {
    return [...locations].sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line);
}
