/**
 * Cross-file diagnostics after edits, through the path an editor takes: the new text goes into the text documents
 * and `DocumentBuilder.update` runs in the workspace lock. The edited document is validated by that update; other
 * documents whose cross-file facts changed are validated again by the follow-up build (language/validation/
 * revalidation.ts), and only those.
 */
import { DocumentState, EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createIomServices } from '../../language/iom-module.js';
import { IomDocumentBuilder } from '../../language/validation/revalidation.js';
import { builtinDocuments } from '../../language/workspace/iom-workspace-manager.js';
import { itemAt } from '../helpers/items.js';

const URL = 'https://make.powerautomate.com/environments/Default-1a2b/connections?apiName=shared_commondataserviceforapps&connectionName=c0ffee';

const journey = `journey J {
    orchestration type "Order orchestration"
    step A : "Validate Order Line" {
        input events "New Order"
    }
}
`;
const allow = 'allow "New Order" as input of "Order Line Validation"\n';
const connection = `connection C {
    connector "Microsoft Dataverse"
    url "${URL}"
}
`;
const definition = `provider definition D {
    logical name contoso_D
    active
    connection reference Ref { connector "Microsoft Dataverse" }
}
`;
const boundInstance = `${definition}provider P from D {
    bind Ref to C
}
`;
const unboundInstance = `${definition}provider P from D {
}
`;

/** A workspace of in-memory files built like the server's first build, and an editor-like edit. */
async function openWorkspace(files: Record<string, string>, builderOptions?: { followsEdits: boolean }) {
    const { shared } = createIomServices(
        EmptyFileSystem,
        undefined,
        builderOptions ? { workspace: { DocumentBuilder: services => new IomDocumentBuilder(services, builderOptions) } } : undefined
    );
    const builder = shared.workspace.DocumentBuilder;
    if (!(builder instanceof IomDocumentBuilder)) throw new Error('the IOM document builder is not wired');
    const factory = shared.workspace.LangiumDocumentFactory;
    const uriOf = (name: string) => URI.parse(`file:///ws/${name}`);
    const documents = [
        ...builtinDocuments().map(({ uri, text }) => factory.fromString(text, uri)),
        ...Object.entries(files).map(([name, text]) => factory.fromString(text, uriOf(name)))
    ];
    for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
    await builder.build(documents, { validation: true });

    const validated: string[] = [];
    builder.onDocumentPhase(DocumentState.Validated, document => {
        validated.push(document.uri.path.split('/').pop()!);
    });
    let version = 1;
    const document = (name: string): LangiumDocument => shared.workspace.LangiumDocuments.getDocument(uriOf(name))!;
    return {
        builder,
        document,
        codes: (name: string) => (document(name).diagnostics ?? []).map(diagnostic => diagnostic.code),
        /** The files validated since the last edit started, in order. */
        validated,
        /**
         * Types new text into a file; resolves when the edit's update and any follow-up build are done (`settle`
         * false: at once; `'update'`: when the update is done, before its follow-up).
         */
        async edit(name: string, text: string, options: { settle?: boolean | 'update' } = {}): Promise<void> {
            validated.length = 0;
            shared.workspace.TextDocuments!.set(TextDocument.create(uriOf(name).toString(), 'iom', ++version, text));
            const update = shared.workspace.WorkspaceLock.write(token => builder.update([uriOf(name)], [], token));
            if (options.settle === false) return;
            await update;
            if (options.settle === 'update') return;
            await builder.whenRevalidated();
        },
        /** Deletes a file; resolves when the update and any follow-up build are done. */
        async remove(name: string): Promise<void> {
            validated.length = 0;
            shared.workspace.TextDocuments!.delete(uriOf(name).toString());
            await shared.workspace.WorkspaceLock.write(token => builder.update([], [uriOf(name)], token));
            await builder.whenRevalidated();
        }
    };
}

