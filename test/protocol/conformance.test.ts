// LSP conformance over real stdio: the handshake (serverInfo, start-up log, registrations the client supports), no
// diagnostics for the built-in documents, keyword hovers, workspace symbols, selection ranges, document links and the
// outline's kinds and details.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
    type DocumentLink,
    DocumentLinkRequest,
    type DocumentSymbol,
    DocumentSymbolRequest,
    type Hover,
    HoverRequest,
    type Range,
    type SelectionRange,
    SelectionRangeRequest,
    SymbolKind,
    type WorkspaceSymbol,
    WorkspaceSymbolRequest
} from 'vscode-languageserver-protocol';
import { clientCapabilities, copyWorkspace, LspSession, positionOf, rangeOf, repoRoot } from './helpers/lsp-session';
import { sharedServer } from './helpers/shared-server';
import { firstItems, itemAt } from '../helpers/items.js';

const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

const server = sharedServer({ source: path.join(repoRoot, 'examples', 'quickstart-lab'), waitFor: 'all' });

describe('handshake', () => {
    test('the initialize result names the server and its version', () => {
        expect(server.session.initializeResult.serverInfo).toEqual({ name: 'iom-language-server', version });
    });

    test('one start-up log line says which version started', () => {
        const lines = server.session.logMessages.filter(message => message.includes('started'));
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(`iom-language-server ${version} started`);
    });

    test('a client with dynamic registration gets the configuration change registration', () => {
        expect(server.session.registrations).toContain('workspace/didChangeConfiguration');
    });

    test('a client without dynamic registration gets no registration request at all', async () => {
        const folder = copyWorkspace(path.join(repoRoot, 'test', 'protocol', 'fixtures', 'workspace'));
        const capabilities = structuredClone(clientCapabilities);
        capabilities.workspace!.didChangeConfiguration = { dynamicRegistration: false };
        const plain = await LspSession.start({ workspaceFolder: folder.dir, capabilities });
        try {
            // Diagnostics come after the configuration was requested, so a registration would have arrived by then.
            await plain.waitForDiagnostics(folder.uri('journey.iom'));
            expect(plain.registrations).toEqual([]);
            expect(await plain.shutdown()).toBe(0);
        } finally {
            plain.dispose();
            folder.remove();
        }
    });
});

describe('diagnostics', () => {
    test('are published for the workspace files and never for the read-only built-in documents', () => {
        const uris = [...server.session.diagnostics.keys()];
        expect(uris.filter(uri => uri.startsWith('file:')).length).toBe(server.workspace.files.length);
        expect(uris.filter(uri => uri.startsWith('iom-builtin:'))).toEqual([]);
    });
});

describe('keyword hover', () => {
    const hoverText = async (file: string, needle: string, offset: number): Promise<string | undefined> => {
        const text = server.workspace.read(file);
        const hover = (await server.session.request(HoverRequest.type, {
            textDocument: { uri: server.workspace.uri(file) },
            position: positionOf(text, needle, offset)
        })) as Hover | null;
        return hover ? (hover.contents as { value: string }).value : undefined;
    };

    test('a keyword gets its own short explanation, as the phrase it stands in', async () => {
        const events = await hoverText('journeys.iom', 'input events', 'input '.length + 1);
        expect(events).toContain('`input events`');
        expect(events).toContain('business events that start this step');
        expect(events).not.toContain('An action step');
        const split = await hoverText('journeys.iom', 'splitter "Fulfillment split"', 1);
        expect(split).toContain('parallel branches');
        const actionType = await hoverText('journeys.iom', 'action type "Order Validation"', 1);
        expect(actionType).toMatch(/^`action type`: /);
    });

    test('punctuation and keywords without an explanation show nothing', async () => {
        expect(await hoverText('journeys.iom', '"Validate Order Header" {', '"Validate Order Header" '.length)).toBeUndefined();
    });
});

describe('workspace symbols', () => {
    const search = async (query: string) => (await server.session.request(WorkspaceSymbolRequest.type, { query })) as WorkspaceSymbol[];

    test('match anywhere in a name and find steps and branches with their journey', async () => {
        const found = await search('Seattle');
        const names = found.map(symbol => symbol.name);
        expect(names).toEqual(expect.arrayContaining(['Fulfillment filter policy - Seattle', 'Seattle', 'Send to Seattle']));
        const step = found.find(symbol => symbol.name === 'Send to Seattle')!;
        expect(step.containerName).toBe('IOM Lab order journey');
        expect(step.location).toMatchObject({ uri: server.workspace.uri('journeys.iom') });
        expect(found.find(symbol => symbol.name === 'Seattle')!.kind).toBe(SymbolKind.EnumMember);
    });

    test('match the characters of the query in order (fuzzy)', async () => {
        const names = (await search('ffpseattle')).map(symbol => symbol.name);
        expect(names).toContain('Fulfillment filter policy - Seattle');
    });

    test('list a catalog item once, under its name, even when an alias matches too', async () => {
        const found = await search('new order');
        const newOrder = found.filter(symbol => symbol.name.toLowerCase() === 'new order');
        expect(newOrder.map(symbol => symbol.name)).toEqual(['New Order']);
        expect(newOrder[0]?.containerName).toBe('built-in catalog');
        const locations = found.map(symbol => JSON.stringify(symbol.location));
        expect(new Set(locations).size).toBe(locations.length);
    });
});

