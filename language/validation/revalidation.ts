/**
 * Keeps diagnostics that depend on other files up to date without re-validating the workspace on every keystroke.
 *
 * An update build (an edit) re-parses, relinks and validates only the changed documents and those that reference
 * them, as Langium does. Checks that read workspace facts (an `allow` in one file fixes a step in another) can then
 * be out of date in other documents. Each validated document remembers the {@link FactsVersion} it was validated
 * against; after an update, a document is out of date when a category of facts it reads has a different fingerprint
 * now, or when its duplicate-name reports changed. Those documents are validated again in a follow-up build that
 * runs in the workspace lock after the update: the next edit cancels it (documents it did not reach are picked up
 * by that edit's build, or by the next follow-up), and the language server publishes each document's diagnostics as
 * soon as it is validated, as for any build.
 */
import {
    type BuildOptions,
    Cancellation,
    DefaultDocumentBuilder,
    delayNextTick,
    DocumentState,
    interruptAndCheck,
    type LangiumDocument,
    OperationCancelled,
    type URI
} from 'langium';
import type { IomSharedServices } from '../iom-module.js';
import { isBuiltinDocument } from '../model/builtin.js';
import { linkSummary } from '../model/link-summary.js';
import type { FactCategory, FactsVersion, WorkspaceFacts } from './facts.js';
import type { IomWorkspaceFactsProvider } from './facts-provider.js';

/** How many documents a follow-up validates between two chances for the next edit to cancel it. */
const BATCH = 100;

/**
 * How long the dependants of an edited document wait for the next keystroke before they are linked and validated
 * again. While typing, keystrokes come closer than this, so the edited file's diagnostics never wait for the
 * relinking of hundreds of dependants; when typing pauses, the dependants follow.
 */
export const DEPENDANTS_DELAY_MS = 150;

export class IomDocumentBuilder extends DefaultDocumentBuilder {
    private readonly shared: IomSharedServices;
    /** Per validated user document: the facts version it was validated against. */
    private readonly validatedWith = new Map<string, FactsVersion>();
    /**
     * Documents validated since the versions were last taken, with the facts they were validated against. A version
     * costs a fingerprint of every fact of the workspace the first time it is read after the facts changed (about 80
     * ms at a cold start on 1,500 files): taken as each document was validated, it held back the first validated
     * document's diagnostics at start-up and after any edit that changes a fact. They are taken at the end of the
     * build, once its diagnostics are written, and in any case before the next update changes a document.
     */
    private readonly validatedAgainst = new Map<string, WorkspaceFacts>();
    /** Documents to validate again whatever their facts say (iomconfig.json changed). */
    private readonly forced = new Set<string>();
    private followUp: Promise<void> = Promise.resolve();
    /** The last update, until it has scheduled its follow-up (if any). */
    private updating: Promise<void> = Promise.resolve();

    /**
     * Whether edits follow the first build (false for a batch command, which builds a workspace once): only then is
     * each validated document's facts version recorded, which costs a fingerprint of every fact of the workspace.
     */
    readonly followsEdits: boolean;

    constructor(services: IomSharedServices, options: { followsEdits?: boolean } = {}) {
        super(services);
        this.shared = services;
        this.followsEdits = options.followsEdits ?? true;
        this.onDocumentPhase(DocumentState.Validated, document => {
            if (isBuiltinDocument(document) || !this.followsEdits) return;
            const key = document.uri.toString();
            this.validatedAgainst.set(key, this.factsProvider.facts);
            this.forced.delete(key);
        });
        // The language server writes each validated document's diagnostics on the event loop's next turn: the
        // versions are taken after that turn, so that no document's diagnostics wait for them.
        this.onBuildPhase(DocumentState.Validated, async () => {
            if (this.validatedAgainst.size === 0) return;
            await delayNextTick();
            this.takeVersions();
        });
        this.onUpdate((_changed, deleted) => {
            for (const uri of deleted) this.forget(uri);
        });
    }

