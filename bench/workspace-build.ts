/**
 * Builds a generated workspace in fresh in-memory services the way the CLI and the server's initial build do, and
 * measures keystrokes in it (bench/run.ts's sections share these).
 */
import { DefaultLangiumProfiler, DocumentState, EmptyFileSystem, inject, type LangiumDocument, URI } from 'langium';
import { createDefaultModule, createDefaultSharedModule, type LangiumSharedServices } from 'langium/lsp';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createIomServices, IomModule, IomSharedModule, type IomServices } from '../language/iom-module.js';
import { IomGeneratedModule, IomGeneratedSharedModule } from '../language/generated/module.js';
import { registerValidationChecks } from '../language/validation/iom-validator.js';
import { builtinDocuments } from '../language/workspace/iom-workspace-manager.js';
import { isBuiltinDocument } from '../language/model/builtin.js';
import type { GeneratedWorkspace } from './generate.js';
import { now } from './measure.js';
import type { Report } from './report.js';

/** Services for an in-memory workspace; with --profile, with Langium's profiler wired in. */
function createServices(profile: boolean): { shared: LangiumSharedServices; Iom: IomServices; profiler?: DefaultLangiumProfiler } {
    if (!profile) return createIomServices(EmptyFileSystem);
    // Same wiring as createIomServices, plus the profiler in the shared module (it has no hook for that).
    const profiler = new DefaultLangiumProfiler(new Set());
    const shared = inject(createDefaultSharedModule(EmptyFileSystem), IomGeneratedSharedModule, IomSharedModule, {
        profilers: { LangiumProfiler: () => profiler }
    });
    const Iom = inject(createDefaultModule({ shared }), IomGeneratedModule, IomModule);
    shared.ServiceRegistry.register(Iom);
    registerValidationChecks(Iom);
    shared.workspace.ConfigurationProvider.initialized({});
    return { shared, Iom, profiler };
}

export interface BuiltWorkspace {
    shared: LangiumSharedServices;
    Iom: IomServices;
    documents: LangiumDocument[];
    byPath: Map<string, LangiumDocument>;
    phases: Record<string, number>;
    total: number;
    profiler?: DefaultLangiumProfiler;
}

const uriOf = (file: string) => URI.parse(`file:///bench/${file}`);

/**
 * Loads the built-in library and the workspace's files into fresh services and builds them the way the CLI and the
 * server's initial build do: parse, index, scopes, link, index references, and every validation category.
 */
export async function buildWorkspace(workspace: GeneratedWorkspace, profile: boolean): Promise<BuiltWorkspace> {
    const { shared, Iom, profiler } = createServices(profile);
    const factory = shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    const marks: Array<[string, number]> = [];
    const phaseNames: Array<[DocumentState, string]> = [
        [DocumentState.IndexedContent, 'index'],
        [DocumentState.ComputedScopes, 'scopes'],
        [DocumentState.Linked, 'link'],
        [DocumentState.IndexedReferences, 'index references'],
        [DocumentState.Validated, 'validate']
    ];
    const listeners = phaseNames.map(([state, name]) =>
        builder.onBuildPhase(state, () => {
            marks.push([name, now()]);
        })
    );
    // Construct the parser (Chevrotain's grammar analysis) before the clock starts: that is a start-up cost, which
    // the server-start figure covers, not a cost of building a workspace.
    Iom.parser.LangiumParser.parse('');
    profiler?.start('parsing', 'linking', 'validating');

    const start = now();
    const documents: LangiumDocument[] = [];
    for (const { uri, text } of builtinDocuments()) documents.push(factory.fromString(text, uri));
    const byPath = new Map<string, LangiumDocument>();
    for (const file of workspace.files) {
        const document = factory.fromString(file.text, uriOf(file.path));
        documents.push(document);
        byPath.set(file.path, document);
    }
    for (const document of documents) langiumDocuments.addDocument(document);
    const parsed = now();
    await builder.build(documents, { validation: true });
    const end = now();

    profiler?.stop();
    for (const listener of listeners) listener.dispose();
    const phases: Record<string, number> = { parse: parsed - start };
    let previous = parsed;
    for (const [name, at] of marks) {
        phases[name] = at - previous;
        previous = at;
    }
    return { shared, Iom, documents, byPath, phases, total: end - start, profiler };
}

