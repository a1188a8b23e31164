import {
    type AstNode,
    AstUtils,
    DocumentState,
    isAstNode,
    type MultiReference,
    type Reference,
    type Cancellation,
    DefaultLinker,
    DefaultReferenceDescriptionProvider,
    interruptAndCheck,
    isOperationCancelled,
    type LangiumDocument,
    OperationCancelled,
    type ReferenceDescription,
    type ValidationAcceptor,
    type ValidationCategory,
    type ValidationCheck,
    ValidationRegistry
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { linkSummary } from './link-summary.js';
import { treeContents } from './ast-walk.js';

/**
 * Langium's per-node loops (linking, indexing references, validating) await `interruptAndCheck` for every AST node,
 * and every validation check is wrapped in two async functions: several promises and microtask turns per node, a
 * large share of a workspace build's time and garbage (issue 12). The loops here do the same work, check the
 * cancellation token at every node (synchronously), and yield to the event loop only every `INTERRUPT_EVERY` nodes
 * (Langium's `interruptAndCheck` then still yields only when its period has passed), so an editor still cancels a
 * stale build at once; a build without a token (the CLI) never yields.
 */
export const INTERRUPT_EVERY = 128;

/** Returns a function to call per node: undefined most of the time, a promise to await every INTERRUPT_EVERY calls. */
export function nodeInterrupter(token: Cancellation.CancellationToken): () => Promise<void> | undefined {
    if (token === CancellationToken.None) return () => undefined;
    let count = 0;
    return () => {
        if (token.isCancellationRequested) throw OperationCancelled;
        return ++count % INTERRUPT_EVERY === 0 ? interruptAndCheck(token) : undefined;
    };
}

/**
 * Langium's linker, with the loop above over the references found by the tree's one walk (language/model/ast-walk.ts),
 * and relinking limited to the references that need it.
 *
 * When a file changes, Langium relinks every document that references it: it unlinks all of each one's references
 * and resolves them all again. With thousands of files referencing one provider file, one keystroke there re-resolved
 * every reference of the workspace. Here `link` resolves only the references whose target is gone (its document
 * changed, was deleted or was parsed again) or that did not resolve (they may now); the others keep their target,
 * which a new lookup would find again (a name declared twice is reported as a duplicate either way). It lists the
 * document's references in the tree's order, as a full link does.
 *
 * `unlink` (every reset of a document that references a changed one) leaves the references as they are: `link`
 * checks each one anyway, and a document waiting to be linked again is read by nothing that follows references (its
 * requests wait for it to be linked; the workspace facts map its contribution onto the re-parsed trees). Forgetting
 * the stale ones there scanned every reference of thousands of dependants on each keystroke that followed a pause.
 * The profiler's path is Langium's own throughout: everything is unlinked and resolved.
 */
export class IomLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) {
            resolvedAgain(document);
            super.unlink(document);
            return super.link(document, cancelToken);
        }
        const interrupt = nodeInterrupter(cancelToken);
        document.references = [];
        for (const info of treeContents(document.parseResult.value).references) {
            const pending = interrupt();
            if (pending) await pending;
            // Kept by `unlink` (or resolved early by a lookup) and still valid: listed, not resolved again. Langium's
            // `doLink` lists only the references it resolves itself. A kept reference can have gone stale since
            // `unlink` (resolved by a lookup to a document that changed again before this link): it is resolved anew.
            const { reference } = info;
            if (isStillValid(reference)) document.references.push(reference);
            else {
                if (isLinked(reference)) {
                    forget(reference);
                    resolvedAgain(document);
                }
                this.doLink(info, document);
            }
        }
        // Read now, in the build, so that the next edit's update (which asks whether it affects this document) only
        // looks it up.
        linkSummary(document);
    }

    override unlink(document: LangiumDocument): void {
        if (this.profiler?.isActive('linking')) super.unlink(document);
    }
}

/** Per document: how many times a link resolved again a reference that had been resolved (see `resolutions`). */
const generations = new WeakMap<LangiumDocument, number>();

function resolvedAgain(document: LangiumDocument): void {
    generations.set(document, (generations.get(document) ?? 0) + 1);
}

