import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { IomNodeHost } from '../../host/node-host.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileWorkspace } from '../../language/compiler/index.js';
import { createIomServices } from '../../language/iom-module.js';
import { type CompiledDefinition, IomServerCommands } from '../../language/lsp/iom-command-handler.js';
import { copyExample, tempDir } from './helpers.js';

/**
 * Issue 10, item 7: Show Compiled Definition while typing. Each half-written declaration sits in its own file of a
 * copy of the quickstart lab; the preview compiles every record, marks what it could not compile, and never throws.
 */
const HALF_WRITTEN: Array<[name: string, text: string, marked: string]> = [
    ['provider Half from {}', 'provider Half from {}\n', 'provider'],
    ['connection {}', 'connection {}\n', 'connection'],
    ['step "S" : {}', 'journey "Typing" {\n    step "S" : {}\n}\n', 'journey'],
    ['platform { bind to }', 'platform {\n    bind to\n}\n', 'platform'],
    ['journey { }', 'journey {\n}\n', 'journey'],
    ['event { }', 'event {\n}\n', 'businessEvent'],
    ['action type { }', 'action type {\n}\n', 'actionType'],
    ['a related condition without relation', 'policy "Typing policy" {\n    rule R {\n        related {\n        }\n    }\n}\n', 'policy'],
    ['a set without field or value', 'policy "Typing set" {\n    rule R {\n        set =\n    }\n}\n', 'policy'],
    ['a provider parameter without value', 'provider "Typing provider" from IOMLabOrderIntakeProvider {\n    set "x" =\n}\n', 'provider']
];

let dir: string;
let services: ReturnType<typeof createIomServices>;

beforeAll(async () => {
    dir = tempDir('iom-preview-');
    copyExample('quickstart-lab', dir);
    HALF_WRITTEN.forEach(([, text], index) => fs.writeFileSync(path.join(dir, `half-${index}.iom`), text));
    services = createIomServices(IomNodeHost);
    await services.shared.workspace.WorkspaceManager.initializeWorkspace([{ name: 'lab', uri: URI.file(dir).toString() }]);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function preview(file: string, line: number, character: number): Promise<CompiledDefinition | null> {
    const uri = URI.file(path.join(dir, file)).toString();
    return (await services.shared.lsp.ExecuteCommandHandler!.executeCommand(IomServerCommands.compiledDefinition, [
        { uri, position: { line, character } }
    ])) as CompiledDefinition | null;
}

describe('the preview of a workspace with half-written declarations', () => {
    test('the lowering is total: no declaration needs the last-resort guard', () => {
        const documents = services.shared.workspace.LangiumDocuments.all.filter(d => d.uri.scheme === 'file').toArray();
        const result = compileWorkspace({ root: dir, documents }, { allowErrors: true });
        expect(result.ok).toBe(false);
        expect(result.failures).toEqual([]);
        expect(result.entries.length).toBeGreaterThan(17);
    });

    test('a complete record elsewhere is shown unmarked, with the workspace error count', async () => {
        const definition = await preview('journeys.iom', 3, 10);
        expect(definition).toMatchObject({ kind: 'journey', name: 'IOM Lab order journey', incomplete: [] });
        expect(definition!.errors).toBeGreaterThan(0);
        expect(JSON.parse(definition!.text).$preview).toBeUndefined();
    });

    test.each(HALF_WRITTEN.map(([name, , kind], index) => [name, index, kind] as const))('%s: compiled and marked', async (_name, index, kind) => {
        const definition = await preview(`half-${index}.iom`, 0, 1);
        expect(definition).not.toBeNull();
        expect(definition!.kind).toBe(kind);
        expect(definition!.incomplete.length).toBeGreaterThan(0);
        expect(definition!.incomplete[0]).toMatch(new RegExp(`^half-${index}\\.iom:\\d+:\\d+ IOM(0001|0002|1001) `));
        const json = JSON.parse(definition!.text);
        expect(json.$preview.incomplete).toEqual(definition!.incomplete);
        expect(json.kind).toBe(kind);
    });
});
