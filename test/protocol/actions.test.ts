// Code actions and commands over the protocol: a quick fix repairs a diagnostic; workspace/executeCommand compiles the
// workspace (refusing while errors exist) and shows the compiled definition of a declaration; code lenses offer it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
    type CodeAction,
    CodeActionKind,
    CodeActionRequest,
    CodeLensRequest,
    type Command,
    ExecuteCommandRequest,
    type TextEdit
} from 'vscode-languageserver-protocol';
import { applyEdits, positionOf, sameDiagnostics } from './helpers/lsp-session';
import { sharedServer } from './helpers/shared-server';

const COMPILE = 'iom.server.compileWorkspace';
const COMPILED_DEFINITION = 'iom.server.compiledDefinition';

interface CompileSummary {
    ok: boolean;
    outDir?: string;
    files: string[];
    errors: Array<{ file: string; line: number; code?: string }>;
}

const server = sharedServer({ waitFor: ['journey.iom', 'policies.iom'] });

function compile(): Promise<CompileSummary> {
    return server.session.request<CompileSummary>(
        ExecuteCommandRequest.method,
        { command: COMPILE, arguments: [{ folder: pathToFileURL(server.workspace.dir).toString() }] },
        30_000
    );
}

describe('quick fix and compile', () => {
    test('a missing setting: the build refuses, the quick fix adds it, then the build writes the artifacts', async () => {
        expect(server.session.capabilities.codeActionProvider).toBeTruthy();
        expect(server.session.capabilities.executeCommandProvider?.commands).toEqual(expect.arrayContaining([COMPILE, COMPILED_DEFINITION]));

        const uri = server.workspace.uri('policies.iom');
        const original = server.workspace.read('policies.iom');
        const baseline = await server.session.waitForDiagnostics(uri);
        const broken = original.replace('    criticality information\n', '');
        await server.session.open(uri, broken);
        const diagnostics = await server.session.waitForDiagnostics(uri, d => d.some(x => x.code === 'IOM5002'));
        const missing = diagnostics.find(d => d.code === 'IOM5002')!;

        const refused = await compile();
        expect(refused.ok).toBe(false);
        expect(refused.errors).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'policies.iom', code: 'IOM5002' })]));
        expect(fs.existsSync(path.join(server.workspace.dir, 'out'))).toBe(false);

        const actions = (await server.session.request(CodeActionRequest.type, {
            textDocument: { uri },
            range: missing.range,
            context: { diagnostics: [missing], only: [CodeActionKind.QuickFix] }
        })) as Array<CodeAction | Command>;
        const fix = actions.find(
            (action): action is CodeAction =>
                'kind' in action && action.kind === CodeActionKind.QuickFix && (action.diagnostics ?? []).some(d => d.code === 'IOM5002')
        );
        expect(fix?.title).toMatch(/criticality/);
        const edits = fix!.edit?.changes?.[uri] as TextEdit[];
        expect(edits?.length).toBeGreaterThan(0);
        const fixed = applyEdits(broken, edits);
        await server.session.change(uri, fixed);
        const after = await server.session.waitForDiagnostics(uri, d => !d.some(x => x.code === 'IOM5002'));
        expect(sameDiagnostics(after, baseline)).toBe(true);

        const built = await compile();
        expect(built.errors).toEqual([]);
        expect(built.ok).toBe(true);
        expect(built.files).toContain('manifest.json');
        for (const file of built.files) expect(fs.existsSync(path.join(built.outDir!, file)), file).toBe(true);
        expect(path.dirname(built.outDir!)).toBe(fs.realpathSync(server.workspace.dir));
        await server.session.close(uri);
    });

    test('the compiled definition of a journey, and a code lens offering it', async () => {
        const uri = server.workspace.uri('journey.iom');
        const text = server.workspace.read('journey.iom');
        const definition = await server.session.request<{ name: string; kind: string; text: string } | null>(ExecuteCommandRequest.method, {
            command: COMPILED_DEFINITION,
            arguments: [{ uri, position: positionOf(text, 'Validate :') }]
        });
        expect(definition?.name).toBe('Order Intake');
        expect(JSON.parse(definition!.text)).toBeTypeOf('object');
        expect(definition!.text).toContain('Order Intake');

        expect(server.session.capabilities.codeLensProvider).toBeTruthy();
        const lenses = await server.session.request(CodeLensRequest.type, { textDocument: { uri } });
        const journeyLine = positionOf(text, 'journey "Order Intake"').line;
        expect((lenses ?? []).some(lens => lens.range.start.line === journeyLine && lens.command?.command)).toBe(true);
    });
});