/**
 * A number that changes whenever linking the document resolves again a reference that had a target (or had failed):
 * what was read from its references before stays right while it does not change and the tree is the same (the
 * workspace facts keep a contribution computed on demand before the document was linked).
 */
export function resolutions(document: LangiumDocument): number {
    return generations.get(document) ?? 0;
}

/** Langium's reference objects keep their resolution in these fields (what its own `doLink` and `unlink` read). */
interface ResolvedFields {
    _ref?: unknown;
    _nodeDescription?: unknown;
    _items?: unknown;
    _linkingError?: unknown;
}

function isLinked(reference: Reference | MultiReference): boolean {
    const fields = reference as ResolvedFields;
    return '_ref' in fields ? fields._ref !== undefined : fields._items !== undefined;
}

/** A reference resolved to a node of a document that is still indexed with that same tree. */
function isStillValid(reference: Reference | MultiReference): boolean {
    const target = (reference as ResolvedFields)._ref;
    if (!('_ref' in reference) || !isAstNode(target)) return false;
    const root = AstUtils.findRootNode(target);
    const document = root.$document;
    return document !== undefined && document.state >= DocumentState.IndexedContent && document.parseResult.value === root;
}

/** What Langium's `unlink` does to each reference. */
function forget(reference: Reference | MultiReference): void {
    const fields = reference as ResolvedFields;
    if ('_ref' in fields) {
        fields._ref = undefined;
        delete fields._nodeDescription;
    } else if ('_items' in fields) {
        fields._items = undefined;
        delete fields._linkingError;
    }
}

/** Langium's reference descriptions (the index of references), from the references found by the tree's one walk. */
export class IomReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument): Promise<ReferenceDescription[]> {
        return this.describe(document);
    }

    /** The descriptions of a linked document's resolved references (the index manager asks when they are searched). */
    describe(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        for (const refInfo of treeContents(document.parseResult.value).references) {
            if (!refInfo.reference.error) descriptions.push(...this.createInfoDescriptions(refInfo));
        }
        return descriptions;
    }
}

/**
 * Langium's validation registry, whose wrapper around each check is synchronous when the check is: an exception is
 * reported on the node exactly as Langium does ("An error occurred during validation: …"), a cancellation is thrown
 * on, and an asynchronous check's promise is returned for the validator to await.
 */
export class IomValidationRegistry extends ValidationRegistry {
    /** Per list of categories: the checks of each node type, as an array (see `checksByType`). */
    private readonly tables = new Map<string, Map<string, readonly ValidationCheck[]>>();

    override register(...args: Parameters<ValidationRegistry['register']>): void {
        super.register(...args);
        this.tables.clear();
    }

    /**
     * The checks of each node type for the given categories, as `getChecks` lists them. Langium's `getChecks` builds
     * a stream (a concatenation, a filter and a map) for every node validated; the validator asks this table once
     * per document and reads an array per node.
     */
    checksByType(categories: readonly ValidationCategory[] | undefined): (type: string) => readonly ValidationCheck[] {
        const key = categories ? categories.join(' ') : '*';
        let table = this.tables.get(key);
        if (!table) this.tables.set(key, (table = new Map()));
        const byType = table;
        return type => {
            let checks = byType.get(type);
            if (!checks) byType.set(type, (checks = this.getChecks(type, categories as ValidationCategory[] | undefined).toArray()));
            return checks;
        };
    }

    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        const report = (error: unknown, accept: ValidationAcceptor, node: AstNode) => {
            if (isOperationCancelled(error)) throw error;
            console.error('An error occurred during validation:', error);
            if (error instanceof Error && error.stack) console.error(error.stack);
            accept('error', `An error occurred during validation: ${error instanceof Error ? error.message : String(error)}`, { node });
        };
        return (node, accept, cancelToken) => {
            try {
                const result = check.call(thisObj, node, accept, cancelToken);
                if (result && typeof (result as Promise<void>).then === 'function') {
                    return (result as Promise<void>).then(undefined, error => report(error, accept, node));
                }
                return undefined;
            } catch (error) {
                report(error, accept, node);
                return undefined;
            }
        };
    }
}