describe('cross-file diagnostics after an edit', () => {
    test('a workspace built for a batch command (no facts versions kept) that is edited after all revalidates what the edit affects', async () => {
        const ws = await openWorkspace({ 'events.iom': 'event Other\n', 'journey.iom': journey }, { followsEdits: false });
        expect(ws.codes('journey.iom')).toContain('IOM4001');
        await ws.edit('events.iom', `event Other\n${allow}`);
        expect(ws.codes('journey.iom')).not.toContain('IOM4001');
        await ws.edit('events.iom', 'event Other\n');
        expect(ws.codes('journey.iom')).toContain('IOM4001');
    });

    test('an allow added in one file clears IOM4001 on a step in another; removing it brings the error back', async () => {
        const ws = await openWorkspace({ 'events.iom': 'event Other\n', 'journey.iom': journey });
        expect(ws.codes('journey.iom')).toContain('IOM4001');
        const journeyTree = ws.document('journey.iom').parseResult.value;

        await ws.edit('events.iom', `event Other\n${allow}`);
        expect(ws.codes('journey.iom')).not.toContain('IOM4001');
        // Validated again, not re-parsed: the journey file does not reference the edited file.
        expect(ws.document('journey.iom').parseResult.value).toBe(journeyTree);
        expect(ws.validated).toEqual(['events.iom', 'journey.iom']);

        await ws.edit('events.iom', 'event Other\n');
        expect(ws.codes('journey.iom')).toContain('IOM4001');
    });

    test('deleting the last use of a connection makes IOM2007 appear on it in another file', async () => {
        const ws = await openWorkspace({ 'connections.iom': connection, 'providers.iom': boundInstance });
        expect(ws.codes('connections.iom')).not.toContain('IOM2007');

        await ws.edit('providers.iom', unboundInstance);
        expect(ws.codes('connections.iom')).toContain('IOM2007');

        await ws.edit('providers.iom', boundInstance);
        expect(ws.codes('connections.iom')).not.toContain('IOM2007');
    });

    test('a name that becomes a duplicate is reported in both files, and cleared in both when renamed back', async () => {
        const ws = await openWorkspace({ 'a.iom': 'event Dup\n', 'b.iom': 'event Other\n' });
        expect(ws.codes('a.iom')).not.toContain('IOM1002');

        await ws.edit('b.iom', 'event Dup\n');
        expect(ws.codes('a.iom')).toEqual(['IOM1002']);
        expect(ws.codes('b.iom')).toEqual(['IOM1002']);
        expect(ws.document('a.iom').diagnostics![0]?.message).toContain('b.iom:1');

        // The duplicate moves one line down: the report in a.iom names the new line.
        await ws.edit('b.iom', '\nevent Dup\n');
        expect(ws.document('a.iom').diagnostics![0]?.message).toContain('b.iom:2');

        await ws.edit('b.iom', 'event Other\n');
        expect(ws.codes('a.iom')).toEqual([]);
        expect(ws.codes('b.iom')).toEqual([]);
    });

    test('a duplicate in a deleted file is cleared in the other; a file added with the name reports it again', async () => {
        const ws = await openWorkspace({ 'a.iom': 'event Dup\n', 'b.iom': 'event Dup\n', 'c.iom': 'event Other\n' });
        expect(ws.codes('a.iom')).toEqual(['IOM1002']);

        await ws.remove('b.iom');
        expect(ws.codes('a.iom')).toEqual([]);

        await ws.edit('d.iom', 'event Other\nevent Dup\n');
        expect(ws.codes('a.iom')).toEqual(['IOM1002']);
        expect(ws.document('a.iom').diagnostics![0]?.message).toContain('d.iom:2');
        expect(ws.codes('c.iom')).toEqual(['IOM1002']);
    });

    test('an event naming a custom entity, added in another file, clears IOM4008 on the entity; removing it brings it back', async () => {
        const entity = 'entity Return {\n    table contoso_return\n    field Reason : text\n}\n';
        const ws = await openWorkspace({ 'entities.iom': entity, 'events.iom': 'event Other\n', 'journey.iom': journey });
        expect(ws.codes('entities.iom')).toEqual(['IOM4008']);
        const entityTree = ws.document('entities.iom').parseResult.value;

        await ws.edit('events.iom', 'event Other\nevent "Return received" { entity Return }\n');
        expect(ws.codes('entities.iom')).toEqual([]);
        // Validated again, not re-parsed; the journey reads no entity facts, so it is not validated again.
        expect(ws.document('entities.iom').parseResult.value).toBe(entityTree);
        expect(ws.validated).toEqual(['events.iom', 'entities.iom']);

        // An event inside a provider definition counts too.
        await ws.edit(
            'events.iom',
            'event Other\nprovider definition R {\n    logical name contoso_R\n    event "Return approved" { entity Return }\n}\n'
        );
        expect(ws.codes('entities.iom')).toEqual([]);

        await ws.edit('events.iom', 'event Other\n');
        expect(ws.codes('entities.iom')).toEqual(['IOM4008']);
    });

    test('an edit that changes no cross-file fact validates only the edited file', async () => {
        const ws = await openWorkspace({ 'events.iom': `event Other\n${allow}`, 'journey.iom': journey, 'connections.iom': connection });
        const before = ws.document('journey.iom').diagnostics;

        await ws.edit('events.iom', `event Other { description "typed" }\n${allow}`);
        expect(ws.validated).toEqual(['events.iom']);
        expect(ws.document('journey.iom').diagnostics).toBe(before);
    });

    test('waiting for the validated workspace waits for the follow-up build (what the compile command does)', async () => {
        const ws = await openWorkspace({ 'events.iom': 'event Other\n', 'journey.iom': journey });
        await ws.edit('events.iom', `event Other\n${allow}`, { settle: false });
        await ws.builder.waitUntil(DocumentState.Validated);
        expect(ws.codes('journey.iom')).not.toContain('IOM4001');
        expect(ws.document('journey.iom').state).toBe(DocumentState.Validated);
    });

    test('an edit that cancels a follow-up build still leaves every file up to date', async () => {
        const ws = await openWorkspace({
            'events.iom': 'event Other\n',
            'journey.iom': journey,
            'connections.iom': connection,
            'providers.iom': boundInstance
        });
        // The first edit's follow-up build is cancelled by the second edit, which undoes the first edit's effect on
        // the journey and adds its own on the connection.
        await ws.edit('events.iom', `event Other\n${allow}`, { settle: false });
        await ws.edit('providers.iom', unboundInstance, { settle: false });
        await ws.edit('events.iom', 'event Other\n');
        expect(ws.codes('journey.iom')).toContain('IOM4001');
        expect(ws.codes('connections.iom')).toContain('IOM2007');
        for (const name of ['events.iom', 'journey.iom', 'connections.iom', 'providers.iom']) {
            expect(ws.document(name).state).toBe(DocumentState.Validated);
        }
    });
});

