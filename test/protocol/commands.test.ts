// workspace/executeCommand robustness (issue 10 items 13 and 15): an unknown command is a JSON-RPC error, and
// Compile Workspace refuses to write while iomconfig.json has errors, as `iom build` does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ErrorCodes, ExecuteCommandRequest, ResponseError } from 'vscode-languageserver-protocol';
import { copyWorkspace, fixturesDir, LspSession, type TempWorkspace } from './helpers/lsp-session';

let workspace: TempWorkspace;
let session: LspSession;

beforeAll(async () => {
    workspace = copyWorkspace(path.join(fixturesDir, 'workspace'));
    // "build" must be an object ({ "out": "out" }): an error of iomconfig.json (IOM8005).
    fs.writeFileSync(path.join(workspace.dir, 'iomconfig.json'), '{\n  "build": "out"\n}\n');
    session = await LspSession.start({ workspaceFolder: workspace.dir });
    await session.waitForDiagnosticsOf(['journey.iom', 'policies.iom'].map(workspace.uri));
}, 120_000);
afterAll(() => {
    session?.dispose();
    workspace?.remove();
});

describe('workspace/executeCommand', { timeout: 120_000 }, () => {
    test('an unknown command answers a JSON-RPC error naming the known commands, and the server lives on', async () => {
        const error = await session.request(ExecuteCommandRequest.method, { command: 'iom.server.noSuchCommand', arguments: [] }).then(
            () => undefined,
            (reason: unknown) => reason
        );
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError<unknown>).code).toBe(ErrorCodes.InvalidParams);
        expect((error as ResponseError<unknown>).message).toMatch(
            /^Unknown command 'iom\.server\.noSuchCommand'\. This server executes: (iom\.server\.\w+, )*iom\.server\.\w+\.$/
        );
        expect((error as ResponseError<unknown>).message).toContain('iom.server.compileWorkspace');
        const summary = await session.request<{ ok: boolean }>(
            ExecuteCommandRequest.method,
            { command: 'iom.server.compileWorkspace', arguments: [{ folder: pathToFileURL(workspace.dir).toString() }] },
            30_000
        );
        expect(summary).toHaveProperty('ok');
    });

    test('Compile Workspace refuses while iomconfig.json has errors, reporting them at their place', async () => {
        const summary = await session.request<{
            ok: boolean;
            errors: Array<{ file: string; line: number; column: number; code?: string; message: string }>;
        }>(
            ExecuteCommandRequest.method,
            { command: 'iom.server.compileWorkspace', arguments: [{ folder: pathToFileURL(workspace.dir).toString() }] },
            30_000
        );
        expect(summary.ok).toBe(false);
        expect(summary.errors).toEqual([
            {
                file: 'iomconfig.json',
                line: 2,
                column: 12,
                code: 'IOM8005',
                message: `'build' must be an object, e.g. { "out": "out" }.`
            }
        ]);
        expect(fs.existsSync(path.join(workspace.dir, 'out'))).toBe(false);
    });
});
