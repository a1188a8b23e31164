/**
 * The workspace facts of the current workspace state (facts.ts), computed and cached.
 *
 * Each document's contribution is computed from its linked AST and cached per document until the document is linked
 * again (re-parsed, or relinked because a document it references changed). The workspace facts are the merge of the
 * contributions, redone once per build: an edit recomputes only the edited (and relinked) documents' contributions.
 * Duplicate names come from the index, regrouped only for the documents indexed again.
 *
 * Each merge also has a {@link FactsVersion}: per category of facts, a fingerprint made of names and source
 * locations, never of object identities (facts-version.ts). A document validated against one version is out of date
 * only when a category it reads has a different fingerprint now (see revalidation.ts). A merge after an edit that
 * changed no fact rebases the last merged facts onto the new trees instead (facts-rebase.ts).
 */
import { type AstNode, type AstNodeDescription, DocumentState, type LangiumDocument, type LangiumSharedCoreServices, WorkspaceCache } from 'langium';
import { isPlatformReference } from '../generated/ast.js';
import type {
    ActionType,
    BusinessEvent,
    Connection,
    Entity,
    EntityExtension,
    IdMapping,
    Platform,
    ProviderDefinition,
    ProviderInstance,
    StateDefinition,
    TransitionRow
} from '../generated/ast.js';
import { resolutions } from '../model/interrupt.js';
import { addIf, computeDocumentFacts, type DocumentFacts, type FactsVersion, type PublishedEntry, type WorkspaceFacts } from './facts.js';
import { type Fresh, rebase, rebaseMerged } from './facts-rebase.js';
import { documentFingerprint, fingerprints, sameEntries } from './facts-version.js';

/** Computes and caches the facts of the current workspace state. */
export class IomWorkspaceFactsProvider {
    private readonly services: LangiumSharedCoreServices;
    /** The merged facts: cleared whenever a build has linked and indexed its documents. */
    private readonly merged: WorkspaceCache<string, WorkspaceFacts>;
    /** Duplicate names from the index: cleared whenever a build has indexed documents again. */
    private readonly indexed: WorkspaceCache<string, { duplicates: Map<AstNode, AstNodeDescription[]>; byDocument: Map<string, string> }>;
    /** Each document's contribution: computed anew when that document is linked again (garbage once it is deleted). */
    private readonly perDocument = new WeakMap<LangiumDocument, DocumentFacts>();
    /** The tree and the linker's resolutions a document's contribution was computed from (see `documentFacts`). */
    private readonly computedFrom = new WeakMap<LangiumDocument, { root: AstNode; resolutions: number }>();
    /** The version computed last, with the per-document fingerprints and duplicate reports it was computed from. */
    private lastVersion: { documents: Array<[LangiumDocument, string]>; duplicates: ReadonlyMap<string, string>; version: FactsVersion } | undefined;
    /** The facts of the last merge. */
    private lastMerged: WorkspaceFacts | undefined;
    /** The index grouped by kind and name, updated for the documents indexed again since the last merge. */
    private readonly names = new NameGroups();
    /** The documents indexed again, changed or deleted since the names were last grouped; undefined: group them all. */
    private regroup: Set<string> | undefined;

    constructor(services: LangiumSharedCoreServices) {
        this.services = services;
        this.merged = new WorkspaceCache(services, DocumentState.IndexedReferences);
        this.indexed = new WorkspaceCache(services, DocumentState.IndexedContent);
        // A document linked again contributes anew. It is computed at once, while the document is linked: a later
        // edit of a document it references unlinks it again, and the merge then rebases this contribution onto the
        // edited document's new tree instead of resolving its references lazily, one by one, inside the merge.
        services.workspace.DocumentBuilder.onDocumentPhase(DocumentState.IndexedReferences, document => {
            // A contribution computed from the same tree and the same resolutions (the start-up build computes those of
            // the documents not linked yet for the open documents' checks; linking keeps each reference they resolved)
            // already holds what linking resolved.
            const from = this.computedFrom.get(document);
            if (from?.root === document.parseResult.value && from.resolutions === resolutions(document) && this.perDocument.has(document)) return;
            const facts = computeDocumentFacts(document);
            // Its fingerprint too, here, document by document, once versions are kept (edits follow): the next version
            // would otherwise fingerprint thousands of relinked dependants in one uninterruptible step.
            if (this.lastVersion) documentFingerprint(facts);
            this.perDocument.set(document, facts);
            this.computedFrom.set(document, { root: document.parseResult.value, resolutions: resolutions(document) });
        });
        services.workspace.DocumentBuilder.onDocumentPhase(DocumentState.IndexedContent, document => {
            this.regroup?.add(document.uri.toString());
        });
        services.workspace.DocumentBuilder.onUpdate((changed, deleted) => {
            for (const uri of [...changed, ...deleted]) this.regroup?.add(uri.toString());
        });
    }

