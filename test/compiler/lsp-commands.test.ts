import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { type CompileSummary, type CompiledDefinition, IomServerCommands } from '../../language/lsp/iom-command-handler.js';
import { exampleServers } from '../helpers/example-servers.js';
import { readTree } from './helpers.js';

const server = exampleServers('iom-lsp-');

describe('server commands and code lenses', () => {
    test('iom.server.compileWorkspace writes the artifacts and returns a summary', async () => {
        const { dir, shared } = await server('quickstart-lab');
        const handler = shared.lsp.ExecuteCommandHandler!;
        expect(handler.commands).toEqual(expect.arrayContaining(Object.values(IomServerCommands)));
        const summary = (await handler.executeCommand(IomServerCommands.compileWorkspace, [{ folder: URI.file(dir).toString() }])) as CompileSummary;
        expect(summary).toMatchObject({ ok: true, outDir: path.join(dir, 'out'), sourceFiles: 8, errors: [] });
        expect(summary.files).toContain('manifest.json');
        expect([...readTree(path.join(dir, 'out')).keys()]).toEqual(summary.files);
    });

    test('iom.server.compileWorkspace refuses to write when errors exist', async () => {
        const { dir, shared } = await server('seed', text => text.replace('"New Order"', '"No Such Event"'));
        const summary = (await shared.lsp.ExecuteCommandHandler!.executeCommand(IomServerCommands.compileWorkspace, [
            { folder: URI.file(dir).toString() }
        ])) as CompileSummary;
        expect(summary.ok).toBe(false);
        expect(summary.errors.length).toBeGreaterThan(0);
        expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    });

    test('iom.server.compiledDefinition returns the journey around a step, and code lenses sit on journeys', async () => {
        const { dir, shared, Iom } = await server('quickstart-lab');
        const uri = URI.file(path.join(dir, 'journeys.iom'));
        const document = shared.workspace.LangiumDocuments.getDocument(uri)!;
        const offset = document.textDocument.getText().indexOf('Send to Chicago');
        const position = document.textDocument.positionAt(offset);
        const definition = (await shared.lsp.ExecuteCommandHandler!.executeCommand(IomServerCommands.compiledDefinition, [
            { uri: uri.toString(), position }
        ])) as CompiledDefinition;
        expect(definition).toMatchObject({ path: 'journeys/iom-lab-order-journey.json', kind: 'journey', errors: 0 });
        expect(JSON.parse(definition.text).name).toBe('IOM Lab order journey');

        const lenses = await Iom.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: uri.toString() } });
        expect(lenses?.map(lens => lens.command?.command)).toEqual([
            'iom.compileWorkspace',
            'iom.showCompiledDefinition',
            'iom.openJourneyGraph',
            'iom.simulate'
        ]);
        expect(lenses?.[0]?.range.start.line).toBe(
            document.textDocument
                .getText()
                .split('\n')
                .findIndex(l => l.startsWith('journey '))
        );
    });
});
