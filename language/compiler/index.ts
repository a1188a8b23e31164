/**
 * The IOM compiler: a linked workspace → deployable artifacts (docs/artifacts.md).
 *
 *   const workspace = await loadWorkspace(folder);          // host/load-workspace.ts: parse, link, validate
 *   const result = compileWorkspace(workspace);            // pure and synchronous: no file is touched
 *   if (result.ok) shared.workspace.ArtifactWriter.write(result, outDir);   // the host writes (host/write.ts on Node)
 */
import { type AstNode, AstUtils, type LangiumDocument } from 'langium';
import { version as packageVersion } from '../../package.json';
import { isBuiltinDocument } from '../model/builtin.js';
import { relativeFile, toUriPath } from '../model/paths.js';
import { buildManifest, emitRecords, MANIFEST_FILE, manifestText as manifestTextOf } from './emit.js';
import { Lowering } from './lower.js';
import type { CompiledRecord, Manifest } from './records.js';
import type { Digests } from './hash.js';
import { Diagnostics } from '../validation/diagnostics.js';
import { codedProblem, findDiagnostic } from '../validation/diagnostic-builder.js';
import { findSecrets, redactSecrets } from '../validation/secrets.js';
import { kindOf } from '../model/kinds.js';
import { reflection } from '../generated/ast.js';

export * from './records.js';
export { KIND_FOLDERS, MANIFEST_FILE, sha256, slug, stableStringify } from './emit.js';
export { stableId, ID_NAMESPACE } from './ids.js';
export { COMPILER_NAME, isOwnManifest } from './emit.js';
export type { ArtifactWriter, WritableResult, WriteSummary } from './output.js';

export const COMPILER_VERSION: string = packageVersion;

/** What the compiler needs: the workspace root (absolute) and its linked, validated documents. */
export interface CompileInput {
    root: string;
    documents: readonly LangiumDocument[];
    /** The host's hashes (`shared.workspace.Digests`: Node's crypto on Node); the plain TypeScript ones when absent. */
    digests?: Digests;
}

export interface CompileOptions {
    /** Compile even when error diagnostics exist (for previews); the result is then not `ok` and cannot be written. */
    allowErrors?: boolean;
}

/** An error diagnostic that blocks the emit. */
export interface BlockingError {
    file: string;
    line: number;
    column: number;
    code?: string;
    message: string;
}

export interface CompiledEntry {
    path: string;
    text: string;
    record: CompiledRecord;
    /** The declarations the record comes from. */
    nodes: readonly AstNode[];
}

export interface CompileResult {
    /** True when no error diagnostic exists: the artifacts may be written. */
    ok: boolean;
    errors: BlockingError[];
    /** Output-relative path → JSON text, manifest.json included, sorted by path. Empty when blocked. */
    artifacts: ReadonlyMap<string, string>;
    manifest?: Manifest;
    entries: readonly CompiledEntry[];
    /**
     * Preview only (`allowErrors`): declarations the lowering could not compile at all (it is meant to be total, so this
     * stays empty; a last line of defence that keeps the other records).
     */
    failures: ReadonlyArray<{ nodes: readonly AstNode[]; message: string }>;
}

/** Compiles a loaded workspace. Pure: deterministic for the same sources whatever their order, OS or line endings. */
export function compileWorkspace(workspace: CompileInput, options: CompileOptions = {}): CompileResult {
    const rootPath = toUriPath(workspace.root);
    const documents = workspace.documents.filter(document => !isBuiltinDocument(document));
    const errors: BlockingError[] = [];
    for (const document of documents) {
        for (const diagnostic of document.diagnostics ?? []) {
            if ((diagnostic.severity ?? 1) !== 1) continue;
            const code = diagnostic.code ?? (diagnostic.data as { code?: string } | undefined)?.code;
            errors.push({
                file: relativeFile(rootPath, document),
                line: diagnostic.range.start.line + 1,
                column: diagnostic.range.start.character + 1,
                ...(code !== undefined ? { code: String(code) } : {}),
                message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value
            });
        }
    }
    // Defence in depth: a document that failed to lex, parse or link blocks the emit even when its diagnostics do not
    // say so (the validator never drops those errors, whatever the configuration; see `structuralErrors`).
    for (const document of documents) {
        const file = relativeFile(rootPath, document);
        if (errors.some(error => error.file === file && error.code !== undefined && findDiagnostic(error.code)?.fixed)) continue;
        errors.push(...structuralErrors(document, file));
    }
    errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
    const ok = errors.length === 0;
    if (!ok && !options.allowErrors) return { ok, errors, artifacts: new Map(), entries: [], failures: [] };

    const lowering = new Lowering(rootPath, !ok, workspace.digests);
    const lowered = lowering.lower(documents);
    const emitted = emitRecords(lowered, workspace.digests);
    const manifest = buildManifest(emitted, lowering.requires.values(), COMPILER_VERSION);
    // The last guard of docs/artifacts.md's promise: no artifact carries a secret, even when IOM0004 was switched
    // off or suppressed. Such a build is blocked like one with errors.
    const leaks = ok ? secretLeaks(emitted) : [];
    if (leaks.length > 0 && !options.allowErrors) return { ok: false, errors: leaks, artifacts: new Map(), entries: [], failures: lowering.failures };
    const nodesOf = new Map(lowered.map(item => [item.record, item.nodes]));
    const entries = emitted.map(({ path, text, record }) => ({ path, text, record, nodes: nodesOf.get(record) ?? [] }));
    const artifacts = new Map<string, string>();
    // The emitted artifacts are sorted by path already: the manifest goes in at its place.
    const manifestText = manifestTextOf(manifest);
    let manifestAdded = false;
    for (const { path, text } of emitted) {
        if (!manifestAdded && MANIFEST_FILE < path) {
            artifacts.set(MANIFEST_FILE, manifestText);
            manifestAdded = true;
        }
        artifacts.set(path, text);
    }
    if (!manifestAdded) artifacts.set(MANIFEST_FILE, manifestText);
    return { ok, errors, artifacts: ok ? artifacts : new Map(), manifest, entries, failures: lowering.failures };
}

