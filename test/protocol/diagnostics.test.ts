// Live checking over the protocol: didOpen/didChange of a broken text publishes diagnostics at the right range with
// the catalog code, and a fix clears them; an edit in one file re-checks the files that depend on it.
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { copyWorkspace, fixturesDir, LspSession, rangeOf, type TempWorkspace } from './helpers/lsp-session';

describe('diagnostics of edited documents', () => {
    let workspace: TempWorkspace;
    let session: LspSession;

    beforeAll(async () => {
        workspace = copyWorkspace(path.join(fixturesDir, 'workspace'));
        session = await LspSession.start({ workspaceFolder: workspace.dir });
        await session.waitForDiagnosticsOf(['journey.iom', 'policies.iom', 'providers.iom'].map(workspace.uri));
    });
    afterAll(() => {
        session?.dispose();
        workspace?.remove();
    });

    test('an unresolved reference typed into an open document: IOM1001 on the name, cleared after the fix', async () => {
        const uri = workspace.uri('journey.iom');
        const text = workspace.read('journey.iom');
        await session.open(uri, text);
        expect(await session.waitForDiagnostics(uri, d => d.length === 0)).toEqual([]);

        // An incremental edit, as editors send it: replace the policy name in `filter policy "US Orders"`.
        const range = rangeOf(text, '"US Orders"');
        await session.change(uri, [{ range, text: '"UK Orders"' }]);
        const broken = await session.waitForDiagnostics(uri, d => d.length > 0);
        expect(broken).toHaveLength(1);
        expect(broken[0]).toMatchObject({ code: 'IOM1001', severity: DiagnosticSeverity.Error, range });
        expect(broken[0].message).toContain('UK Orders');
        expect(broken[0].codeDescription?.href).toMatch(/diagnostics\.md#iom1001$/);

        await session.change(uri, [{ range, text: '"US Orders"' }]);
        expect(await session.waitForDiagnostics(uri, d => d.length === 0)).toEqual([]);
        await session.close(uri);
    });

    test('a syntax error sent as a full-text change: IOM0002 at the offending token, cleared after the fix', async () => {
        const uri = workspace.uri('policies.iom');
        const text = workspace.read('policies.iom');
        await session.open(uri, text);
        await session.waitForDiagnostics(uri, d => d.length === 0);

        const broken = text.replace('type filter', 'type filtre');
        await session.change(uri, broken);
        const diagnostics = await session.waitForDiagnostics(uri, d => d.length > 0);
        const syntax = diagnostics.filter(d => d.code === 'IOM0002');
        expect(syntax.length).toBeGreaterThan(0);
        expect(syntax[0].severity).toBe(DiagnosticSeverity.Error);
        expect(syntax[0].range).toEqual(rangeOf(broken, 'filtre'));

        await session.change(uri, text);
        expect(await session.waitForDiagnostics(uri, d => d.length === 0)).toEqual([]);
        await session.close(uri);
    });

    test('renaming a declaration in an open file reports the broken reference in a file that is not open', async () => {
        const policiesUri = workspace.uri('policies.iom');
        const journeyUri = workspace.uri('journey.iom');
        const policies = workspace.read('policies.iom');
        await session.open(policiesUri, policies);

        await session.change(policiesUri, [{ range: rangeOf(policies, '"US Orders"'), text: '"Domestic Orders"' }]);
        const broken = await session.waitForDiagnostics(journeyUri, d => d.length > 0);
        expect(broken).toHaveLength(1);
        expect(broken[0]).toMatchObject({ code: 'IOM1001', range: rangeOf(workspace.read('journey.iom'), '"US Orders"') });

        await session.change(policiesUri, policies);
        expect(await session.waitForDiagnostics(journeyUri, d => d.length === 0)).toEqual([]);
        await session.close(policiesUri);
    });

    test('a new document that is not on disk is checked when opened', async () => {
        const uri = workspace.uri('scratch.iom');
        const text = 'journey Scratch {\n    step One : "No Such Tile" {\n    }\n}\n';
        await session.open(uri, text);
        const diagnostics = await session.waitForDiagnostics(uri, d => d.length > 0);
        expect(diagnostics).toHaveLength(1);
        expect(diagnostics[0]).toMatchObject({ code: 'IOM1001', range: rangeOf(text, '"No Such Tile"') });
        expect(diagnostics[0].message).toContain('No Such Tile');
        await session.close(uri);
    });
});
