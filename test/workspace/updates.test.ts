/**
 * How a workspace follows edits: the index manager (language/workspace/iom-index-manager.ts) and the linker
 * (language/model/interrupt.ts).
 *
 * The workspace-wide scope of each reference type (language/workspace/iom-index-manager.ts, `globalScope`) is kept up
 * to date as documents are indexed, instead of being rebuilt from the whole index after every change. After every
 * step of a sequence of edits, additions and deletions it must answer what Langium's own scope over the same index
 * answers: the same declaration for every name (the first in index order when a name is declared twice), and the
 * same lists.
 *
 * The index of references is described when references are searched, not by every build: after any sequence of
 * edits a search must find exactly the references the files then hold.
 *
 * A file's dependants are relinked after it changes, but only their references that pointed into it (or did not
 * resolve): each reference must then point where a full relink would, into the file's new tree.
 */
import { AstUtils, DocumentState, MultiMapScope, type Scope, type URI } from 'langium';
import type { Model } from '../../language/generated/ast.js';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtMemoryWorkspace } from '../helpers/language-services.js';

const TYPES = ['BusinessEvent', 'ProviderDefinition', 'Connection', 'ActionType', 'Entity', 'Journey'];

async function workspace(files: Record<string, string>) {
    const { shared, Iom, builder, uriOf } = await builtMemoryWorkspace(files, { validation: false });
    const { LangiumDocuments: documents, IndexManager: index } = shared.workspace;
    let version = 1;
    const update = (changed: URI[], deleted: URI[]) => shared.workspace.WorkspaceLock.write(token => builder.update(changed, deleted, token));
    return {
        /** Every type's scope, as the index manager keeps it and as Langium would build it now: the same answers. */
        expectLikeLangium(names: string[]) {
            for (const type of TYPES) {
                const ours = index.globalScope(type);
                const langium = new MultiMapScope(index.allElements(type));
                for (const name of names) {
                    expect(ours.getElement(name)?.path, `${type} ${name}`).toBe(langium.getElement(name)?.path);
                    expect(ours.getElement(name)?.documentUri.toString(), `${type} ${name}`).toBe(langium.getElement(name)?.documentUri.toString());
                    expect(
                        ours
                            .getElements(name)
                            .map(d => `${d.documentUri.path}#${d.path}`)
                            .toArray()
                    ).toEqual(
                        langium
                            .getElements(name)
                            .map(d => `${d.documentUri.path}#${d.path}`)
                            .toArray()
                    );
                }
                // Every declaration, names in the order they first appear (what "did you mean" reads; Langium's list groups
                // a name's declarations together, this one keeps the index's order).
                const all = (scope: Scope) =>
                    scope
                        .getAllElements()
                        .map(d => `${d.name} ${d.documentUri.path}#${d.path}`)
                        .toArray();
                expect(all(ours).sort()).toEqual(all(langium).sort());
                const firstSeen = (scope: Scope) => [...new Set(scope.getAllElements().map(d => d.name))];
                expect(firstSeen(ours)).toEqual(firstSeen(langium));
            }
        },
        /**
         * Where the declaration of a type and name is referenced: `file:line`, sorted. Like the language server's find
         * references and rename, it first waits for the workspace's references to be indexed (an edit's dependants
         * are relinked by a follow-up build).
         */
        async referencesTo(type: string, name: string): Promise<string[]> {
            await builder.waitUntil(DocumentState.IndexedReferences);
            const node = index.globalScope(type).getElement(name)?.node;
            if (!node) return [];
            return Iom.references.References.findReferences(node, { includeDeclaration: false })
                .map(reference => `${reference.sourceUri.path.slice('/ws/'.length)}:${reference.segment.range.start.line + 1}`)
                .toArray()
                .sort();
        },
        /** The document of a file. */
        document(name: string) {
            return documents.getDocument(uriOf(name))!;
        },
        /** Each reference of a file: its text, and the file and path of its target (or `unresolved`). */
        targetsOf(name: string): string[] {
            const document = documents.getDocument(uriOf(name))!;
            return document.references.map(reference => {
                const target = 'ref' in reference ? reference.ref : undefined;
                const where = target
                    ? `${AstUtils.getDocument(target).uri.path.slice('/ws/'.length)}${Iom.workspace.AstNodeLocator.getAstNodePath(target)}`
                    : 'unresolved';
                return `${reference.$refText} -> ${where}`;
            });
        },
        /** A file's contribution to the workspace facts. */
        contribution: (name: string) => shared.workspace.FactsProvider.documentFacts(documents.getDocument(uriOf(name))!),
        /** Waits for the follow-up build that relinks an edit's dependants. */
        settled: () => builder.waitUntil(DocumentState.IndexedReferences),
        /** Writes a file, new or existing, as an editor does. */
        async write(name: string, text: string) {
            shared.workspace.TextDocuments!.set(TextDocument.create(uriOf(name).toString(), 'iom', ++version, text));
            await update([uriOf(name)], []);
        },
        async remove(name: string) {
            shared.workspace.TextDocuments!.delete(uriOf(name).toString());
            await update([], [uriOf(name)]);
        }
    };
}