    get facts(): WorkspaceFacts {
        return this.merged.get('facts', () => this.merge());
    }

    /**
     * The events a step of the given action type may take as input: the action type's own `input events`, plus
     * every `allow … as input of …` in the workspace.
     */
    allowedInputEvents(actionType: ActionType | undefined): Set<BusinessEvent> {
        return new Set(actionType ? this.facts.allowedInputs.get(actionType)?.keys() : undefined);
    }

    /** A document's own contribution (cached until the document is linked again). */
    documentFacts(document: LangiumDocument): DocumentFacts {
        let facts = this.perDocument.get(document);
        if (!facts) {
            this.perDocument.set(document, (facts = computeDocumentFacts(document)));
            // Its references were resolved as the linker resolves them (each is kept when the document is linked): the
            // contribution stays right until the document is parsed again or linking resolves a reference again.
            if (document.state >= DocumentState.ComputedScopes) {
                this.computedFrom.set(document, { root: document.parseResult.value, resolutions: resolutions(document) });
            }
        }
        return facts;
    }

    private merge(): WorkspaceFacts {
        const documents = this.services.workspace.LangiumDocuments.all.toArray();
        const { duplicates, byDocument } = this.indexed.get('duplicates', () => this.computeDuplicates(documents));
        // No contribution changed by name or location since the last merge (a keystroke in a string, a comment):
        // the last merged facts hold the same entries; only nodes of documents parsed again since are replaced.
        // This costs the number of distinct facts, not the sum of every document's contribution (with a provider
        // file referenced by thousands of files, each of them contributes the events it raises).
        const last = this.lastMerged;
        const same = last ? this.sameVersion(documents, byDocument) : undefined;
        if (last && same && last.version === same) {
            let full: WorkspaceFacts | undefined;
            const rebased = rebaseMerged(last, this.freshNodes(), duplicates, () => (full ??= this.mergeAll(documents, duplicates, byDocument)));
            return (this.lastMerged = rebased);
        }
        return this.mergeAll(documents, duplicates, byDocument);
    }