describe('the edited document first, its dependants after (issue 12: keystrokes under fan-in)', () => {
    test('the edited file is validated before the files that reference it are linked again', async () => {
        const ws = await openWorkspace({
            'connections.iom': connection,
            'providers.iom': boundInstance,
            'more.iom': boundInstance.replace(/\bP\b/, 'P2').replace(/\bD\b/g, 'D2')
        });
        const seen: Array<{ name: string; dependants: DocumentState[]; codes: unknown[] }> = [];
        ws.builder.onDocumentPhase(DocumentState.Validated, document => {
            seen.push({
                name: document.uri.path.split('/').pop()!,
                dependants: ['providers.iom', 'more.iom'].map(name => ws.document(name).state),
                codes: (document.diagnostics ?? []).map(diagnostic => diagnostic.code)
            });
        });
        await ws.edit('connections.iom', `// The shared connection.\n${connection}`);
        expect(seen[0]?.name).toBe('connections.iom');
        // Its dependants were unlinked by the edit and not linked again yet when its diagnostics were ready.
        for (const state of itemAt(seen, 0).dependants) expect(state).toBeLessThan(DocumentState.Linked);
        // The connection is bound in the other files: no IOM2007, although their links still pointed at the old tree.
        expect(seen[0]?.codes).toEqual([]);
        expect(seen.map(entry => entry.name).sort()).toEqual(['connections.iom', 'more.iom', 'providers.iom']);
        expect(ws.codes('connections.iom')).toEqual([]);
        for (const name of ['connections.iom', 'providers.iom', 'more.iom']) expect(ws.document(name).state).toBe(DocumentState.Validated);
    });

    test('renaming the declaration the dependants use reports it unused at once, and their unresolved references after', async () => {
        const ws = await openWorkspace({ 'connections.iom': connection, 'providers.iom': boundInstance });
        const first: unknown[][] = [];
        ws.builder.onDocumentPhase(DocumentState.Validated, document => {
            if (document.uri.path.endsWith('connections.iom')) first.push((document.diagnostics ?? []).map(diagnostic => diagnostic.code));
        });
        await ws.edit('connections.iom', connection.replace('connection C', 'connection C2'));
        expect(first[0]).toContain('IOM2007');
        expect(ws.codes('connections.iom')).toContain('IOM2007');
        expect(ws.document('providers.iom').diagnostics!.length).toBeGreaterThan(0);
        await ws.edit('connections.iom', connection);
        expect(ws.codes('connections.iom')).toEqual([]);
        expect(ws.codes('providers.iom')).toEqual([]);
    });

    test("a keystroke during the dependants' build cancels it; the next update builds them", async () => {
        const ws = await openWorkspace({ 'connections.iom': connection, 'providers.iom': boundInstance });
        await ws.edit('connections.iom', `// one\n${connection}`, { settle: false });
        await ws.edit('connections.iom', `// two\n${connection}`);
        for (const name of ['connections.iom', 'providers.iom']) {
            expect(ws.document(name).state).toBe(DocumentState.Validated);
            expect(ws.codes(name)).toEqual([]);
        }
    });

    test('while typing, the dependants wait: each keystroke drops their pending build, and they are built once typing pauses', async () => {
        const ws = await openWorkspace({ 'connections.iom': connection, 'providers.iom': boundInstance });
        let linked = 0;
        ws.builder.onDocumentPhase(DocumentState.Linked, document => {
            if (document.uri.path.endsWith('providers.iom')) linked++;
        });
        for (const comment of ['one', 'two', 'three']) {
            await ws.edit('connections.iom', `// ${comment}\n${connection}`, { settle: 'update' });
            // The edited file is validated; its dependant is not linked again until typing pauses.
            expect(ws.document('connections.iom').state).toBe(DocumentState.Validated);
            expect(ws.document('providers.iom').state).toBeLessThan(DocumentState.Linked);
        }
        // Waiting for the whole workspace waits for the last update's follow-up (what the compile command does).
        await ws.builder.waitUntil(DocumentState.Validated);
        expect(linked).toBe(1);
        expect(ws.document('providers.iom').state).toBe(DocumentState.Validated);
        expect(ws.codes('providers.iom')).toEqual([]);
    });
});
