import {
    type AstNode,
    type AstNodeDescription,
    type Cancellation,
    DefaultIndexManager,
    DocumentState,
    type LangiumDocument,
    type LangiumSharedCoreServices,
    type ReferenceDescription,
    type Scope,
    type Stream,
    stream,
    URI
} from 'langium';
import type { IomReferenceDescriptionProvider } from '../model/interrupt.js';
import { linkSummary } from '../model/link-summary.js';

/**
 * Langium's index manager, with each document's cross-file reference targets kept as a set. On every update Langium
 * asks, for every document of the workspace, whether it references a changed document (`isAffected`); the default
 * answers by scanning all of the document's reference descriptions, which makes each keystroke cost every reference
 * of the workspace. Here it costs one set lookup per document and changed URI (language/model/link-summary.ts).
 *
 * The index of references (what find references and rename read; no check does) is built lazily: a build only
 * notes which documents were linked again, and the first search for references after it describes their
 * references (about an eighth of a workspace build, and of every relink of a file's dependants, otherwise). A
 * workspace loaded for a batch command (`references: false`) never indexes references. Which documents a change
 * affects is found from each document's resolved references either way.
 *
 * It also keeps the workspace-wide scope of each reference type up to date as documents are indexed
 * (`globalScope`). Langium rebuilds that scope from every exported symbol of the workspace on the first lookup after
 * any change, which made each keystroke cost the whole index (about 10 ms per keystroke with 4,000 files).
 */
export class IomIndexManager extends DefaultIndexManager {
    private readonly indexReferences: boolean;
    /** The documents linked since references were last searched for, whose references are not described yet. */
    private readonly undescribed = new Set<string>();
    /** The workspace-wide scope of each reference type looked up so far, updated as documents are indexed. */
    private readonly globalScopes = new Map<string, GlobalScope>();
    /** The position of each document in the symbol index (Langium's order: the order documents were first indexed). */
    private readonly positions = new Map<string, number>();
    private nextPosition = 0;

    constructor(services: LangiumSharedCoreServices, options: { references?: boolean } = {}) {
        super(services);
        this.indexReferences = options.references ?? true;
    }

    /** The scope of every exported declaration of the given reference type, by name (what Langium's global scope is). */
    globalScope(referenceType: string): Scope {
        let scope = this.globalScopes.get(referenceType);
        if (!scope) {
            scope = new GlobalScope(this, referenceType);
            // One pass over every export, with the subtype test decided once per declaration type (Langium's
            // per-document, per-type lists are filtered and cached for each of them: 15,000 lists for 1,000 files).
            const matches = new Map<string, boolean>();
            const isOfType = (description: AstNodeDescription) => {
                let match = matches.get(description.type);
                if (match === undefined) matches.set(description.type, (match = this.astReflection.isSubtype(description.type, referenceType)));
                return match;
            };
            for (const [uri, descriptions] of this.symbolIndex) scope.add(descriptions.filter(isOfType), this.positionOf(uri));
            this.globalScopes.set(referenceType, scope);
        }
        return scope;
    }

    /**
     * A number that changes whenever the exported declarations of the reference type (what `allElements(type)`
     * streams) change, so that what is derived from them can be kept until then (completion's sorted candidates).
     */
    exportsVersion(referenceType: string): number {
        return (this.globalScope(referenceType) as GlobalScope).version;
    }

    override async updateContent(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        const uri = document.uri.toString();
        const before = new Map([...this.globalScopes.keys()].map(type => [type, this.exportsOf(uri, type)]));
        await super.updateContent(document, cancelToken);
        const position = this.positionOf(uri);
        for (const [type, scope] of this.globalScopes) {
            scope.remove(before.get(type) ?? []);
            scope.add(this.exportsOf(uri, type), position);
        }
    }