    /** Merges every document's contribution. */
    private mergeAll(documents: LangiumDocument[], duplicates: Map<AstNode, AstNodeDescription[]>, byDocument: Map<string, string>): WorkspaceFacts {
        const allowedInputs = new Map<ActionType, Map<BusinessEvent, AstNode>>();
        const raisedEvents = new Set<BusinessEvent>();
        const activatedInstances = new Map<ProviderDefinition, ProviderInstance[]>();
        const boundConnections = new Set<Connection>();
        const platforms: Platform[] = [];
        const publishedEntries: PublishedEntry[] = [];
        const entitiesWithEvents = new Set<Entity>();
        const extensions = new Map<Entity, EntityExtension[]>();
        const transitions = new Map<BusinessEvent, TransitionRow[]>();
        const targetedStates = new Set<StateDefinition>();
        const idMappings = new Map<string, IdMapping[]>();
        const eventsByName = new Map<string, BusinessEvent>();
        const raisedNames: string[] = [];
        /** Allowed inputs given more than once: their first origin appears in the redundant-allow reports. */
        const repeated = new Set<Map<BusinessEvent, AstNode>>();
        let hasActivatedIntakeProvider = false;
        const fresh = this.freshNodes();
        for (const document of documents) {
            // A document unlinked by an edit of a document it references keeps its contribution until the follow-up
            // relinks it; the nodes it took from the re-parsed document are replaced by their counterparts.
            const contribution = document.state < DocumentState.Linked ? rebase(this.documentFacts(document), fresh) : this.documentFacts(document);
            for (const [actionType, event, origin] of contribution.allowed) {
                let events = allowedInputs.get(actionType);
                if (!events) allowedInputs.set(actionType, (events = new Map()));
                if (!events.has(event)) events.set(event, origin);
                else repeated.add(events);
            }
            for (const connection of contribution.bound) boundConnections.add(connection);
            for (const [definition, instance] of contribution.activated) {
                const list = activatedInstances.get(definition);
                if (list) list.push(instance);
                else activatedInstances.set(definition, [instance]);
            }
            hasActivatedIntakeProvider ||= contribution.intake;
            for (const event of contribution.raised) raisedEvents.add(event);
            for (const name of contribution.raisedNames) raisedNames.push(name);
            for (const [name, event] of contribution.events) eventsByName.set(name, event);
            for (const platform of contribution.platforms) platforms.push(platform);
            for (const entry of contribution.published) publishedEntries.push(entry);
            for (const entity of contribution.eventEntities) entitiesWithEvents.add(entity);
            for (const [entity, extension] of contribution.extensions) {
                const list = extensions.get(entity);
                if (list) list.push(extension);
                else extensions.set(entity, [extension]);
            }
            for (const [event, row] of contribution.transitions) {
                const list = transitions.get(event);
                if (list) list.push(row);
                else transitions.set(event, [row]);
                addIf(targetedStates, row.target?.ref);
            }
            for (const [mappingKey, row] of contribution.idMappings) {
                const list = idMappings.get(mappingKey);
                if (list) list.push(row);
                else idMappings.set(mappingKey, [row]);
            }
        }
        for (const name of raisedNames) addIf(raisedEvents, eventsByName.get(name));
        let version = this.sameVersion(documents, byDocument);
        const computeVersion = (): FactsVersion => {
            const computed = { fingerprints: fingerprints(facts, repeated, platformReferences()), duplicates: byDocument };
            this.lastVersion = {
                documents: documents.map(document => [document, documentFingerprint(this.documentFacts(document))]),
                duplicates: byDocument,
                version: computed
            };
            return computed;
        };
        const facts: WorkspaceFacts = {
            allowedInputs,
            raisedEvents,
            activatedInstances,
            hasActivatedIntakeProvider,
            boundConnections,
            duplicates,
            platforms,
            publishedEntries,
            entitiesWithEvents,
            extensions,
            transitions,
            targetedStates,
            idMappings,
            get version() {
                return (version ??= computeVersion());
            }
        };
        const platformReferences = () =>
            this.services.workspace.IndexManager.allElements('PlatformReference')
                .map(description => `${description.name}${isPlatformReference(description.node) && description.node.optional ? '?' : ''}`)
                .toArray();
        return (this.lastMerged = facts);
    }

    /**
     * Maps a node to the same node of its document's current parse: itself when its document was not parsed again
     * since, otherwise the node at the same path of the new tree when it has the same type and name (a description
     * edit), else undefined (the declaration moved or is gone: its references are linked again by the follow-up).
     */
    private freshNodes(): Fresh {
        // Only nodes of documents parsed again are looked up and cached: any other node is itself, found in the one or
        // two steps to its root (facts are declarations), so a keystroke costs no map entry per fact.
        const cache = new Map<AstNode, AstNode | undefined>();
        return <T extends AstNode>(node: T): T | undefined => {
            let root: AstNode = node;
            while (root.$container) root = root.$container;
            const document = (root as { $document?: LangiumDocument }).$document;
            if (!document || document.parseResult.value === root) return node;
            if (cache.has(node)) return cache.get(node) as T | undefined;
            const locator = this.services.ServiceRegistry.getServices(document.uri).workspace.AstNodeLocator;
            const candidate = locator.getAstNode(document.parseResult.value, locator.getAstNodePath(node));
            const result =
                candidate && candidate.$type === node.$type && (candidate as { name?: unknown }).name === (node as { name?: unknown }).name
                    ? candidate
                    : undefined;
            cache.set(node, result);
            return result as T | undefined;
        };
    }

    /**
     * The last computed version, when no document's contribution differs (by name and location) from the one it was
     * computed from, the documents are the same and so are the duplicate reports: then nothing a check reads changed.
     * An edit that changes no cross-file fact costs one fingerprint of the edited document's contribution.
     */
    private sameVersion(documents: LangiumDocument[], duplicates: ReadonlyMap<string, string>): FactsVersion | undefined {
        const last = this.lastVersion;
        if (!last || last.documents.length !== documents.length || !sameEntries(last.duplicates, duplicates)) return undefined;
        for (const [i, [document, fingerprint]] of last.documents.entries()) {
            if (document !== documents[i] || fingerprint !== documentFingerprint(this.documentFacts(document))) return undefined;
        }
        return last.version;
    }

    private locate(byUri: Map<string, LangiumDocument>, description: AstNodeDescription): AstNode | undefined {
        const document = byUri.get(description.documentUri.toString());
        return document
            ? this.services.ServiceRegistry.getServices(document.uri).workspace.AstNodeLocator.getAstNode(
                  document.parseResult.value,
                  description.path
              )
            : undefined;
    }

