/**
 * The fuzz harness's worker thread (bundled to out/test/fuzz/worker.cjs by test/fuzz/build.mjs): runs one case at a
 * time through the in-process language services, as the server and the CLI use them: parse, link, validate, the
 * preview compiler (and the build compiler), the compiled-definition command and every LSP request the server offers,
 * at the case's probe positions. It answers with the failures it saw; the driver (driver.ts) enforces the time limit
 * by terminating the worker, so a hang cannot take the harness with it.
 */
import '../../language/groupby-polyfill.mjs';
import { parentPort } from 'node:worker_threads';
import { type LangiumDocument, URI } from 'langium';
import { clearDocuments, VirtualFileSystemProvider } from 'langium/test';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import { compileWorkspace } from '../../language/compiler/index.js';
import { IomNodeHost } from '../../host/node-host.js';
import { createIomServices } from '../../language/iom-module.js';
import { IomServerCommands } from '../../language/lsp/iom-command-handler.js';
import { builtinDocuments } from '../../language/workspace/iom-workspace-manager.js';
import type { CaseResult, FuzzCase } from './cases.js';

const fileSystem = new VirtualFileSystemProvider();
const { shared, Iom } = createIomServices({ fileSystemProvider: () => fileSystem, digests: IomNodeHost.digests });
let counter = 0;