    override removeContent(uri: URI): void {
        const key = uri.toString();
        for (const [type, scope] of this.globalScopes) scope.remove(this.exportsOf(key, type));
        super.removeContent(uri);
        this.positions.delete(key);
    }

    private exportsOf(uri: string, type: string): readonly AstNodeDescription[] {
        return this.symbolIndex.has(uri) ? this.getFileDescriptions(uri, type) : [];
    }

    private positionOf(uri: string): number {
        let position = this.positions.get(uri);
        if (position === undefined) this.positions.set(uri, (position = this.nextPosition++));
        return position;
    }

    override async updateReferences(document: LangiumDocument): Promise<void> {
        const key = document.uri.toString();
        this.referenceIndex.delete(key);
        if (this.indexReferences) this.undescribed.add(key);
    }

    override removeReferences(uri: URI): void {
        super.removeReferences(uri);
        this.undescribed.delete(uri.toString());
    }

    override findAllReferences(targetNode: AstNode, astNodePath: string): Stream<ReferenceDescription> {
        this.describePending();
        return super.findAllReferences(targetNode, astNodePath);
    }

    /** Describes the references of every document linked since the last search (see the class comment). */
    private describePending(): void {
        for (const key of this.undescribed) {
            const document = this.documents.getDocument(URI.parse(key));
            if (!document) continue;
            const provider = this.serviceRegistry.getServices(document.uri).workspace.ReferenceDescriptionProvider;
            this.referenceIndex.set(key, (provider as IomReferenceDescriptionProvider).describe(document));
        }
        this.undescribed.clear();
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        // Its references were reset (it is linked again anyway) below Linked; a document linked by a build that was
        // cancelled before it indexed the document's references counts as linked.
        if (document.state < DocumentState.Linked) return false;
        const { targets } = linkSummary(document);
        for (const uri of changedUris) if (targets.has(uri)) return true;
        return false;
    }
}

/** A description in a global scope, with where it stands in Langium's order (document, then export). */
interface Placed {
    description: AstNodeDescription;
    position: number;
    index: number;
}

/**
 * The exported declarations of one reference type by name. A name declared more than once resolves to the first in
 * Langium's order (the document indexed first, then the first export), as the scope Langium would build resolves it.
 */
class GlobalScope implements Scope {
    private readonly byName = new Map<string, Placed[]>();
    /** Counts the changes: every document indexed or removed with declarations of the type. */
    version = 0;

    constructor(
        private readonly index: IomIndexManager,
        private readonly referenceType: string
    ) {}

    add(descriptions: readonly AstNodeDescription[], position: number): void {
        if (descriptions.length > 0) this.version++;
        descriptions.forEach((description, index) => {
            const placed = { description, position, index };
            const list = this.byName.get(description.name);
            if (!list) {
                this.byName.set(description.name, [placed]);
                return;
            }
            // Usually the last; a document indexed again keeps its place among the others.
            let at = list.length;
            for (let previous = list[at - 1]; previous && before(placed, previous); previous = list[at - 1]) at--;
            list.splice(at, 0, placed);
        });
    }

    remove(descriptions: readonly AstNodeDescription[]): void {
        if (descriptions.length > 0) this.version++;
        // One pass over each name's list, however many of a document's declarations share the name.
        const gone = new Set(descriptions);
        for (const name of new Set(descriptions.map(description => description.name))) {
            const rest = (this.byName.get(name) ?? []).filter(placed => !gone.has(placed.description));
            if (rest.length === 0) this.byName.delete(name);
            else this.byName.set(name, rest);
        }
    }

    getElement(name: string): AstNodeDescription | undefined {
        return this.byName.get(name)?.[0]?.description;
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.byName.get(name) ?? []).map(placed => placed.description);
    }

    getAllElements(): Stream<AstNodeDescription> {
        return this.index.allElements(this.referenceType);
    }
}

function before(a: Placed, b: Placed): boolean {
    return a.position < b.position || (a.position === b.position && a.index < b.index);
}
