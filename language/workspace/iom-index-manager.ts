import { AstUtils, type Cancellation, DefaultIndexManager, type LangiumDocument, type LangiumSharedCoreServices, type URI } from 'langium';

/**
 * Langium's index manager, with each document's cross-file reference targets kept as a set. On every update Langium
 * asks, for every document of the workspace, whether it references a changed document (`isAffected`); the default
 * answers by scanning all of the document's reference descriptions, which makes each keystroke cost every reference
 * of the workspace. Here it costs one set lookup per document and changed URI.
 *
 * A workspace loaded for a batch command (`references: false`) does not index references at all: only find
 * references and rename read that index, and no check does. Which documents a change affects is then found from
 * each document's resolved references.
 */
export class IomIndexManager extends DefaultIndexManager {
    /** Per document URI: the URIs of the other documents its references point to. */
    private readonly targets = new Map<string, Set<string>>();
    private readonly indexReferences: boolean;

    constructor(services: LangiumSharedCoreServices, options: { references?: boolean } = {}) {
        super(services);
        this.indexReferences = options.references ?? true;
    }

    override async updateReferences(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        if (!this.indexReferences) {
            this.targets.set(document.uri.toString(), resolvedTargets(document));
            return;
        }
        await super.updateReferences(document, cancelToken);
        const key = document.uri.toString();
        const targets = new Set<string>();
        for (const reference of this.referenceIndex.get(key) ?? []) {
            if (!reference.local) targets.add(reference.targetUri.toString());
        }
        this.targets.set(key, targets);
    }

    override removeReferences(uri: URI): void {
        super.removeReferences(uri);
        this.targets.delete(uri.toString());
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        const targets = this.targets.get(document.uri.toString());
        if (!targets) return super.isAffected(document, changedUris);
        if (targets.size === 0) return false;
        for (const uri of changedUris) if (targets.has(uri)) return true;
        return false;
    }
}

/** The URIs of the other documents a linked document's resolved references point to. */
function resolvedTargets(document: LangiumDocument): Set<string> {
    const own = document.uri.toString();
    const targets = new Set<string>();
    for (const reference of document.references) {
        const items = 'items' in reference ? reference.items.map(item => item.ref) : [reference.ref];
        for (const node of items) {
            const uri = node && AstUtils.findRootNode(node).$document?.uri.toString();
            if (uri && uri !== own) targets.add(uri);
        }
    }
    return targets;
}
