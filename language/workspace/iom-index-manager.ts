import { type Cancellation, DefaultIndexManager, type LangiumDocument, type URI } from 'langium';

/**
 * Langium's index manager, with each document's cross-file reference targets kept as a set. On every update Langium
 * asks, for every document of the workspace, whether it references a changed document (`isAffected`); the default
 * answers by scanning all of the document's reference descriptions, which makes each keystroke cost every reference
 * of the workspace. Here it costs one set lookup per document and changed URI.
 */
export class IomIndexManager extends DefaultIndexManager {
    /** Per document URI: the URIs of the other documents its references point to. */
    private readonly targets = new Map<string, Set<string>>();

    override async updateReferences(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
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
