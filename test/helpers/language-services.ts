import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type BuildOptions, EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Model } from '../../language/generated/ast.js';
import { createIomServices } from '../../language/iom-module.js';
import { builtinDocuments } from '../../language/workspace/iom-workspace-manager.js';
import { type CompileResult, compileWorkspace } from '../../language/compiler/index.js';
import { generateWorkspace } from '../../bench/generate.js';

/**
 * Language services over an in-memory file system with the built-in library loaded, and a parse helper. Documents
 * parsed by a test are removed after it, so no test sees another's declarations.
 */
export async function createTestServices() {
    const services = createIomServices(EmptyFileSystem);
    const { shared } = services;
    const builtins = await loadBuiltins(shared);
    const parse = parseHelper<Model>(services.Iom);
    const parsed: LangiumDocument[] = [];
    afterEach(async () => {
        await clearDocuments(shared, parsed.splice(0));
    });
    return {
        ...services,
        builtins,
        /** Parses, links and validates one document. */
        async validate(text: string, uri?: string): Promise<LangiumDocument<Model>> {
            const document = await parse(text, { validation: true, documentUri: uri });
            parsed.push(document);
            return document;
        },
        /** Parses, links and validates several documents together, as one workspace. */
        async validateAll(files: Record<string, string>): Promise<Array<LangiumDocument<Model>>> {
            const documents = Object.entries(files).map(([name, text]) => {
                const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.parse(`file:///workspace/${name}`));
                shared.workspace.LangiumDocuments.addDocument(document);
                return document;
            });
            parsed.push(...documents);
            await shared.workspace.DocumentBuilder.build(documents, { validation: true });
            return documents;
        }
    };
}

/**
 * Fresh services over an in-memory workspace: the built-in library and `files` (at `file:///ws/<name>`), built
 * together once with `options`, as a workspace manager's first build would; for tests that then drive the builder.
 */
export async function builtMemoryWorkspace(files: Record<string, string>, options: BuildOptions) {
    const services = createIomServices(EmptyFileSystem);
    const { LangiumDocumentFactory: factory, LangiumDocuments: documents, DocumentBuilder: builder } = services.shared.workspace;
    const uriOf = (name: string) => URI.parse(`file:///ws/${name}`);
    const initial = [
        ...builtinDocuments().map(({ uri, text }) => factory.fromString(text, uri)),
        ...Object.entries(files).map(([name, text]) => factory.fromString(text, uriOf(name)))
    ];
    for (const document of initial) documents.addDocument(document);
    await builder.build(initial, options);
    return { ...services, builder, uriOf };
}

/** Adds the built-in library to a workspace without a workspace manager, and builds it. */
export async function loadBuiltins(shared: LangiumSharedServices): Promise<LangiumDocument[]> {
    const builtins = builtinDocuments().map(({ uri, text }) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(builtins, { validation: true });
    return builtins;
}

/** The diagnostics of a document as `line:col CODE message` strings (1-based), for readable assertions. */
export function describeDiagnostics(document: LangiumDocument): string[] {
    return (document.diagnostics ?? []).map(describeDiagnostic);
}

export function describeDiagnostic(diagnostic: Diagnostic): string {
    const { line, character } = diagnostic.range.start;
    return `${line + 1}:${character + 1} ${diagnostic.code ?? '-'} ${diagnostic.message}`;
}

/** Copies a folder to a fresh temporary folder, so a test can change files without touching the original. */
export function copyToTemp(folder: string): string {
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-test-'));
    fs.cpSync(folder, target, { recursive: true });
    return target;
}

export const repositoryRoot = path.resolve(__dirname, '..', '..');
export const examplesFolder = path.join(repositoryRoot, 'examples');
export const exampleNames = ['seed', 'quickstart-lab', 'splitter-merge'] as const;

/** Builds (with validation) and compiles a generated benchmark workspace of `regions` regions, rooted at /ws. */
export async function compileGeneratedWorkspace(regions: number): Promise<CompileResult> {
    const { shared } = createIomServices(EmptyFileSystem);
    const factory = shared.workspace.LangiumDocumentFactory;
    const documents: LangiumDocument[] = [
        ...builtinDocuments().map(({ uri, text }) => factory.fromString(text, uri)),
        ...generateWorkspace({ regions }).files.map(file => factory.fromString(file.text, URI.parse(`file:///ws/${file.path}`)))
    ];
    for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return compileWorkspace({ root: '/ws', documents });
}
