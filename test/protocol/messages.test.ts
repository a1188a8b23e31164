// Messages as an editor receives them over stdio: lexer errors and misspelled keywords in the language's terms, the
// quick fixes of a disallowed input event (the similar allowed event first), and each code's documentation link.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { type CodeAction, CodeActionKind, CodeActionRequest, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, repoRoot } from './helpers/lsp-session';
import { sharedServer } from './helpers/shared-server';
import { firstItems, itemAt } from '../helpers/items.js';

const server = sharedServer();

/** Opens the text and asks for the quick fixes of its first diagnostic with `code`. */
async function quickFixesOf(file: string, text: string, code: string): Promise<CodeAction[]> {
    const diagnostic = itemAt(await diagnosticsOf(file, text, code), 0);
    return (await server.session.request(CodeActionRequest.type, {
        textDocument: { uri: server.workspace.uri(file) },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] }
    })) as CodeAction[];
}

async function diagnosticsOf(file: string, text: string, code: string): Promise<Diagnostic[]> {
    const uri = server.workspace.uri(file);
    await server.session.open(uri, text);
    const diagnostics = await server.session.waitForDiagnostics(uri, list => list.some(d => d.code === code));
    return diagnostics.filter(d => d.code === code);
}

describe('syntax messages', () => {
    test('an unknown character is named, with its code point and a hint, at its position', async () => {
        const error = itemAt(await diagnosticsOf('lexer.iom', 'event "Order Packed"\nevent A -> B\n', 'IOM0001'), 0);
        expect(error.message).toBe(
            "Unexpected character '-' (U+002D): not part of the IOM language here. A journey's order is the order of its steps; " +
                'there are no arrows. A name with a dash is written in double quotes.'
        );
        expect(error.range.start).toEqual({ line: 1, character: 8 });
        const quote = itemAt(await diagnosticsOf('quote.iom', "event 'Order Packed'\n", 'IOM0001'), 0);
        expect(quote.message).toContain("Unexpected character ''' (U+0027)");
        expect(quote.message).toContain('Names and texts are written in double quotes');
        expect(quote.message).not.toMatch(/offset|skipped|->/);
    });

    test('a misspelled keyword suggests the keyword that fits in that block', async () => {
        const text = 'policy P {\n    type filter\n    criticality information\n    entity Order\n    publishe\n}\n';
        const error = itemAt(await diagnosticsOf('misspelled.iom', text, 'IOM0002'), 0);
        expect(error.message).toBe("Unknown keyword 'publishe' in this policy. Did you mean 'published'?");
        const [step] = firstItems(
            await diagnosticsOf('misspelled-step.iom', 'journey J {\n    step s : Custom {\n        inptu events "New Order"\n    }\n}\n', 'IOM0002'),
            1
        );
        expect(step.message).toBe("Unknown keyword 'inptu' in this step. Did you mean 'input'?");
        const top = itemAt(await diagnosticsOf('misspelled-top.iom', 'jurney J { }\n', 'IOM0002'), 0);
        expect(top.message).toContain("Did you mean 'journey'?");
    });

    test("each diagnostic's code links to its own section of the diagnostics documentation", async () => {
        const error = itemAt(await diagnosticsOf('link.iom', 'event A @\n', 'IOM0001'), 0);
        const href = error.codeDescription!.href;
        expect(href).toMatch(/\/docs\/diagnostics\.md#iom0001$/);
        const file = fileURLToPath(href.replace(/#.*$/, ''));
        expect(file).toBe(path.join(repoRoot, 'docs', 'diagnostics.md'));
        // The fragment is the heading's anchor as Markdown renderers (VS Code's preview, GitHub) make it.
        expect(fs.readFileSync(file, 'utf8')).toMatch(/^### IOM0001$/m);
    });
});

describe('quick fixes of a disallowed input event', () => {
    /** A journey whose order-validation step takes a new event of Order as its input event (not allowed there: IOM4001). */
    const journeyWithInputEvent = (event: string, journey: string) =>
        [
            `event "${event}" { entity Order }`,
            `journey "${journey}" {`,
            '    orchestration type "Order orchestration"',
            '    step Check : "Validate Order Header" {',
            `        input events "${event}"`,
            '    }',
            '}',
            ''
        ].join('\n');

    test('replacing it with the similar allowed event comes first and is preferred; allowing it comes second', async () => {
        const file = 'similar.iom';
        const text = journeyWithInputEvent('New Orders', 'Similar');
        const actions = await quickFixesOf(file, text, 'IOM4001');
        expect(actions.map(action => [action.title, action.isPreferred])).toEqual([
            ["Replace with the allowed 'New Order'", true],
            ["Allow 'New Orders' as input of 'Order Validation'", false]
        ]);
        const fixed = applyEdits(text, itemAt(actions, 0).edit!.changes![server.workspace.uri(file)] ?? []);
        expect(fixed).toContain('input events "New Order"\n');
        await server.session.change(server.workspace.uri(file), fixed);
        await server.session.waitForDiagnostics(server.workspace.uri(file), list => !list.some(d => d.code === 'IOM4001'));
    });

    test('without a similar allowed event, allowing it is the only, preferred fix', async () => {
        const file = 'unrelated.iom';
        const text = journeyWithInputEvent('Warehouse Tick', 'Unrelated');
        const actions = await quickFixesOf(file, text, 'IOM4001');
        expect(actions.map(action => [action.title, action.isPreferred])).toEqual([["Allow 'Warehouse Tick' as input of 'Order Validation'", true]]);
    });
});