const NAMES = ['A', 'B', 'C', 'Shared', 'New Order', 'Contoso', 'Nowhere'];

describe('the global scope kept up to date by the index manager', () => {
    test('answers as Langium’s scope over the same index after edits, additions, deletions and duplicate names', async () => {
        const ws = await workspace({
            'one.iom': 'event A\nevent Shared\nconnection C {\n    connector "Microsoft Dataverse"\n}\n',
            'two.iom': 'event B\nevent Shared\n',
            'three.iom': 'journey Shared {\n    orchestration type "Order orchestration"\n}\n'
        });
        // Looked up once before the edits, so the scopes exist and are updated rather than built afresh.
        ws.expectLikeLangium(NAMES);

        await ws.write('two.iom', 'event B\nevent Shared\nevent C\n');
        ws.expectLikeLangium(NAMES);
        // The first file still declares Shared first: editing the second does not move it ahead.
        await ws.write('two.iom', 'event Shared\nevent B\n');
        ws.expectLikeLangium(NAMES);
        await ws.write('one.iom', 'event A\n');
        ws.expectLikeLangium(NAMES);
        await ws.write('one.iom', 'event Shared\nevent A\nevent A\n');
        ws.expectLikeLangium(NAMES);
        await ws.write('four.iom', 'event Shared\nevent "New Order"\nevent Contoso\n');
        ws.expectLikeLangium(NAMES);
        await ws.remove('one.iom');
        ws.expectLikeLangium(NAMES);
        await ws.write('one.iom', 'event Shared\n');
        ws.expectLikeLangium(NAMES);
        await ws.remove('four.iom');
        ws.expectLikeLangium(NAMES);
    });
});

describe('the index of references, described when searched', () => {
    test('finds what the files hold after edits that add, move and remove references, and after deletions', async () => {
        const ws = await workspace({
            'events.iom': 'event Shipped\nevent Packed\n',
            'one.iom': 'action type Notify {\n    input events Shipped\n}\n',
            'two.iom': 'action type Pack {\n    input events Packed, Shipped\n}\n'
        });
        expect(await ws.referencesTo('BusinessEvent', 'Shipped')).toEqual(['one.iom:2', 'two.iom:2']);
        expect(await ws.referencesTo('BusinessEvent', 'Packed')).toEqual(['two.iom:2']);

        await ws.write('one.iom', '\naction type Notify {\n    input events Packed\n}\n');
        expect(await ws.referencesTo('BusinessEvent', 'Shipped')).toEqual(['two.iom:2']);
        expect(await ws.referencesTo('BusinessEvent', 'Packed')).toEqual(['one.iom:3', 'two.iom:2']);

        // Two edits without a search in between: the second one's state is what is found.
        await ws.write('three.iom', 'action type Ship {\n    input events Shipped\n}\n');
        await ws.write('two.iom', 'action type Pack {\n    input events Packed\n}\n');
        expect(await ws.referencesTo('BusinessEvent', 'Shipped')).toEqual(['three.iom:2']);

        await ws.remove('three.iom');
        expect(await ws.referencesTo('BusinessEvent', 'Shipped')).toEqual([]);
        // The declarations' file edited: its dependants are relinked, and found again as they are.
        await ws.write('events.iom', 'event Packed\nevent Shipped\n');
        expect(await ws.referencesTo('BusinessEvent', 'Packed')).toEqual(['one.iom:3', 'two.iom:2']);
    });
});

