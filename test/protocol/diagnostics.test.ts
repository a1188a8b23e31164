// Live checking over the protocol: didOpen/didChange of a broken text publishes diagnostics at the right range with
// the catalog code, and a fix restores the diagnostics of the original text; an edit in one file re-checks the files
// that depend on it. Assertions are relative to each file's own diagnostics before the edit, so that new hints and
// warnings elsewhere in the language do not break these tests; the fixture itself has no errors.
import { describe, expect, test } from 'vitest';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { rangeOf, sameDiagnostics } from './helpers/lsp-session';
import { sharedServer } from './helpers/shared-server';

const hasCode = (code: string) => (diagnostics: Diagnostic[]) => diagnostics.some(d => d.code === code);
const errorsOf = (diagnostics: Diagnostic[]) => diagnostics.filter(d => d.severity === DiagnosticSeverity.Error);

describe('diagnostics of edited documents', () => {
    const server = sharedServer({ waitFor: ['journey.iom', 'policies.iom', 'providers.iom'] });

    test('an unresolved reference typed into an open document: IOM1001 on the name, gone after the fix', async () => {
        const uri = server.workspace.uri('journey.iom');
        const text = server.workspace.read('journey.iom');
        const baseline = await server.session.waitForDiagnostics(uri);
        expect(errorsOf(baseline)).toEqual([]);
        await server.session.open(uri, text);

        // An incremental edit, as editors send it: replace the policy name in `filter policy "US Orders"`.
        const range = rangeOf(text, '"US Orders"');
        await server.session.change(uri, [{ range, text: '"UK Orders"' }]);
        const broken = await server.session.waitForDiagnostics(uri, hasCode('IOM1001'));
        const added = broken.filter(d => !baseline.some(b => sameDiagnostics([b], [d])));
        expect(added).toHaveLength(1);
        expect(added[0]).toMatchObject({ code: 'IOM1001', severity: DiagnosticSeverity.Error, range });
        expect(added[0]?.message).toContain('UK Orders');
        expect(added[0]?.codeDescription?.href).toMatch(/diagnostics\.md#iom1001$/);

        await server.session.change(uri, [{ range, text: '"US Orders"' }]);
        expect(sameDiagnostics(await server.session.waitForDiagnostics(uri, d => sameDiagnostics(d, baseline)), baseline)).toBe(true);
        await server.session.close(uri);
    });

    test('a syntax error sent as a full-text change: IOM0002 at the offending token, gone after the fix', async () => {
        const uri = server.workspace.uri('policies.iom');
        const text = server.workspace.read('policies.iom');
        const baseline = await server.session.waitForDiagnostics(uri);
        await server.session.open(uri, text);

        const broken = text.replace('type filter', 'type filtre');
        await server.session.change(uri, broken);
        const diagnostics = await server.session.waitForDiagnostics(uri, hasCode('IOM0002'));
        const syntax = diagnostics.filter(d => d.code === 'IOM0002');
        expect(syntax[0]?.severity).toBe(DiagnosticSeverity.Error);
        expect(syntax[0]?.range).toEqual(rangeOf(broken, 'filtre'));

        await server.session.change(uri, text);
        await server.session.waitForDiagnostics(uri, d => sameDiagnostics(d, baseline));
        await server.session.close(uri);
    });

    test('renaming a declaration in an open file reports the broken reference in a file that is not open', async () => {
        const policiesUri = server.workspace.uri('policies.iom');
        const journeyUri = server.workspace.uri('journey.iom');
        const policies = server.workspace.read('policies.iom');
        const baseline = await server.session.waitForDiagnostics(journeyUri);
        await server.session.open(policiesUri, policies);

        await server.session.change(policiesUri, [{ range: rangeOf(policies, '"US Orders"'), text: '"Domestic Orders"' }]);
        const broken = await server.session.waitForDiagnostics(journeyUri, hasCode('IOM1001'));
        expect(broken.filter(d => d.code === 'IOM1001')).toMatchObject([
            { range: rangeOf(server.workspace.read('journey.iom'), '"US Orders"'), severity: DiagnosticSeverity.Error }
        ]);

        await server.session.change(policiesUri, policies);
        await server.session.waitForDiagnostics(journeyUri, d => sameDiagnostics(d, baseline));
        await server.session.close(policiesUri);
    });

    test('a new document that is not on disk is checked when opened', async () => {
        const uri = server.workspace.uri('scratch.iom');
        const text = 'journey Scratch {\n    step One : "No Such Tile" {\n    }\n}\n';
        await server.session.open(uri, text);
        const diagnostics = await server.session.waitForDiagnostics(uri, hasCode('IOM1001'));
        const unresolved = diagnostics.filter(d => d.code === 'IOM1001');
        expect(unresolved).toHaveLength(1);
        expect(unresolved[0]?.range).toEqual(rangeOf(text, '"No Such Tile"'));
        expect(unresolved[0]?.message).toContain('No Such Tile');
        await server.session.close(uri);
    });
});
