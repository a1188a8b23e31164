// Completion with thousands of candidates (issue 12): the list is cut to the best items, matched against the typed
// text on the server, marked incomplete, and the documentation of long lists is left to completionItem/resolve.
import { type LangiumDocument, URI } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
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

describe('completion with thousands of candidates, from one request to the next', () => {
    const eventsUri = URI.parse('file:///ws/events.iom');
    const otherUri = URI.parse('file:///ws/other.iom');
    const builder = services.shared.workspace.DocumentBuilder;
    const index = services.shared.workspace.IndexManager;

    let version = 0;
    /** A document's new text, through the path an editor's edit takes (text documents, an update in the workspace lock). */
    async function write(uri: URI, text: string): Promise<void> {
        services.shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'iom', ++version, text));
        await services.shared.workspace.WorkspaceLock.write(token => builder.update([uri], [], token));
    }

    async function completeIn(document: LangiumDocument, offset: number): Promise<string[]> {
        const list = await services.Iom.lsp.CompletionProvider!.getCompletion(document, {
            textDocument: { uri: document.uri.toString() },
            position: document.textDocument.positionAt(offset)
        });
        return desk(list!.items).map(item => item.label);
    }

    test('an edit that declares, renames or removes events is in the next list; an edit that declares none keeps the sorted list', async () => {
        await services.addDocuments({ 'events.iom': manyEvents, 'other.iom': 'entity "Other thing" { }\n' });
        const { text, offset } = withCursor(step('<|>'));
        const journey = await parse(text);
        const first = await completeIn(journey, offset);
        expect(first.slice(0, 4)).toEqual(['Desk event 1499', 'Desk event 0000', 'Desk event 0001', 'Desk event 0002']);

        // No event declared or removed: the version of the events' declarations stays, and so does the list.
        const version = index.exportsVersion('BusinessEvent');
        await write(otherUri, 'entity "Other thing" { }\nentity "Yet another" { }\n');
        expect(index.exportsVersion('BusinessEvent')).toBe(version);
        expect(await completeIn(journey, offset)).toEqual(first);

        // A new event sorted before the others, one renamed and one removed: the next list has them as they are now.
        const edited = manyEvents
            .replace('event "Desk event 0000"', 'event "Desk event 0000 renamed"')
            .replace(/event "Desk event 0001" \{[^}]*\}\n/, '')
            .concat('event "Desk event 0000 new" { entity Order }\n');
        await write(eventsUri, edited);
        expect(index.exportsVersion('BusinessEvent')).not.toBe(version);
        const after = await completeIn(journey, offset);
        expect(after.slice(0, 5)).toEqual([
            'Desk event 1499',
            'Desk event 0000 new',
            'Desk event 0000 renamed',
            'Desk event 0002',
            'Desk event 0003'
        ]);
        expect(after).not.toContain('Desk event 0001');

        // An event declared in another document counts too.
        await write(otherUri, 'event "Desk event 00" { entity Order }\n');
        expect((await completeIn(journey, offset)).slice(0, 3)).toEqual(['Desk event 1499', 'Desk event 00', 'Desk event 0000 new']);
        // And so does its document's deletion.
        services.shared.workspace.TextDocuments!.delete(otherUri);
        await services.shared.workspace.WorkspaceLock.write(token => builder.update([], [otherUri], token));
        expect((await completeIn(journey, offset)).slice(0, 3)).toEqual(['Desk event 1499', 'Desk event 0000 new', 'Desk event 0000 renamed']);
    });

    test('typing, deleting and typing something else: each list holds exactly the candidates the typed text matches', async () => {
        await services.addDocuments({ 'events.iom': manyEvents });
        const names = Array.from({ length: EVENTS }, (_, i) => `Desk event ${String(i).padStart(4, '0')}`);
        for (const typed of [
            '"D',
            '"Desk',
            '"Desk event 1',
            '"Desk event 14',
            '"Desk event 149',
            '"Desk event 1',
            '"Desk event 0',
            '"Desk event 00',
            '"x'
        ]) {
            const { text, offset } = withCursor(step(`${typed}<|>"`));
            const document = await parse(text);
            const labels = await completeIn(document, offset);
            const expected = names.filter(
                name => matcher.match(typed, name) || matcher.match(typed.slice(1), name) || matcher.match(typed, `"${name}"`)
            );
            // The allowed input (when it matches) first, then the best of the others by name: all of them when the
            // list is not cut.
            const allowed = expected.includes('Desk event 1499') ? ['Desk event 1499'] : [];
            const others = expected.filter(name => name !== 'Desk event 1499');
            expect(labels).toEqual([...allowed, ...others.slice(0, labels.length - allowed.length)]);
            if (expected.length <= INLINE_DOCUMENTATION_ITEMS) expect(labels.length).toBe(expected.length);
            else expect(labels.length).toBeGreaterThan(INLINE_DOCUMENTATION_ITEMS);
        }
    });
});

test('thousands of policies: the kind asked for, published ones first by name, unpublished ones after them', async () => {
    const policies = Array.from({ length: 600 }, (_, i) => {
        const name = `Policy ${String(i).padStart(3, '0')}`;
        // Every third is an execution policy; of the filter policies, those ending in 1 or 2 are not published.
        const type = i % 3 === 0 ? 'execution' : 'filter';
        return `policy "${name}" { type ${type} entity Order${i % 10 === 1 || i % 10 === 2 ? '' : ' published'} }`;
    }).join('\n');
    await services.clearWorkspace();
    await services.addDocuments({ 'policies.iom': policies + '\n' });
    const { text, offset } = withCursor('journey J {\n    step "s" : Custom {\n        filter policies <|>\n    }\n}\n');
    const document = await parse(text);
    const list = await services.Iom.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(offset)
    });
    const labels = list!.items.filter(item => item.label.startsWith('Policy ')).map(item => item.label);
    const filters = Array.from({ length: 600 }, (_, i) => i).filter(i => i % 3 !== 0);
    const published = filters.filter(i => i % 10 !== 1 && i % 10 !== 2).map(i => `Policy ${String(i).padStart(3, '0')}`);
    const unpublished = filters.filter(i => i % 10 === 1 || i % 10 === 2).map(i => `Policy ${String(i).padStart(3, '0')}`);
    expect(labels).toEqual([...published, ...unpublished].slice(0, labels.length));
    expect(labels.length).toBe(MAX_COMPLETION_ITEMS);

    // Typed text that leaves fewer published policies than the limit: the unpublished ones follow them.
    const typed = withCursor('journey J {\n    step "s" : Custom {\n        filter policies "Policy 0<|>"\n    }\n}\n');
    const narrowed = await parse(typed.text);
    const typedList = await services.Iom.lsp.CompletionProvider!.getCompletion(narrowed, {
        textDocument: { uri: narrowed.uri.toString() },
        position: narrowed.textDocument.positionAt(typed.offset)
    });
    const typedLabels = typedList!.items.filter(item => item.label.startsWith('Policy ')).map(item => item.label);
    const matches = (name: string) => matcher.match('Policy 0', name);
    expect(published.filter(matches).length).toBeLessThan(MAX_COMPLETION_ITEMS);
    expect(typedLabels).toEqual([...published.filter(matches), ...unpublished.filter(matches)].slice(0, MAX_COMPLETION_ITEMS));
});
