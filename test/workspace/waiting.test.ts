/**
 * Waiting for the workspace to reach a state (language/validation/revalidation.ts, `waitUntil`): the compile, plan
 * and simulate commands wait for the whole workspace to be validated. Such a wait must end as soon as the builder is
 * done, also when the build it waited for had no document to build: an update for a file that is not a document (the
 * compiler's own output under out/, which the client's file watcher reports). Langium ends such waits only when a
 * build phase notifies about at least one document: the first case hung before `IomDocumentBuilder` ended them
 * itself; the others guard the cases around it (an edit's update cancelled by such an update, an edit's dependants
 * still waiting for their follow-up).
 */
import { DocumentState, type URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtMemoryWorkspace } from '../helpers/language-services.js';

async function workspace(files: Record<string, string>) {
    const { shared, builder, uriOf } = await builtMemoryWorkspace(files, { validation: true });
    const lock = shared.workspace.WorkspaceLock;
    let version = 1;
    return {
        builder,
        uriOf,
        /** What the language server does for a watched-file notification or an edit: an update in the workspace lock. */
        update: (changed: URI[], deleted: URI[] = []) => lock.write(token => builder.update(changed, deleted, token)),
        /**
         * Starts waiting for the workspace to be validated while an update runs (as a command can): the next one, or
         * the `which`-th from now.
         */
        waitDuringUpdate(which = 1): { waiting: () => Promise<void> } {
            let waiting: Promise<void> | undefined;
            let seen = 0;
            const listener = builder.onUpdate(() => {
                if (++seen < which) return;
                listener.dispose();
                waiting = builder.waitUntil(DocumentState.Validated);
            });
            return { waiting: () => waiting ?? Promise.reject(new Error('no such update ran')) };
        },
        /** Sets a file's text as an editor does (the update is left to the caller). */
        edit(name: string, text: string) {
            shared.workspace.TextDocuments!.set(TextDocument.create(uriOf(name).toString(), 'iom', ++version, text));
            return uriOf(name);
        }
    };
}

/**
 * Whether `promise` has settled once everything already queued has run (a timer, so no time is waited for). Called
 * after a wait that started later has ended: an earlier wait must not end later.
 */
function settledNow(promise: Promise<unknown>): Promise<boolean> {
    let settled = false;
    promise.then(
        () => (settled = true),
        () => (settled = true)
    );
    return new Promise(resolve => setTimeout(() => resolve(settled), 0));
}

const FILES = {
    'events.iom': 'event Shipped\nevent Packed\n',
    'notify.iom': 'action type Notify {\n    input events Shipped\n}\n'
};

describe('waiting for the workspace to be validated', () => {
    test('ends with an update for a file that is not a document, such as an artifact the compiler wrote', async () => {
        const ws = await workspace(FILES);
        const started = ws.waitDuringUpdate();
        await ws.update([ws.uriOf('out/journeys/order-intake.json')]);
        await ws.builder.waitUntil(DocumentState.Validated);
        expect(await settledNow(started.waiting())).toBe(true);
    });

    test('ends when it starts during an update for a file that is not a document that cancelled an edit’s', async () => {
        const ws = await workspace(FILES);
        const started = ws.waitDuringUpdate(2);
        const editing = ws.update([ws.edit('events.iom', 'event Shipped\nevent Packed\nevent Billed\n')]);
        const updating = ws.update([ws.uriOf('out/manifest.json')]);
        await Promise.all([editing, updating]);
        await ws.builder.waitUntil(DocumentState.Validated);
        expect(await settledNow(started.waiting())).toBe(true);
    });

    test('ends when an edit’s dependants wait for their follow-up and an update for another file comes first', async () => {
        const ws = await workspace(FILES);
        // The edit leaves notify.iom, which references events.iom, to the follow-up.
        await ws.update([ws.edit('events.iom', 'event Packed\nevent Shipped\n')]);
        const started = ws.waitDuringUpdate();
        await ws.update([ws.uriOf('out/manifest.json')]);
        await ws.builder.waitUntil(DocumentState.Validated);
        expect(await settledNow(started.waiting())).toBe(true);
    });
});
