/**
 * The start-up build with open documents (language/validation/revalidation.ts, `buildOpenFirst`): every document is
 * parsed and indexed, then the open documents are linked and validated (their diagnostics published), then the others.
 * The open documents' checks read workspace facts from documents that are not linked yet: their diagnostics must be
 * the ones a build of the whole workspace gives, and a wait for the whole workspace must still wait for every document.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentState, EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateWorkspace } from '../../bench/generate.js';
import { createIomServices } from '../../language/iom-module.js';
import type { DocumentFacts } from '../../language/validation/facts.js';
import { isBuiltinDocument } from '../../language/model/builtin.js';
import { builtinDocuments } from '../../language/workspace/iom-workspace-manager.js';

const root = path.resolve(__dirname, '..', '..');

const URL = 'https://make.powerautomate.com/environments/Default-1a2b/connections?apiName=shared_commondataserviceforapps&connectionName=c0ffee';
const connections = `connection Bound {
    connector "Microsoft Dataverse"
    url "${URL}"
}
connection Unused {
    connector "Microsoft Dataverse"
    url "${URL}"
}
`;
const providers = `provider definition D {
    logical name contoso_D
    active
    connection reference Ref { connector "Microsoft Dataverse" }
}
provider P from D {
    bind Ref to Bound
    activated
}
`;

/** Builds the files as the server's first build does, with the named files open in the editor. */
async function build(files: Record<string, string>, open: string[], onOpenValidated?: (ws: Workspace) => void): Promise<Workspace> {
    const { shared } = createIomServices(EmptyFileSystem);
    const builder = shared.workspace.DocumentBuilder;
    const factory = shared.workspace.LangiumDocumentFactory;
    const uriOf = (name: string) => URI.parse(`file:///ws/${name}`);
    for (const name of open) shared.workspace.TextDocuments!.set(TextDocument.create(uriOf(name).toString(), 'iom', 1, files[name]!));
    const documents = [
        ...builtinDocuments().map(({ uri, text }) => factory.fromString(text, uri)),
        ...Object.entries(files).map(([name, text]) => factory.fromString(text, uriOf(name)))
    ];
    for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
    const ws: Workspace = {
        documents: () => shared.workspace.LangiumDocuments.all.filter(document => !isBuiltinDocument(document)).toArray(),
        document: name => shared.workspace.LangiumDocuments.getDocument(uriOf(name))!,
        waitForWorkspace: () => builder.waitUntil(DocumentState.Validated),
        contribution: name => shared.workspace.FactsProvider.documentFacts(shared.workspace.LangiumDocuments.getDocument(uriOf(name))!),
        validated: []
    };
    builder.onDocumentPhase(DocumentState.Validated, document => {
        const name = document.uri.path.slice('/ws/'.length);
        ws.validated.push(name);
        if (open.includes(name) && open.every(other => ws.validated.includes(other))) onOpenValidated?.(ws);
    });
    await builder.build(documents, { validation: true });
    return ws;
}

interface Workspace {
    documents(): LangiumDocument[];
    document(name: string): LangiumDocument;
    waitForWorkspace(): Promise<void>;
    /** A file's contribution to the workspace facts. */
    contribution(name: string): DocumentFacts;
    /** The user files in the order they were validated. */
    validated: string[];
}