    /**
     * The declarations that share their kind and name with another (aliases included); also, per document, which of
     * its declarations are reported and where their duplicates are. The index is grouped by kind and name
     * incrementally: only documents indexed again or removed since the last call are regrouped (the first call
     * groups them all), so a keystroke costs the edited documents and the repeated names, not the workspace.
     */
    private computeDuplicates(documents: LangiumDocument[]): { duplicates: Map<AstNode, AstNodeDescription[]>; byDocument: Map<string, string> } {
        const names = this.names;
        const regroup = this.regroup ?? documents.map(document => document.uri.toString());
        this.regroup = new Set();
        for (const uri of regroup) {
            const exports = this.exportsOf(uri);
            const known = names.exports.get(uri);
            if (known === exports) continue;
            if (known) names.remove(uri, known);
            if (exports.length > 0) names.add(uri, exports);
        }
        const duplicates = new Map<AstNode, AstNodeDescription[]>();
        const byDocument = new Map<string, string[]>();
        if (names.repeated.size === 0) return { duplicates, byDocument: new Map() };
        const order = new Map(documents.map((document, index) => [document.uri.toString(), index]));
        const byUri = new Map(documents.map(document => [document.uri.toString(), document]));
        for (const key of names.repeated) {
            // In document order (then declaration order), as a build of the whole workspace indexes them.
            const group = [...names.groups.get(key)!].sort((a, b) => order.get(a.documentUri.toString())! - order.get(b.documentUri.toString())!);
            const nodes = group.map(description => description.node ?? this.locate(byUri, description));
            // A report names one other declaration: the group's first, or for the first itself the next that is
            // another node (a name and an alias of one declaration are not duplicates). Listing every other one per
            // declaration made n copies of a name cost n² (10,000 copies ran out of memory).
            const second = nodes.findIndex(node => node !== nodes[0]);
            const [firstDescription] = group;
            const secondDescription = group[second];
            if (!firstDescription || !secondDescription) continue;
            group.forEach((description, index) => {
                const node = nodes[index];
                if (!node) return;
                const other = node === nodes[0] ? secondDescription : firstDescription;
                if (!duplicates.has(node)) duplicates.set(node, [other]);
                const uri = description.documentUri.toString();
                const where = `${other.documentUri.toString()}:${other.nameSegment?.range.start.line}`;
                const reports = byDocument.get(uri);
                const line = `${description.type} ${description.name} ${description.path} ${where}\n`;
                if (reports) reports.push(line);
                else byDocument.set(uri, [line]);
            });
        }
        return { duplicates, byDocument: new Map([...byDocument].map(([uri, lines]) => [uri, lines.join('')])) };
    }

    /** The descriptions a document exports (the same array until the document is indexed again). */
    private exportsOf(uri: string): readonly AstNodeDescription[] {
        const index = this.services.workspace.IndexManager as unknown as { getFileDescriptions?(uri: string): AstNodeDescription[] };
        return index.getFileDescriptions?.(uri) ?? this.services.workspace.IndexManager.allElements(undefined, new Set([uri])).toArray();
    }
}

/** The index's declarations grouped by kind and name, kept up to date document by document. */
class NameGroups {
    /** Per document, the exports it was grouped with. */
    readonly exports = new Map<string, readonly AstNodeDescription[]>();
    readonly groups = new Map<string, AstNodeDescription[]>();
    /** The keys of the groups with more than one declaration. */
    readonly repeated = new Set<string>();

    add(uri: string, exports: readonly AstNodeDescription[]): void {
        this.exports.set(uri, exports);
        for (const description of exports) {
            const key = groupKey(description);
            const group = this.groups.get(key);
            if (group) group.push(description);
            else this.groups.set(key, [description]);
            if (group && group.length > 1) this.repeated.add(key);
        }
    }

    remove(uri: string, exports: readonly AstNodeDescription[]): void {
        this.exports.delete(uri);
        for (const key of new Set(exports.map(groupKey))) {
            const group = this.groups.get(key)?.filter(description => description.documentUri.toString() !== uri) ?? [];
            if (group.length === 0) this.groups.delete(key);
            else this.groups.set(key, group);
            if (group.length < 2) this.repeated.delete(key);
        }
    }
}

function groupKey(description: AstNodeDescription): string {
    return `${description.type}\u0000${description.name}`;
}
