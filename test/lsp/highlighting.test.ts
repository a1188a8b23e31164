import { expectSemanticToken, highlightHelper, parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { createLspTestServices } from './helpers.js';

const services = await createLspTestServices();
const highlight = highlightHelper(services.Iom);
const parse = parseHelper(services.Iom);
const modifierBits = services.Iom.lsp.SemanticTokenProvider!.tokenModifiers;
const hasModifier = (bits: number, modifier: string) => {
    const bit = modifierBits[modifier];
    if (bit === undefined) throw new Error(`no semantic token modifier '${modifier}'`);
    return (bits & bit) !== 0;
};

const text = [
    'event <|Done|>',
    'policy <|Checks|> { type execution }',
    'provider <|DOM|> from <|"Dynamics 365 Distributed Order Management"|> { }',
    'journey <|J|> {',
    '    step <|s|> : <|"Validate Order Header"|> {',
    '        input events <|"New Order"|>',
    '        output events <|Done|>',
    '        execution policies <|Checks|>',
    '        provider <|DOM|> action <|"Send Order to Retail DOM"|>',
    '    }',
    '}'
].join('\n');

describe('semantic tokens', () => {
    test('events, policies, providers, tiles, journeys and steps each have their token type', async () => {
        const result = await highlight(text);
        const expected = [
            SemanticTokenTypes.event,
            SemanticTokenTypes.interface,
            SemanticTokenTypes.class,
            SemanticTokenTypes.class,
            SemanticTokenTypes.namespace,
            SemanticTokenTypes.function,
            SemanticTokenTypes.type,
            SemanticTokenTypes.event,
            SemanticTokenTypes.event,
            SemanticTokenTypes.interface,
            SemanticTokenTypes.class,
            SemanticTokenTypes.method
        ];
        expected.forEach((tokenType, rangeIndex) => expectSemanticToken(result, { rangeIndex, tokenType }));
    });

    test('declarations carry the declaration modifier, references do not; built-ins carry defaultLibrary', async () => {
        const plain = text.replace(/<\||\|>/g, '');
        const { tokens } = await highlight(plain);
        const token = (line: number, name: string) => {
            const lineStart = plain.split('\n').slice(0, line).join('\n').length + (line ? 1 : 0);
            const offset = plain.indexOf(name, lineStart);
            return tokens.find(t => t.offset === offset)!;
        };
        const done = token(0, 'Done');
        expect(hasModifier(done.tokenModifiers, SemanticTokenModifiers.declaration)).toBe(true);
        expect(hasModifier(done.tokenModifiers, SemanticTokenModifiers.defaultLibrary)).toBe(false);
        const doneRef = token(6, 'Done');
        expect(hasModifier(doneRef.tokenModifiers, SemanticTokenModifiers.declaration)).toBe(false);
        const newOrder = token(5, '"New Order"');
        expect(hasModifier(newOrder.tokenModifiers, SemanticTokenModifiers.defaultLibrary)).toBe(true);
        const tile = token(4, '"Validate Order Header"');
        expect(hasModifier(tile.tokenModifiers, SemanticTokenModifiers.defaultLibrary)).toBe(true);
        expect(hasModifier(token(2, 'DOM').tokenModifiers, SemanticTokenModifiers.defaultLibrary)).toBe(false);
    });

    test('an unresolved reference still gets the token type of what it should point to', async () => {
        const result = await highlight('journey J {\n    step s : Custom {\n        input events <|Nope|>\n    }\n}');
        expectSemanticToken(result, { rangeIndex: 0, tokenType: SemanticTokenTypes.event });
    });
});

describe('inlay hints', () => {
    async function hints(source: string) {
        const document = await parse(source);
        const result = await services.Iom.lsp.InlayHintProvider!.getInlayHints(document, {
            textDocument: { uri: document.uri.toString() },
            range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(source.length) }
        });
        return (result ?? []).map(hint => `${hint.position.line}:${hint.position.character} ${hint.label as string}`);
    }

    test('the action type a tile implies, unless the step sets one; the definition behind a provider', async () => {
        const source = [
            'provider DOM from "Dynamics 365 Distributed Order Management" { }',
            'journey J {',
            '    step a : "Validate Order Header" { }',
            '    step b : "Validate Order Header" {',
            '        action type "Order Line Validation"',
            '    }',
            '    step c : Custom { }',
            '    step d : "Send to DOM" {',
            '        provider DOM action "Send Order to Retail DOM"',
            '    }',
            '}'
        ].join('\n');
        expect(await hints(source)).toEqual([
            '2:36 action type: Order Validation',
            '7:26 action type: Fulfillment Determination',
            '8:20 from Dynamics 365 Distributed Order Management'
        ]);
    });
});
