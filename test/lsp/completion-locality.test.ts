/**
 * Completion parses and lexes only the top-level element around the cursor (not the text from the document's start):
 * these tests check that this gives the same items as Langium's whole-text computation, in a large document and in
 * documents with syntax errors before and around the cursor.
 */
import type { LangiumDocument, TextDocument } from 'langium';
import { type CompletionBacktrackingInformation, DefaultCompletionProvider, type NextFeature } from 'langium/lsp';
import { describe, expect, test, vi } from 'vitest';
import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { generateWorkspace } from '../../bench/generate.js';
import { IomCompletionProvider } from '../../language/lsp/iom-completion-provider.js';
import { createLspTestServices } from './helpers.js';
import { firstItems, itemAt } from '../helpers/items.js';

const services = await createLspTestServices();

/** The same provider with Langium's whole-text lexing and parsing: the reference. */
class WholeTextCompletionProvider extends IomCompletionProvider {
    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        return DefaultCompletionProvider.prototype['findFeaturesAt'].call(this, document, offset);
    }

    protected override backtrackToAnyToken(text: string, offset: number): CompletionBacktrackingInformation {
        return DefaultCompletionProvider.prototype['backtrackToAnyToken'].call(this, text, offset);
    }
}
const wholeText = new WholeTextCompletionProvider(services.Iom);

/** A generated estate of about 5,000 lines in one file; its last part is a journey file of about 100 lines. */
const large = generateWorkspace({ regions: 25, singleFile: true }).files.at(0)?.text ?? '';
const lastPart = large.lastIndexOf('// Region');

async function completeAt(document: LangiumDocument, offset: number, provider = services.Iom.lsp.CompletionProvider!): Promise<CompletionItem[]> {
    const list = await provider.getCompletion(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(offset)
    });
    return list?.items ?? [];
}

/** Items comparable across documents: text edit ranges relative to a line, in a stable order. */
function normalized(items: CompletionItem[], firstLine: number) {
    return items
        .map(item => {
            const edit = item.textEdit as TextEdit | undefined;
            const range = edit && {
                start: { line: edit.range.start.line - firstLine, character: edit.range.start.character },
                end: { line: edit.range.end.line - firstLine, character: edit.range.end.character }
            };
            return { ...item, textEdit: edit && { newText: edit.newText, range } };
        })
        .sort((a, b) => `${a.sortText}|${a.label}|${a.detail}`.localeCompare(`${b.sortText}|${b.label}|${b.detail}`));
}

/** Offsets in a text just after each match of the patterns (where users complete most). */
function cursorsIn(text: string, patterns: RegExp[]): number[] {
    return patterns.flatMap(pattern => [...text.matchAll(pattern)].map(match => match.index! + match[0].length));
}

const CURSORS = [
    /step "[^"]*" : /g, // a tile
    /step "[^"]*" : "Valid/g, // mid-name
    /input event /g, // an event
    /filter policy /g, // a policy
    /provider "[^"]*" action /g, // a provider's action
    /related "Order products" \{\n\s+/g, // a field, or a keyword of a condition row
    /input event "[^"\n]*"\n\s+/g, // a step's settings keywords
    /\n\s*published\n/g, // after a whole line
    /"Order Source" = /g, // a value
    /\n}\n/g, // between top-level elements
    /\npol/g, // in the first keyword of a top-level element
    /\njourney/g // at the end of it
];