/** Fails the benchmark loudly when the generated workspace is not clean: its figures would be meaningless. */
export function assertClean(built: BuiltWorkspace, what: string, report: Report): void {
    const problems: Array<{ uri: string; diagnostic: Diagnostic }> = [];
    let builtinProblems = 0;
    for (const document of built.documents) {
        if (isBuiltinDocument(document)) {
            // The built-in library is not the benchmark's to fix (the CLI does not report it either); say so once.
            builtinProblems += document.diagnostics?.length ?? 0;
            continue;
        }
        for (const diagnostic of document.diagnostics ?? []) problems.push({ uri: document.uri.toString(), diagnostic });
    }
    if (builtinProblems > 0) {
        report.warnOnce(`the built-in library has ${builtinProblems} diagnostic(s) of its own (not caused by the benchmark).`);
    }
    if (problems.length === 0) return;
    const lines = problems
        .slice(0, 20)
        .map(
            ({ uri, diagnostic }) =>
                `  ${uri}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.code ?? ''} ${diagnostic.message}`
        );
    throw new Error(
        `the generated ${what} is not valid: ${problems.length} diagnostic(s); the first ones:\n${lines.join('\n')}\n` +
            'Fix bench/generate.ts (or the check) before reading any figure.'
    );
}

export function printProfile(built: BuiltWorkspace, what: string): void {
    if (!built.profiler) return;
    for (const category of ['parsing', 'linking', 'validating'] as const) {
        const totals = new Map<string, { time: number; count: number }>();
        let overall = 0;
        for (const recordEntry of built.profiler.getRecords(category)) {
            overall += recordEntry.duration;
            for (const [key, value] of recordEntry.entries.entries()) {
                const entry = totals.get(key) ?? { time: 0, count: 0 };
                entry.time += value;
                entry.count++;
                totals.set(key, entry);
            }
        }
        const top = [...totals.entries()].sort((a, b) => b[1].time - a[1].time).slice(0, 12);
        process.stderr.write(`\n[profile] ${what}: ${category} total ${overall.toFixed(0)} ms\n`);
        for (const [key, { time, count }] of top)
            process.stderr.write(`  ${time.toFixed(1).padStart(9)} ms  ${String(count).padStart(7)}×  ${key}\n`);
    }
}

export function describePhases(built: BuiltWorkspace): string {
    return (
        Object.entries(built.phases)
            .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
            .join(', ') + ' ms'
    );
}

/** Replaces the first occurrence of `search` at or after the start of line `line` (0-based) with `replacement`. */
function editedText(text: string, search: RegExp, replacement: (match: string) => string): string {
    return text.replace(search, replacement);
}

/**
 * Simulates keystrokes in an open editor: each edit puts a new version of the document into the text documents
 * (as didChange does) and runs DocumentBuilder.update with the server's default update build options
 * (validation categories built-in and fast), which is what runs between a keystroke and publishDiagnostics.
 */
export async function measureEdits(built: BuiltWorkspace, file: string, edit: (text: string, i: number) => string, count: number): Promise<number[]> {
    const document = built.byPath.get(file);
    if (!document) throw new Error(`no document ${file}`);
    const uri = document.uri.toString();
    const original = document.textDocument.getText();
    const textDocuments = built.shared.workspace.TextDocuments;
    if (!textDocuments) throw new Error('no TextDocuments service');
    const builder = built.shared.workspace.DocumentBuilder;
    const times: number[] = [];
    const warmup = 3;
    for (let i = 0; i < count + warmup; i++) {
        const text = edit(original, i);
        if (text === original) throw new Error(`the edit of ${file} changed nothing`);
        textDocuments.set(TextDocument.create(uri, 'iom', i + 2, text));
        const start = now();
        await builder.update([document.uri], []);
        const elapsed = now() - start;
        const current = built.shared.workspace.LangiumDocuments.getDocument(document.uri)!;
        if (current.state !== DocumentState.Validated) throw new Error(`${file} is not validated after the edit`);
        if ((current.diagnostics ?? []).length > 0) {
            throw new Error(`the edit of ${file} produced diagnostics: ${current.diagnostics!.map(d => d.message).join('; ')}`);
        }
        if (i >= warmup) times.push(elapsed);
    }
    return times;
}

/** A description edit on the n-th `description "…"` line of a file: what typing in a string looks like. */
export function descriptionEdit(occurrence: number) {
    return (text: string, i: number) => {
        let seen = -1;
        return editedText(text, /description "([^"]*)"/g, match => (++seen === occurrence ? match.slice(0, -1) + ` (rev ${i})"` : match));
    };
}
