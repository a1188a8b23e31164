import { expectFindReferences, expectGoToDefinition, expectHighlight, expectSymbols, parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { type DocumentSymbol, ResponseError, SymbolKind, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { createLspTestServices } from './helpers.js';
import { firstItems, itemAt } from '../helpers/items.js';

const services = await createLspTestServices();
const parse = parseHelper(services.Iom);
const lsp = services.Iom.lsp;

const KIND_NAMES = Object.fromEntries(Object.entries(SymbolKind).map(([name, kind]) => [kind, name]));

/** The position of the first occurrence of `needle` (plus `delta` characters) in a text. */
function at(text: string, needle: string, delta = 1) {
    const offset = text.indexOf(needle);
    if (offset < 0) throw new Error(`${needle} not found`);
    const before = text.slice(0, offset + delta).split('\n');
    return { line: before.length - 1, character: itemAt(before, -1).length };
}

const policiesFile = 'policy "Order checks" {\n    type execution\n    entity Order\n}\n';
const journeysFile =
    'journey J {\n    step s : Custom {\n        execution policies "Order checks"\n    }\n    step t : Custom {\n        execution policies "Order checks"\n    }\n}\n';

describe('go to definition, references, highlight (Langium defaults on IOM names)', () => {
    test('go to definition within a file, also for quoted names', async () => {
        await expectGoToDefinition(services.Iom)({
            text: 'policy <|"Order checks"|> { type execution }\njourney J {\n    step s : Custom {\n        execution policies "Order <|>checks"\n    }\n}',
            index: 0,
            rangeIndex: 0
        });
    });

    test('go to definition across files and into the built-in catalog', async () => {
        const [, journeys] = firstItems(await services.addDocuments({ 'policies.iom': policiesFile, 'journeys.iom': journeysFile }), 2);
        const links = await lsp.DefinitionProvider!.getDefinition(journeys, {
            textDocument: { uri: journeys.uri.toString() },
            position: at(journeysFile, '"Order checks"', 3)
        });
        expect(links?.map(link => [link.targetUri, link.targetSelectionRange.start])).toEqual([
            ['file:///ws/policies.iom', { line: 0, character: 7 }]
        ]);
        const tile = await lsp.DefinitionProvider!.getDefinition(journeys, {
            textDocument: { uri: journeys.uri.toString() },
            position: at(journeysFile, 'Custom', 2)
        });
        expect(tile?.[0]?.targetUri).toBe('iom-builtin:/tiles.iom');
    });

    test('find references with and without the declaration', async () => {
        await expectFindReferences(services.Iom)({
            text: 'connection <|D<|>ataverse|> { }\nplatform {\n    bind "Microsoft Dataverse" to <|Dataverse|>\n    bind "Power Automate Management" to <|Dataverse|>\n}',
            includeDeclaration: true,
            disposeAfterCheck: true
        });
        await expectFindReferences(services.Iom)({
            text: 'connection D<|>ataverse { }\nplatform {\n    bind "Microsoft Dataverse" to <|Dataverse|>\n}',
            includeDeclaration: false,
            disposeAfterCheck: true
        });
    });

    test('document highlight marks the declaration and its references', async () => {
        await expectHighlight(services.Iom)({
            text: 'event <|D<|>one|>\njourney J {\n    step s : Custom {\n        output events <|Done|>\n    }\n    step t : Custom {\n        input events <|Done|>\n    }\n}',
            index: 0
        });
    });
});

describe('rename', () => {
    test('renames across files, quoting the new name when it needs quotes', async () => {
        const [policies, journeys] = firstItems(await services.addDocuments({ 'policies.iom': policiesFile, 'journeys.iom': journeysFile }), 2);
        const edit = (await lsp.RenameProvider!.rename(journeys, {
            textDocument: { uri: journeys.uri.toString() },
            position: at(journeysFile, '"Order checks"', 3),
            newName: 'Header checks'
        })) as WorkspaceEdit;
        const texts = (uri: string) => (edit.changes![uri] as TextEdit[]).map(e => e.newText);
        expect(texts(policies.uri.toString())).toEqual(['"Header checks"']);
        expect(texts(journeys.uri.toString())).toEqual(['"Header checks"', '"Header checks"']);
        expect(edit.changes![journeys.uri.toString()]?.[0]?.range).toEqual({
            start: at(journeysFile, '"Order checks"', 0),
            end: at(journeysFile, '"Order checks"', 14)
        });
    });

    test('an identifier stays bare, a name typed with quotes is not quoted twice, a keyword is quoted', async () => {
        const policies = itemAt(await services.addDocuments({ 'policies.iom': policiesFile, 'journeys.iom': journeysFile }), 0);
        const rename = async (newName: string) =>
            (await lsp.RenameProvider!.rename(policies, {
                textDocument: { uri: policies.uri.toString() },
                position: at(policiesFile, 'Order', 1),
                newName
            }))!.changes!['file:///ws/policies.iom']?.[0]?.newText;
        expect(await rename('HeaderChecks')).toBe('HeaderChecks');
        expect(await rename('"Header checks"')).toBe('"Header checks"');
        expect(await rename('journey')).toBe('"journey"');
        await expect(rename('""')).rejects.toThrow('non-empty');
    });

    test("prepare rename gives the name's range for declarations and references", async () => {
        const document = await parse(policiesFile + journeysFile);
        const text = policiesFile + journeysFile;
        const range = await lsp.RenameProvider!.prepareRename(document, {
            textDocument: { uri: document.uri.toString() },
            position: at(text, 'Order checks')
        });
        expect(range).toEqual({ start: at(text, '"Order checks"', 0), end: at(text, '"Order checks"', 14) });
    });

    test('built-in catalog items cannot be renamed, and say so', async () => {
        const text = 'journey J {\n    step s : Custom {\n        input events "New Order"\n    }\n}';
        const document = await parse(text);
        const params = { textDocument: { uri: document.uri.toString() }, position: at(text, 'New Order') };
        expect(() => lsp.RenameProvider!.prepareRename(document, params)).toThrow(ResponseError);
        expect(() => lsp.RenameProvider!.prepareRename(document, params)).toThrow(
            '"New Order" is a built-in business event of the IOM catalog and cannot be renamed.'
        );
        await expect(lsp.RenameProvider!.rename(document, { ...params, newName: 'X' })).rejects.toThrow('cannot be renamed');
    });
});

describe('outline, workspace symbols, folding', () => {
    const text = [
        'journey J {',
        '    step a : Custom { }',
        '    condition C {',
        '        yes {',
        '            step b : Custom { }',
        '        }',
        '        no { }',
        '    }',
        '    splitter S {',
        '        branch B1 {',
        '            step c : Custom { }',
        '        }',
        '    }',
        '}',
        'policy P {',
        '    rule R { }',
        '}',
        'event E',
        'provider X from DOM { }',
        'connection Conn { }'
    ].join('\n');

    test('journey → steps, conditions → paths → steps, splitters → branches → steps, with fitting kinds', async () => {
        const show = (symbol: DocumentSymbol): string =>
            `${KIND_NAMES[symbol.kind]} ${symbol.name}${symbol.children?.length ? ` [${symbol.children.map(show).join(', ')}]` : ''}`;
        await expectSymbols(services.Iom)({
            text,
            assert: symbols =>
                expect(symbols.map(show)).toEqual([
                    'Class J [Object a, Boolean C [EnumMember yes [Object b], EnumMember no], Operator S [EnumMember B1 [Object c]]]',
                    'Struct P [Method R]',
                    'Event E',
                    'Object X',
                    'Variable Conn'
                ])
        });
    });

    test('workspace symbols find declarations of every file by name', async () => {
        await services.addDocuments({ 'policies.iom': policiesFile, 'journeys.iom': journeysFile });
        const symbols = await services.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'Order checks' });
        const mine = symbols.filter(symbol => symbol.location.uri.startsWith('file:'));
        expect(mine.map(symbol => [symbol.name, KIND_NAMES[symbol.kind], symbol.location.uri])).toEqual([
            ['Order checks', 'Struct', 'file:///ws/policies.iom']
        ]);
    });

    test('folding ranges for every block and doc comment', async () => {
        const document = await parse('/**\n * Doc.\n */\n' + text);
        const ranges = await lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: { uri: document.uri.toString() } });
        const starts = ranges.map(range => range.startLine);
        // The doc comment, the journey, the condition, its yes path, the splitter, its branch, the policy.
        expect(starts).toEqual(expect.arrayContaining([0, 3, 5, 6, 11, 12, 17]));
    });
});