describe('completion in a large document', () => {
    test('at the end of a 5,000-line document: the same items as the same element in a small document', async () => {
        expect(large.split('\n').length).toBeGreaterThanOrEqual(4_500);
        const part = large.slice(lastPart);
        const cursors = cursorsIn(part, CURSORS);
        expect(cursors.length).toBeGreaterThanOrEqual(10);

        await services.clearWorkspace();
        const estate = itemAt(await services.addDocuments({ 'estate.iom': large }), 0);
        expect(estate.parseResult.parserErrors).toEqual([]);
        const firstLine = estate.textDocument.positionAt(lastPart).line;
        // The completion parser reads the element around the cursor only, not the 5,000 lines before it.
        const parse = vi.spyOn(services.Iom.parser.CompletionParser, 'parse');
        const inLarge = [];
        try {
            for (const cursor of cursors) inLarge.push(normalized(await completeAt(estate, lastPart + cursor), firstLine));
            expect(parse).toHaveBeenCalled();
            for (const [text] of parse.mock.calls) expect(text.length).toBeLessThan(part.length);
        } finally {
            parse.mockRestore();
        }

        // The same declarations, with the last part in a document of its own.
        await services.clearWorkspace();
        const [, small] = firstItems(await services.addDocuments({ 'rest.iom': large.slice(0, lastPart), 'last.iom': part }), 2);
        expect(small.parseResult.parserErrors).toEqual([]);
        let withItems = 0;
        for (const [i, cursor] of cursors.entries()) {
            const items = normalized(await completeAt(small, cursor), 0);
            if (items.length > 0) withItems++;
            expect(inLarge[i], `items at ${JSON.stringify(part.slice(cursor - 30, cursor))}`).toEqual(items);
        }
        // Only a text value (`"Order Source" = <|>`) has nothing to propose.
        expect(withItems).toBeGreaterThanOrEqual(cursors.length - 2);
    });

    test("the same items as Langium's whole-text computation, at the start, the middle and the end", async () => {
        await services.clearWorkspace();
        const estate = itemAt(await services.addDocuments({ 'estate.iom': large }), 0);
        const middle = large.indexOf('// Region', Math.floor(large.length / 2));
        const offsets = [
            ...cursorsIn(large.slice(0, 4_000), CURSORS),
            ...cursorsIn(large.slice(middle, middle + 4_000), CURSORS).map(offset => middle + offset),
            ...cursorsIn(large.slice(lastPart), CURSORS).map(offset => lastPart + offset),
            large.length
        ];
        for (const offset of offsets) {
            expect(await completeAt(estate, offset), `items at ${JSON.stringify(large.slice(offset - 30, offset))}`).toEqual(
                await completeAt(estate, offset, wholeText)
            );
        }
    });
});

describe('completion in documents with syntax errors', () => {
    const journeys = generateWorkspace({ regions: 2, singleFile: true, withoutShared: true }).files.at(0)?.text ?? '';
    const declarations = generateWorkspace({ regions: 2, singleFile: true, firstRegion: 3 }).files.at(0)?.text ?? '';

    /** Compares with the whole-text computation at every offset of a range of the text. */
    async function expectSameAsWholeText(text: string, from: number, to: number): Promise<void> {
        await services.clearWorkspace();
        const [, document] = firstItems(await services.addDocuments({ 'decls.iom': declarations, 'edited.iom': text }), 2);
        expect(document.parseResult.parserErrors.length).toBeGreaterThan(0);
        for (let offset = from; offset <= to; offset++) {
            expect(
                await completeAt(document, offset),
                `items at ${JSON.stringify(text.slice(offset - 30, offset))}|${JSON.stringify(text.slice(offset, offset + 10))}`
            ).toEqual(await completeAt(document, offset, wholeText));
        }
    }

    test('a line being typed in the element around the cursor', async () => {
        const at = journeys.lastIndexOf('input event ');
        const text = `${journeys.slice(0, at)}input events \n        step "new" : \n        filter ${journeys.slice(at)}`;
        await expectSameAsWholeText(text, at - 40, at + 60);
    });

    test('an unclosed element before the element around the cursor', async () => {
        const broken = journeys.indexOf('    }\n}\n');
        const at = journeys.lastIndexOf('filter policy ');
        const text = journeys.slice(0, broken) + journeys.slice(broken + '    }\n}\n'.length);
        const cursor = at - '    }\n}\n'.length;
        await expectSameAsWholeText(text, cursor - 40, cursor + 40);
    });

    test('a declaration being typed between two elements', async () => {
        const at = journeys.lastIndexOf('\n// Region');
        const text = `${journeys.slice(0, at)}\npol\nstep "stray" : ${journeys.slice(at)}`;
        await expectSameAsWholeText(text, at - 5, at + 25);
    });
});