describe('selection range', () => {
    test('expands from inside a quoted name to the setting line, the step, the journey and the document', async () => {
        expect(server.session.capabilities.selectionRangeProvider).toBe(true);
        const text = server.workspace.read('journeys.iom');
        const position = positionOf(text, '"Order header validation policy"', 5);
        const [selection] = (await server.session.request(SelectionRangeRequest.type, {
            textDocument: { uri: server.workspace.uri('journeys.iom') },
            positions: [position]
        })) as SelectionRange[];
        const chain: Range[] = [];
        for (let item: SelectionRange | undefined = selection; item; item = item.parent) chain.push(item.range);
        const name = rangeOf(text, '"Order header validation policy"');
        expect(chain[0]).toEqual({
            start: { ...name.start, character: name.start.character + 1 },
            end: { ...name.end, character: name.end.character - 1 }
        });
        expect(chain[1]).toEqual(name);
        expect(chain[2]).toEqual(rangeOf(text, 'execution policies "Order header validation policy"'));
        const stepStart = positionOf(text, 'step "Order header validation"');
        expect(chain.some(range => range.start.line === stepStart.line && range.start.character === stepStart.character)).toBe(true);
        const lines = text.split('\n');
        expect(chain[chain.length - 1]).toEqual({
            start: { line: 0, character: 0 },
            end: { line: lines.length - 1, character: itemAt(lines, -1).length }
        });
        for (let i = 1; i < chain.length; i++) {
            const [inner, outer] = [itemAt(chain, i - 1), itemAt(chain, i)];
            const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
            expect(before(outer.start, inner.start) && before(inner.end, outer.end), `range ${i} contains range ${i - 1}`).toBe(true);
            expect(outer).not.toEqual(inner);
        }
    });
});

describe('document links', () => {
    test('make each connection URL clickable', async () => {
        const text = server.workspace.read('connections.iom');
        const links = (await server.session.request(DocumentLinkRequest.type, {
            textDocument: { uri: server.workspace.uri('connections.iom') }
        })) as DocumentLink[];
        const urls = [...text.matchAll(/url "([^"]+)"/g)].map(match => itemAt(match, 1));
        expect(urls.length).toBeGreaterThan(1);
        expect(links.map(link => link.target)).toEqual(urls);
        expect(itemAt(links, 0).range).toEqual(rangeOf(text, itemAt(urls, 0)));
    });
});

describe('outline', () => {
    test('journeys, steps, splitters and branches have recognisable kinds, and steps show their tile and action type', async () => {
        const [journey] = firstItems(
            (await server.session.request(DocumentSymbolRequest.type, {
                textDocument: { uri: server.workspace.uri('journeys.iom') }
            })) as DocumentSymbol[],
            1
        );
        expect(journey).toMatchObject({ name: 'IOM Lab order journey', kind: SymbolKind.Class, detail: 'journey · Order orchestration' });
        const step = journey.children!.find(child => child.name === 'Order header validation')!;
        expect(step).toMatchObject({ kind: SymbolKind.Object, detail: 'tile Validate Order Header · action type Order Validation' });
        const splitter = journey.children!.find(child => child.name === 'Fulfillment split')!;
        expect(splitter).toMatchObject({ kind: SymbolKind.Operator, detail: 'splitter' });
        expect(splitter.children!.map(child => [child.name, child.kind, child.detail])).toEqual([
            ['Seattle', SymbolKind.EnumMember, 'branch'],
            ['Chicago', SymbolKind.EnumMember, 'branch']
        ]);
    });
});

describe('compiled definition view', () => {
    test('puts name, kind and nodes before the id lists, and points at the step under the cursor', async () => {
        const text = server.workspace.read('journeys.iom');
        const definition = await server.session.request<{ text: string; focusLine: number; name: string }>('workspace/executeCommand', {
            command: 'iom.server.compiledDefinition',
            arguments: [{ uri: server.workspace.uri('journeys.iom'), position: positionOf(text, 'Send to Chicago', 3) }]
        });
        expect(definition.name).toBe('IOM Lab order journey');
        const lines = definition.text.split('\n');
        expect(lines.slice(1, 3)).toEqual(['  "name": "IOM Lab order journey",', '  "kind": "journey",']);
        const keyLine = (key: string) => lines.findIndex(line => line.startsWith(`  "${key}":`));
        expect(keyLine('nodes')).toBeGreaterThan(0);
        expect(keyLine('nodes')).toBeLessThan(keyLine('edges'));
        expect(keyLine('nodes')).toBeLessThan(keyLine('id'));
        expect(itemAt(lines, definition.focusLine).trim()).toBe('{');
        expect(itemAt(lines, definition.focusLine + 1).trim()).toBe('"name": "Send to Chicago",');
        // The same record, field for field, as the artifact.
        const artifact = JSON.parse(definition.text) as { nodes: Array<{ name: string }> };
        expect(artifact.nodes.map(node => node.name)).toContain('Send to Chicago');
    });
});
