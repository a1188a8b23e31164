/**
 * What a linked document's references come to, for deciding whether an edit elsewhere affects it: the other
 * documents its resolved references point into, and whether one of them failed to resolve. Langium answers both by
 * scanning every reference of every document on each update; here the answer is read once per reference list and
 * kept until the document is linked again (a new list) or a reference is resolved late (the list grows).
 */
import { AstUtils, type LangiumDocument } from 'langium';

export interface LinkSummary {
    /** The URIs of the other documents the resolved references point to. */
    readonly targets: ReadonlySet<string>;
    /** Whether a reference did not resolve (it may once another document changes). */
    readonly errors: boolean;
}

const summaries = new WeakMap<LangiumDocument, LinkSummary & { references: unknown[]; count: number }>();

export function linkSummary(document: LangiumDocument): LinkSummary {
    const { references } = document;
    let summary = summaries.get(document);
    if (summary?.references !== references || summary.count !== references.length) {
        summary = { references, count: references.length, ...summarize(document) };
        summaries.set(document, summary);
    }
    return summary;
}

function summarize(document: LangiumDocument): LinkSummary {
    const own = document.uri.toString();
    const targets = new Set<string>();
    let errors = false;
    for (const reference of document.references) {
        if (reference.error !== undefined) {
            errors = true;
            continue;
        }
        const nodes = 'items' in reference ? reference.items.map(item => item.ref) : [reference.ref];
        for (const node of nodes) {
            const uri = node && AstUtils.findRootNode(node).$document?.uri.toString();
            if (uri && uri !== own) targets.add(uri);
        }
    }
    return { targets, errors };
}