/** Artifacts whose text holds something secret-like (language/validation/secret-detectors.json). */
function secretLeaks(emitted: ReadonlyArray<{ path: string; record: CompiledRecord; text: string }>): BlockingError[] {
    const errors: BlockingError[] = [];
    for (const { path, record, text } of emitted) {
        const [first] = findSecrets(text);
        if (!first) continue;
        errors.push({
            file: record.source.file,
            line: record.source.line,
            column: record.source.column,
            code: Diagnostics.secretInLiteral.code,
            message: `${redactSecrets(path)} would carry a secret (${first.detector.name}); the build never emits secrets. Reference it instead (secret env "NAME").`
        });
    }
    return errors;
}

/** The compiled entry of the record declared at (or around) a node: the journey of a step, the policy of a rule, … */
export function entryForNode(result: CompileResult, node: AstNode): CompiledEntry | undefined {
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        const entry = result.entries.find(candidate => candidate.nodes.includes(current!));
        if (entry) return entry;
    }
    return undefined;
}

/**
 * What the preview could not compile in an entry: the syntax and linking errors (IOM0001, IOM0002, IOM1001) inside
 * its declarations, as `file:line:column CODE message`. Empty for a complete record.
 */
export function incompleteParts(entry: { nodes: readonly AstNode[] }, root: string): string[] {
    const rootPath = toUriPath(root);
    const parts: string[] = [];
    for (const node of entry.nodes) {
        const cst = node.$cstNode;
        if (!cst) continue;
        const document = AstUtils.getDocument(node);
        const file = relativeFile(rootPath, document);
        for (const diagnostic of document.diagnostics ?? []) {
            const code = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
            if (!code || !findDiagnostic(code)?.fixed) continue;
            const offset = document.textDocument.offsetAt(diagnostic.range.start);
            if (offset < cst.offset || offset > cst.end) continue;
            parts.push(`${file}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${code} ${diagnostic.message}`);
        }
    }
    return parts;
}

/** The compiled entry of the record at an offset of a document. */
export function entryAt(result: CompileResult, document: LangiumDocument, offset: number): CompiledEntry | undefined {
    const root = document.parseResult.value;
    let best: AstNode | undefined;
    for (const node of AstUtils.streamAst(root)) {
        const cst = node.$cstNode;
        if (cst && cst.offset <= offset && offset <= cst.end) best = node;
    }
    return best ? entryForNode(result, best) : undefined;
}

/** The lexer, parser and linker errors of a document, read from the document itself rather than its diagnostics. */
export function structuralErrors(document: LangiumDocument, file: string): BlockingError[] {
    const at = (offset: number) => {
        const text = document.textDocument.getText();
        const position = document.textDocument.positionAt(Number.isFinite(offset) ? offset : text.length);
        return { file, line: position.line + 1, column: position.character + 1 };
    };
    const { lexerErrors, parserErrors } = document.parseResult;
    return [
        ...lexerErrors.map(error => ({ ...at(error.offset), ...codedProblem(Diagnostics.lexingError, { detail: error.message }) })),
        ...parserErrors.map(error => ({ ...at(error.token.startOffset), ...codedProblem(Diagnostics.parsingError, { detail: error.message }) })),
        ...document.references
            .filter(reference => reference.error)
            .map(reference => ({
                ...at(reference.$refNode?.offset ?? 0),
                ...codedProblem(Diagnostics.unresolvedReference, {
                    kind: kindOf(reflection.getReferenceType(reference.error!.info)),
                    name: reference.$refText,
                    where: '',
                    suggestion: ''
                })
            }))
    ];
}