describe('relinking a changed file’s dependants', () => {
    test('only the references into the changed file are resolved again, each as a full relink resolves it', async () => {
        const ws = await workspace({
            'events.iom': 'event Shipped\nevent Packed\n',
            'more.iom': 'event Billed\n',
            'types.iom': 'action type Notify {\n    input events Shipped, Billed, Cancelled\n}\n'
        });
        expect(ws.targetsOf('types.iom')).toEqual(['Shipped -> events.iom/elements@0', 'Billed -> more.iom/elements@0', 'Cancelled -> unresolved']);
        const targetOf = (index: number) => {
            const reference = ws.document('types.iom').references[index];
            return reference && 'ref' in reference ? reference.ref : undefined;
        };
        const billed = targetOf(1);

        // Shipped moves and Cancelled is declared: both are resolved again; Billed still points to the same node.
        await ws.write('events.iom', 'event Packed\nevent Cancelled\nevent Shipped\n');
        await ws.settled();
        expect(ws.targetsOf('types.iom')).toEqual([
            'Shipped -> events.iom/elements@2',
            'Billed -> more.iom/elements@0',
            'Cancelled -> events.iom/elements@1'
        ]);
        expect(targetOf(1)).toBe(billed);
        expect(targetOf(0)).toBe((ws.document('events.iom').parseResult.value as Model).elements[2]);

        // The other file deleted: its reference no longer resolves; the rest is untouched.
        await ws.remove('more.iom');
        await ws.settled();
        expect(ws.targetsOf('types.iom')).toEqual(['Shipped -> events.iom/elements@2', 'Billed -> unresolved', 'Cancelled -> events.iom/elements@1']);
    });

    test('after edits that follow each other before the dependants are relinked, each reference points into the newest tree', async () => {
        const ws = await workspace({
            'events.iom': 'event Shipped\nevent Packed\n',
            'types.iom': 'action type Notify {\n    input events Shipped, Packed\n}\n'
        });
        const targetOf = (index: number) => {
            const reference = ws.document('types.iom').references[index];
            return reference && 'ref' in reference ? reference.ref : undefined;
        };
        // Each edit resets the dependant; the next edit comes before its relinking (the follow-up waits for typing to
        // pause), and what its references hold in between is read, as a lookup would.
        await ws.write('events.iom', 'event Packed\nevent Shipped\n');
        targetOf(0);
        await ws.write('events.iom', '\nevent Packed\n\nevent Shipped\n');
        targetOf(1);
        await ws.write('events.iom', 'event Shipped\nevent Billed\nevent Packed\n');
        await ws.settled();
        const events = (ws.document('events.iom').parseResult.value as Model).elements;
        expect(ws.targetsOf('types.iom')).toEqual(['Shipped -> events.iom/elements@0', 'Packed -> events.iom/elements@2']);
        expect(targetOf(0)).toBe(events[0]);
        expect(targetOf(1)).toBe(events[2]);
    });

    test('a contribution to the workspace facts is computed again when linking resolves one of its references again', async () => {
        const ws = await workspace({
            'events.iom': 'event Shipped\n',
            'types.iom': 'action type Notify {\n    input events Shipped\n}\nallow Shipped as input of Notify\n'
        });
        const events = () => (ws.document('events.iom').parseResult.value as Model).elements;
        const allowedEvents = (facts: ReturnType<typeof ws.contribution>) => facts.allowed.map(([, event]) => event);
        const before = ws.contribution('types.iom');
        expect(allowedEvents(before).length).toBeGreaterThan(0);
        expect(allowedEvents(before).every(event => event === events()[0])).toBe(true);

        await ws.write('events.iom', 'event Packed\nevent Shipped\n');
        await ws.settled();
        const after = ws.contribution('types.iom');
        expect(after).not.toBe(before);
        // The allowed event is the node of the edited file's new tree.
        expect(allowedEvents(after).length).toBe(allowedEvents(before).length);
        expect(allowedEvents(after).every(event => event === events()[1])).toBe(true);
    });
});