/** Each file's diagnostics, as comparable text. */
function diagnosticsOf(ws: Workspace): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    for (const document of ws.documents()) {
        result[document.uri.path] = (document.diagnostics ?? []).map(
            d => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${d.message}`
        );
    }
    return result;
}

/** The .iom files of a folder and its subfolders, by relative path. */
function filesOf(folder: string): Record<string, string> {
    const result: Record<string, string> = {};
    for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.iom')) continue;
        const file = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
        result[path.relative(folder, file).split(path.sep).join('/')] = fs.readFileSync(file, 'utf8');
    }
    return result;
}

describe('the first build with open documents', () => {
    test('validates the open file before any other is linked, with the facts of files not linked yet', async () => {
        const files = { 'connections.iom': connections, 'providers.iom': providers, 'events.iom': 'event Other\n' };
        let othersAtOpen: Record<string, string> = {};
        let codesAtOpen: Array<string | number | undefined> = [];
        const ws = await build(files, ['connections.iom'], ws => {
            othersAtOpen = Object.fromEntries(
                ws
                    .documents()
                    .filter(document => !document.uri.path.endsWith('connections.iom'))
                    .map(document => [document.uri.path, DocumentState[document.state]])
            );
            codesAtOpen = (ws.document('connections.iom').diagnostics ?? []).map(d => d.code);
        });
        expect(othersAtOpen).toEqual({ '/ws/providers.iom': 'ComputedScopes', '/ws/events.iom': 'ComputedScopes' });
        // `Bound` is bound in providers.iom, which is not linked yet; `Unused` is bound nowhere.
        expect(codesAtOpen).toEqual(['IOM2007']);
        expect(ws.document('connections.iom').diagnostics![0]!.message).toContain('Unused');
        expect(ws.validated[0]).toBe('connections.iom');
        expect(new Set(ws.validated)).toEqual(new Set(Object.keys(files)));
        expect(ws.documents().every(document => document.state === DocumentState.Validated)).toBe(true);
    });

    test('the facts contribution of a file not linked yet, computed for the open file’s checks, is kept when it is linked', async () => {
        const files = { 'connections.iom': connections, 'providers.iom': providers, 'events.iom': 'event Other\n' };
        let atOpen: DocumentFacts | undefined;
        const ws = await build(files, ['connections.iom'], ws => {
            atOpen = ws.contribution('providers.iom');
        });
        expect(ws.document('providers.iom').state).toBe(DocumentState.Validated);
        // Linking kept every reference the contribution had resolved: it is not computed again.
        expect(ws.contribution('providers.iom')).toBe(atOpen);
        expect(atOpen!.bound.map(connection => connection.name)).toEqual(['Bound']);
    });

    test('a wait for the whole workspace, started when the open files are validated, waits for every file', async () => {
        const files = { 'connections.iom': connections, 'providers.iom': providers, 'events.iom': 'event Other\n' };
        let waited: Promise<string[]> | undefined;
        await build(files, ['connections.iom'], ws => {
            waited = ws.waitForWorkspace().then(() => ws.documents().map(document => DocumentState[document.state]));
        });
        expect(await waited).toEqual(['Validated', 'Validated', 'Validated']);
    });

    const folders = [
        ...['seed', 'order-emails', 'quickstart-lab', 'splitter-merge'].map(name => path.join(root, 'examples', name)),
        // The validation resource cases made of several files (cross-file facts: bound connections, allowed inputs, …).
        ...fs
            .readdirSync(path.join(root, 'test', 'resources', 'validation'), { withFileTypes: true })
            .filter(entry => entry.isDirectory())
            .flatMap(entry =>
                fs
                    .readdirSync(path.join(root, 'test', 'resources', 'validation', entry.name), { withFileTypes: true })
                    .filter(sub => sub.isDirectory())
                    .map(sub => path.join(root, 'test', 'resources', 'validation', entry.name, sub.name))
            )
            .filter(folder => {
                const names = fs.readdirSync(folder);
                return names.filter(name => name.endsWith('.iom')).length >= 2 && !names.includes('iomconfig.json');
            })
    ];

    test.each(folders.map(folder => [path.relative(root, folder), folder]))(
        'every file of %s gets the diagnostics of a whole-workspace build, whichever file is open',
        async (_name, folder) => {
            const files = filesOf(folder);
            const expected = diagnosticsOf(await build(files, []));
            for (const name of Object.keys(files)) {
                const ws = await build(files, [name]);
                expect(ws.validated[0]).toBe(name);
                expect(diagnosticsOf(ws), `${name} open`).toEqual(expected);
            }
        }
    );

    test('a generated workspace with two files open gets the diagnostics of a whole-workspace build', async () => {
        const generated = generateWorkspace({ regions: 4 });
        const files = Object.fromEntries(generated.files.map(file => [file.path, file.text]));
        const open = [generated.files[Math.floor(generated.files.length / 2)]!.path, generated.files.at(-1)!.path];
        const expected = diagnosticsOf(await build(files, []));
        const ws = await build(files, open);
        expect(ws.validated.slice(0, 2).sort()).toEqual([...open].sort());
        expect(diagnosticsOf(ws)).toEqual(expected);
    });
});