async function loadBuiltins(): Promise<void> {
    const builtins = builtinDocuments().map(({ uri, text }) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(builtins, { validation: true });
}

const CODE = /^IOM\d{4}$/;

async function runCase(fuzzCase: FuzzCase): Promise<CaseResult> {
    const failures: string[] = [];
    const folder = `/fuzz/${++counter}`;
    const documents: LangiumDocument[] = [];
    const step = async <T>(name: string, kind: 'crash' | 'preview', action: () => T | Promise<T>): Promise<T | undefined> => {
        const started = performance.now();
        try {
            return await action();
        } catch (error) {
            // A deliberate error answer (e.g. "cannot rename a built-in") is what the server sends; only internal errors count.
            if (error instanceof ResponseError && error.code !== ErrorCodes.InternalError) return undefined;
            failures.push(
                `${kind}: ${name}: ${error instanceof Error ? `${error.message}\n${(error.stack ?? '').split('\n').slice(1, 4).join('\n')}` : String(error)}`
            );
            return undefined;
        } finally {
            if (process.env.IOM_FUZZ_TIMING) process.stderr.write(`${Math.round(performance.now() - started)} ms ${name}\n`);
        }
    };
    try {
        if (fuzzCase.config !== undefined) fileSystem.insert(`file://${folder}/iomconfig.json`, fuzzCase.config);
        await step('parse, link and validate', 'crash', async () => {
            for (const file of fuzzCase.files) {
                const document = shared.workspace.LangiumDocumentFactory.fromString(file.text, URI.parse(`file://${folder}/${file.name}`));
                shared.workspace.LangiumDocuments.addDocument(document);
                documents.push(document);
            }
            await shared.workspace.DocumentBuilder.build(documents, { validation: true });
        });
        for (const document of documents) {
            for (const diagnostic of document.diagnostics ?? []) {
                if (typeof diagnostic.code !== 'string' || !CODE.test(diagnostic.code)) {
                    failures.push(
                        `uncoded: ${document.uri.path}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.message}`
                    );
                }
            }
        }
        const preview = await step('the preview compiler', 'preview', () =>
            compileWorkspace({ root: folder, documents, digests: shared.workspace.Digests }, { allowErrors: true })
        );
        if (preview && preview.failures.length > 0) {
            failures.push(...preview.failures.map(failure => `preview: a declaration could not be compiled: ${failure.message}`));
        }
        await step('the build compiler', 'crash', () => compileWorkspace({ root: folder, documents, digests: shared.workspace.Digests }));
        for (const document of documents) await probeDocument(document, fuzzCase.probes, step);
    } finally {
        if (process.env.IOM_FUZZ_TIMING) process.stderr.write(`-- case: ${fuzzCase.origin.slice(0, 60)}\n`);
        await clearDocuments(shared, documents).catch(() => undefined);
        if (fuzzCase.config !== undefined) fileSystem.delete(`file://${folder}/iomconfig.json`);
    }
    return { failures };
}

type Step = <T>(name: string, kind: 'crash' | 'preview', action: () => T | Promise<T>) => Promise<T | undefined>;

/** Every LSP request the server offers, on the whole document and at each probe position. */
async function probeDocument(document: LangiumDocument, probes: readonly number[], step: Step): Promise<void> {
    const lsp = Iom.lsp;
    const textDocument = { uri: document.uri.toString() };
    const text = document.textDocument.getText();
    const whole = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) };
    await step('documentSymbol', 'crash', () => lsp.DocumentSymbolProvider?.getSymbols(document, { textDocument }));
    await step('formatting', 'crash', () => lsp.Formatter?.formatDocument(document, { textDocument, options: { tabSize: 4, insertSpaces: true } }));
    await step('rangeFormatting', 'crash', () =>
        lsp.Formatter?.formatDocumentRange(document, { textDocument, range: whole, options: { tabSize: 2, insertSpaces: true } })
    );
    await step('semanticTokens', 'crash', () => lsp.SemanticTokenProvider?.semanticHighlight(document, { textDocument }));
    await step('foldingRange', 'crash', () => lsp.FoldingRangeProvider?.getFoldingRanges(document, { textDocument }));
    await step('inlayHint', 'crash', () => lsp.InlayHintProvider?.getInlayHints(document, { textDocument, range: whole }));
    await step('codeLens', 'crash', () => lsp.CodeLensProvider?.provideCodeLens(document, { textDocument }));
    const diagnostics: Diagnostic[] = document.diagnostics ?? [];
    await step('codeAction (all diagnostics)', 'crash', () =>
        lsp.CodeActionProvider?.getCodeActions(document, { textDocument, range: whole, context: { diagnostics } })
    );
    for (const fraction of probes) {
        const offset = Math.min(text.length, Math.max(0, Math.floor(fraction * (text.length + 1))));
        const position = document.textDocument.positionAt(offset);
        const params = { textDocument, position };
        const at = `at ${position.line + 1}:${position.character + 1}`;
        await step(`hover ${at}`, 'crash', () => lsp.HoverProvider?.getHoverContent(document, params));
        await step(`completion ${at}`, 'crash', () => lsp.CompletionProvider?.getCompletion(document, params));
        await step(`definition ${at}`, 'crash', () => lsp.DefinitionProvider?.getDefinition(document, params));
        await step(`references ${at}`, 'crash', () =>
            lsp.ReferencesProvider?.findReferences(document, { ...params, context: { includeDeclaration: true } })
        );
        await step(`documentHighlight ${at}`, 'crash', () => lsp.DocumentHighlightProvider?.getDocumentHighlight(document, params));
        await step(`prepareRename ${at}`, 'crash', () => lsp.RenameProvider?.prepareRename(document, params));
        await step(`rename ${at}`, 'crash', () => lsp.RenameProvider?.rename(document, { ...params, newName: 'Renamed' }));
        await step(`codeAction ${at}`, 'crash', () =>
            lsp.CodeActionProvider?.getCodeActions(document, {
                textDocument,
                range: { start: position, end: position },
                context: { diagnostics: diagnostics.filter(d => d.range.start.line <= position.line && position.line <= d.range.end.line) }
            })
        );
        await step(`compiledDefinition ${at}`, 'preview', () =>
            shared.lsp.ExecuteCommandHandler?.executeCommand(IomServerCommands.compiledDefinition, [params])
        );
    }
}

const ready = loadBuiltins();
parentPort!.on('message', (message: { id: number; fuzzCase: FuzzCase }) => {
    void ready
        .then(() => runCase(message.fuzzCase))
        .then(
            result => parentPort!.postMessage({ id: message.id, result }),
            error => parentPort!.postMessage({ id: message.id, result: { failures: [`crash: the harness: ${String(error)}`] } })
        );
});
void ready.then(() => parentPort!.postMessage({ ready: true }));