    /**
     * Langium relinks, on every update, each document with an unresolved reference or a reference to a changed
     * document. It finds both by scanning every reference of every document on each keystroke; here the answer is
     * kept until the document's references change (language/model/link-summary.ts).
     *
     * A document not linked since it was last reset (a dependant waiting for its follow-up) is not reset again: its
     * state is below Validated, so this update or its follow-up links it anyway, and the linker checks every
     * reference it kept (language/model/interrupt.ts). Langium scanned all its references on every keystroke.
     */
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return document.state >= DocumentState.Linked && (linkSummary(document).errors || this.indexManager.isAffected(document, changedUris));
    }

    /** Set while an update runs: its build (Langium's update ends with one) is split, edited documents first. */
    private splitNextBuild = false;

    /**
     * An update's build in two steps. Langium's update builds the changed documents and every document that
     * references them phase by phase (all are parsed, then all are linked, then all are validated), so the edited
     * document's diagnostics wait for the relinking of all its dependants: with a provider file referenced by
     * thousands of files, hundreds of milliseconds per keystroke. Here the documents that have to be parsed or
     * indexed again (the edited ones) are built to the end first, so their diagnostics are published at once; the
     * documents that only need relinking (the dependants) are left to the update's follow-up, which waits for typing
     * to pause ({@link DEPENDANTS_DELAY_MS}); the next keystroke drops or cancels it, and its own update picks them up.
     *
     * While the dependants wait, the workspace facts take their contributions as they were, with the nodes of the
     * re-parsed documents mapped to the new ones (facts.ts); once they are relinked, any fact that differs makes
     * the documents reading it out of date, as for any edit.
     */
    protected override async buildDocuments(
        documents: LangiumDocument[],
        options: BuildOptions,
        cancelToken: Cancellation.CancellationToken
    ): Promise<void> {
        if (!this.splitNextBuild) return this.buildOpenFirst(documents, options, cancelToken);
        this.splitNextBuild = false;
        const first = documents.filter(document => document.state < DocumentState.ComputedScopes);
        if (first.length === 0 || first.length === documents.length) return this.buildOpenFirst(documents, options, cancelToken);
        await this.buildOpenFirst(first, options, cancelToken);
        // The workspace is not built yet: requests for a dependant wait for its state instead of failing. The
        // dependants are built by the follow-up, once typing pauses (see `scheduleFollowUp`).
        this.currentState = DocumentState.ComputedScopes;
        this.dependants = documents.filter(document => document.state >= DocumentState.ComputedScopes);
    }

    /**
     * Resolves when the build of the documents that are not open, after the open ones (see `buildOpenFirst`), has
     * finished or was cancelled; undefined while no such build runs.
     */
    private openFirst: Promise<void> | undefined;

    /**
     * Builds the open documents to the end before the others, when some of the others are still to be linked (the
     * start-up build, a folder added or changed on disk). Langium builds documents phase by phase (all parsed, all
     * linked, all references indexed, then all validated; open documents first only within each phase), so the open
     * documents' diagnostics waited for the linking and reference indexing of the whole workspace. Here every
     * document is parsed and indexed first (a reference of an open document may point into any of them), then the
     * open documents are linked, their references indexed and they are validated (their diagnostics are published),
     * then the others. Checks that read workspace facts from the documents not linked yet take their contributions
     * from their references resolved on demand (facts-provider.ts), as a full link would resolve them.
     */
    protected async buildOpenFirst(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        const open = documents.filter(document => document.state < DocumentState.Validated && this.textDocuments?.get(document.uri) !== undefined);
        const opened = new Set(open);
        const rest = documents.filter(document => !opened.has(document));
        if (open.length === 0 || !rest.some(document => document.state < DocumentState.Linked)) {
            return super.buildDocuments(documents, options, cancelToken);
        }
        let done!: () => void;
        const openFirst = (this.openFirst = new Promise<void>(resolve => (done = resolve)));
        try {
            await this.runCancelable(rest, DocumentState.Parsed, cancelToken, document => this.langiumDocumentFactory.update(document, cancelToken));
            await this.runCancelable(rest, DocumentState.IndexedContent, cancelToken, document =>
                this.indexManager.updateContent(document, cancelToken)
            );
            await this.runCancelable(rest, DocumentState.ComputedScopes, cancelToken, async document => {
                const computation = this.serviceRegistry.getServices(document.uri).references.ScopeComputation;
                document.localSymbols = await computation.collectLocalSymbols(document, cancelToken);
            });
            await super.buildDocuments(open, options, cancelToken);
            // The workspace is not built yet: requests for the other documents wait for their state instead of failing.
            this.currentState = DocumentState.ComputedScopes;
            await super.buildDocuments(rest, options, cancelToken);
        } finally {
            if (this.openFirst === openFirst) this.openFirst = undefined;
            done();
        }
    }

    /** The documents an update left to relink (the edited documents' dependants), for its follow-up. */
    private dependants: LangiumDocument[] = [];
    /** The follow-up waiting for typing to pause: its timer, and the resolver of `followUp`. */
    private waiting: { timer: ReturnType<typeof setTimeout>; done: () => void } | undefined;

    /** The read-only built-in documents are never validated, so no (empty) diagnostics are published for them. */
    protected override shouldValidate(document: LangiumDocument): boolean {
        return !isBuiltinDocument(document) && super.shouldValidate(document);
    }

    override update(
        changed: URI[],
        deleted: URI[],
        cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None
    ): Promise<void> {
        // A waiting follow-up is dropped: this update builds its dependants (they are not validated) or leaves them
        // to its own follow-up.
        if (this.waiting) {
            clearTimeout(this.waiting.timer);
            this.waiting.done();
            this.waiting = undefined;
        }
        this.dependants = [];
        // A version is computed from the documents' contributions and the index as they are when it is first read
        // (facts-provider.ts): those still to take are taken before this update changes any document.
        this.takeVersions();
        // Edited after all: no document knows the facts it was validated against, so every one is validated again.
        if (!this.followsEdits) this.revalidateAll();
        const run = this.updateAndSchedule(changed, deleted, cancelToken);
        this.updating = run.then(
            () => undefined,
            () => undefined
        );
        return run;
    }

    private async updateAndSchedule(changed: URI[], deleted: URI[], cancelToken: Cancellation.CancellationToken): Promise<void> {
        this.splitNextBuild = true;
        try {
            await this.updateDocuments(changed, deleted, cancelToken);
        } finally {
            this.splitNextBuild = false;
        }
        // A newer write is queued (it cancelled this one's token): its own update will look for out-of-date documents.
        if (!cancelToken.isCancellationRequested) this.scheduleFollowUp();
    }

    /**
     * Langium's update, step for step, over the document list in plain loops: Langium streams every document of the
     * workspace through filters twice per update and sorts them by looking up each one's text document, which with
     * thousands of files is most of a keystroke's cost once the checks themselves are incremental. The changed and
     * deleted documents are reset, every document that references one of them (or has an unresolved reference) is
     * reset to be linked again, and every document not validated completely is built, open documents first.
     */
    private async updateDocuments(changed: URI[], deleted: URI[], cancelToken: Cancellation.CancellationToken): Promise<void> {
        this.currentState = DocumentState.Changed;
        const deletedUris: URI[] = [];
        for (const folder of deleted) {
            for (const document of this.langiumDocuments.deleteDocuments(folder)) {
                deletedUris.push(document.uri);
                this.cleanUpDeleted(document);
            }
        }
        const changedUris = (await Promise.all(changed.map(uri => this.findChangedUris(uri)))).flat();
        for (const uri of changedUris) {
            let document = this.langiumDocuments.getDocument(uri);
            if (document === undefined) {
                document = this.langiumDocumentFactory.fromModel({ $type: 'INVALID' }, uri);
                document.state = DocumentState.Changed;
                this.langiumDocuments.addDocument(document);
            }
            this.resetToState(document, DocumentState.Changed);
        }
        const allChanged = new Set([...changedUris, ...deletedUris].map(uri => uri.toString()));
        for (const document of this.shared.workspace.LangiumDocuments.allDocuments()) {
            if (!allChanged.has(document.uri.toString()) && this.shouldRelink(document, allChanged)) {
                this.resetToState(document, DocumentState.ComputedScopes);
            }
        }
        await this.emitUpdate(changedUris, deletedUris);
        await interruptAndCheck(cancelToken);
        const openFirst: LangiumDocument[] = [];
        const others: LangiumDocument[] = [];
        for (const document of this.shared.workspace.LangiumDocuments.allDocuments()) {
            const key = document.uri.toString();
            if (
                document.state < DocumentState.Validated ||
                !this.buildState.get(key)?.completed ||
                this.resultsAreIncomplete(document, this.updateBuildOptions)
            ) {
                (this.textDocuments?.get(document.uri) ? openFirst : others).push(document);
            }
        }
        await this.buildDocuments([...openFirst, ...others], this.updateBuildOptions, cancelToken);
    }

    /**
     * Waiting for the whole workspace to be validated (no URI) also waits for the follow-up builds, so that a
     * workspace-wide reader (the compile command) never sees diagnostics that an edit's cross-file facts made stale.
     */
    override waitUntil(state: DocumentState, cancelToken?: Cancellation.CancellationToken): Promise<void>;
    override waitUntil(state: DocumentState, uri?: URI, cancelToken?: Cancellation.CancellationToken): Promise<URI>;
    override async waitUntil(
        state: DocumentState,
        uriOrToken?: URI | Cancellation.CancellationToken,
        cancelToken?: Cancellation.CancellationToken
    ): Promise<URI | void> {
        const result = await super.waitUntil(state, uriOrToken as URI, cancelToken);
        if (uriOrToken && 'path' in uriOrToken) return result;
        // The open documents were built before the others: the workspace reaches the state once the others have.
        while (this.openFirst) {
            await this.openFirst;
            await super.waitUntil(state, uriOrToken as Cancellation.CancellationToken | undefined);
        }
        if (state < DocumentState.Validated) return result;
        // The update that reached Validated has yet to schedule its follow-up; a follow-up cancelled by an edit is
        // replaced by the one that edit's update schedules.
        for (;;) {
            const updating = this.updating;
            const followUp = this.followUp;
            await updating;
            await followUp;
            if (updating === this.updating && followUp === this.followUp) break;
        }
        return result;
    }

    /** Who waits for the workspace to reach a state (`awaitBuilderState`). */
    private readonly stateWaiters = new Set<{ state: DocumentState; reached: () => void }>();

    /**
     * A wait for the workspace to reach a state ends when a build phase reaches it. Langium ends it when the phase
     * notifies its listeners, which a phase without documents never does: a wait that starts during an update for a
     * file that is not a document (the compiler's own output, which the client's file watcher reports) never ended,
     * and the compile command that waited hung.
     */
    protected override awaitBuilderState(state: DocumentState, cancelToken: Cancellation.CancellationToken): Promise<void> {
        if (this.currentState >= state) return Promise.resolve();
        if (cancelToken.isCancellationRequested) return Promise.reject(OperationCancelled);
        return new Promise((resolve, reject) => {
            const waiter = {
                state,
                reached: () => {
                    cancelled.dispose();
                    resolve();
                }
            };
            const cancelled = cancelToken.onCancellationRequested(() => {
                this.stateWaiters.delete(waiter);
                cancelled.dispose();
                reject(OperationCancelled);
            });
            this.stateWaiters.add(waiter);
        });
    }

    protected override async runCancelable(
        documents: LangiumDocument[],
        targetState: DocumentState,
        cancelToken: Cancellation.CancellationToken,
        callback: (document: LangiumDocument) => unknown
    ): Promise<void> {
        await super.runCancelable(documents, targetState, cancelToken, callback);
        for (const waiter of this.stateWaiters) {
            if (waiter.state > this.currentState) continue;
            this.stateWaiters.delete(waiter);
            waiter.reached();
        }
    }

    /** The facts the checks read (looked up on use: the provider itself listens to this builder). */
    private get factsProvider(): IomWorkspaceFactsProvider {
        return this.shared.workspace.FactsProvider;
    }

    /** Validates every user document again (after the next update), whatever the facts say. */
    revalidateAll(): void {
        for (const document of this.langiumDocuments.all) {
            if (!isBuiltinDocument(document)) this.forced.add(document.uri.toString());
        }
    }

    /** Resolves when the follow-up build scheduled by the last update (if any) has finished or was cancelled. */
    whenRevalidated(): Promise<void> {
        return this.followUp;
    }

    /** Records the facts version of each document validated since the last call (see `validatedAgainst`). */
    private takeVersions(): void {
        for (const [key, facts] of this.validatedAgainst) this.validatedWith.set(key, facts.version);
        this.validatedAgainst.clear();
    }

    /** The validated user documents whose diagnostics may be out of date, open documents first. */
    outOfDate(): LangiumDocument[] {
        this.takeVersions();
        const provider = this.factsProvider;
        const current = provider.facts.version;
        const changedCategories = new Map<FactsVersion, Set<FactCategory>>();
        const result: LangiumDocument[] = [];
        for (const document of this.langiumDocuments.all) {
            if (document.state !== DocumentState.Validated || isBuiltinDocument(document)) continue;
            const key = document.uri.toString();
            const version = this.validatedWith.get(key);
            if (this.forced.has(key)) {
                result.push(document);
                continue;
            }
            if (!version || version === current) continue;
            let changed = changedCategories.get(version);
            if (!changed) changedCategories.set(version, (changed = differences(version, current)));
            const reads = provider.documentFacts(document).reads;
            if ([...changed].some(category => reads.has(category)) || (version.duplicates.get(key) ?? '') !== (current.duplicates.get(key) ?? '')) {
                result.push(document);
            }
        }
        return this.sortDocuments(result);
    }

    /**
     * After an update: the follow-up build, in the workspace lock, which the next edit cancels. When the update left
     * dependants to relink, it waits {@link DEPENDANTS_DELAY_MS} for typing to pause, then builds them; in any case it
     * then validates again the documents whose facts changed.
     */
    protected scheduleFollowUp(): void {
        const dependants = this.dependants;
        this.dependants = [];
        const run = () =>
            this.shared.workspace.WorkspaceLock.write(async token => {
                const unbuilt = dependants.filter(
                    document => document.state < DocumentState.Validated && this.langiumDocuments.hasDocument(document.uri)
                );
                if (unbuilt.length > 0) await this.buildDocuments(unbuilt, this.updateBuildOptions, token);
                await this.revalidate(token);
            });
        if (dependants.length === 0) {
            if (this.outOfDate().length > 0) this.followUp = run().then(() => undefined);
            return;
        }
        this.followUp = new Promise<void>(done => {
            const timer = setTimeout(() => {
                this.waiting = undefined;
                run().then(done, done);
            }, DEPENDANTS_DELAY_MS);
            this.waiting = { timer, done };
        });
    }

    /** The follow-up build: out-of-date documents are validated again (not re-parsed or relinked), in batches. */
    protected async revalidate(cancelToken: Cancellation.CancellationToken): Promise<void> {
        const documents = this.outOfDate();
        for (let start = 0; start < documents.length; start += BATCH) {
            const batch = documents.slice(start, start + BATCH).filter(document => document.state === DocumentState.Validated);
            for (const document of batch) this.resetToState(document, DocumentState.IndexedReferences);
            await this.buildDocuments(batch, this.updateBuildOptions, cancelToken);
        }
    }

    private forget(uri: URI): void {
        // Update listeners receive the URIs of the deleted documents (a deleted folder is expanded to its documents).
        this.validatedWith.delete(uri.toString());
        this.validatedAgainst.delete(uri.toString());
        this.forced.delete(uri.toString());
    }
}

function differences(before: FactsVersion, after: FactsVersion): Set<FactCategory> {
    const result = new Set<FactCategory>();
    for (const category of Object.keys(after.fingerprints) as FactCategory[]) {
        if (before.fingerprints[category] !== after.fingerprints[category]) result.add(category);
    }
    return result;
}
