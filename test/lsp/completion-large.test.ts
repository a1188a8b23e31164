// Completion with thousands of candidates (issue 12): the list is cut to the best items, matched against the typed
// text on the server, marked incomplete, and the documentation of long lists is left to completionItem/resolve.
import { parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import type { IomCompletionProvider } from '../../language/lsp/iom-completion-provider.js';
import { INLINE_DOCUMENTATION_ITEMS, MAX_COMPLETION_ITEMS } from '../../language/lsp/completion/references.js';
import { createLspTestServices, withCursor } from './helpers.js';
import { itemAt } from '../helpers/items.js';

const services = await createLspTestServices();
const parse = parseHelper(services.Iom);
const matcher = services.shared.lsp.FuzzyMatcher;

const EVENTS = 1500;
const manyEvents =
    Array.from({ length: EVENTS }, (_, i) => `event "Desk event ${String(i).padStart(4, '0')}" { entity Order }`).join('\n') +
    '\n' +
    // One of them is an allowed input of the step's action type: it must survive the cut, first.
    'allow "Desk event 1499" as input of "Order Validation"\n';

async function complete(textWithCursor: string): Promise<CompletionList> {
    await services.clearWorkspace();
    await services.addDocuments({ 'events.iom': manyEvents });
    const { text, offset } = withCursor(textWithCursor);
    const document = await parse(text);
    const list = await services.Iom.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(offset)
    });
    return list!;
}
const step = (typed: string) =>
    `journey J {\n    step A : Custom {\n        action type "Order Validation"\n        input event ${typed}\n    }\n}\n`;
const desk = (items: CompletionItem[]) => items.filter(item => item.label.startsWith('Desk event'));

describe('completion with thousands of candidates', () => {
    test('nothing typed: at most the limit, incomplete, the allowed input first, documentation left to resolve', async () => {
        const list = await complete(step('<|>'));
        expect(list.isIncomplete).toBe(true);
        expect(list.items.length).toBeLessThanOrEqual(MAX_COMPLETION_ITEMS);
        const sorted = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
        expect(sorted[0]?.label).toBe('Desk event 1499');
        // The best by sort text: the allowed input, then the others by name.
        expect(
            desk(sorted)
                .slice(1, 4)
                .map(item => item.label)
        ).toEqual(['Desk event 0000', 'Desk event 0001', 'Desk event 0002']);
        expect(list.items.length).toBeGreaterThan(INLINE_DOCUMENTATION_ITEMS);
        for (const item of desk(list.items)) {
            expect(item.documentation).toBeUndefined();
            expect(item.data).toEqual({ iomDeclaration: { type: 'BusinessEvent', name: item.label } });
        }
        const provider = services.Iom.lsp.CompletionProvider as IomCompletionProvider;
        const resolved = provider.resolveCompletionItem(itemAt(desk(list.items), 5));
        expect(JSON.stringify(resolved.documentation)).toContain(desk(list.items)[5]?.label);
    });

    test('a typed prefix is matched on the server (fuzzy, as the editor does): only matching items, documentation inline', async () => {
        const list = await complete(step('"Desk event 012<|>"'));
        const labels = desk(list.items).map(item => item.label);
        expect(labels).toEqual(expect.arrayContaining(Array.from({ length: 10 }, (_, i) => `Desk event 012${i}`)));
        expect(labels.length).toBeLessThanOrEqual(INLINE_DOCUMENTATION_ITEMS);
        expect(labels.every(label => matcher.match('Desk event 012', label))).toBe(true);
        for (const item of desk(list.items)) {
            expect(item.documentation).toBeTruthy();
            expect(item.data).toBeUndefined();
        }
    });

    test('a prefix that still matches more than the limit: the cut keeps the best of the matching items', async () => {
        const list = await complete(step('"Desk event 14<|>"'));
        expect(list.items.length).toBeLessThanOrEqual(MAX_COMPLETION_ITEMS);
        const labels = desk(list.items).map(item => item.label);
        expect(labels.length).toBeGreaterThan(INLINE_DOCUMENTATION_ITEMS);
        expect(labels.every(label => matcher.match('Desk event 14', label))).toBe(true);
        expect(labels).toContain('Desk event 1499');
        expect(labels).not.toContain('Desk event 0000');
    });
});
