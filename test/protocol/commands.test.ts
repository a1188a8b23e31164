// workspace/executeCommand robustness (issue 10 items 13 and 15): an unknown command is a JSON-RPC error, and
// Compile Workspace refuses to write while iomconfig.json has errors, as `iom build` does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ErrorCodes, ExecuteCommandRequest, ResponseError } from 'vscode-languageserver-protocol';
import { sharedServer } from './helpers/shared-server';

const server = sharedServer({
    // "build" must be an object ({ "out": "out" }): an error of iomconfig.json (IOM8005).
    prepare: workspace => fs.writeFileSync(path.join(workspace.dir, 'iomconfig.json'), '{\n  "build": "out"\n}\n'),
    waitFor: ['journey.iom', 'policies.iom'],
    timeout: 120_000
});

describe('workspace/executeCommand', { timeout: 120_000 }, () => {
    test('an unknown command answers a JSON-RPC error naming the known commands, and the server lives on', async () => {
        const error = await server.session.request(ExecuteCommandRequest.method, { command: 'iom.server.noSuchCommand', arguments: [] }).then(
            () => undefined,
            (reason: unknown) => reason
        );
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError<unknown>).code).toBe(ErrorCodes.InvalidParams);
        expect((error as ResponseError<unknown>).message).toMatch(
            /^Unknown command 'iom\.server\.noSuchCommand'\. This server executes: (iom\.server\.\w+, )*iom\.server\.\w+\.$/
        );
        expect((error as ResponseError<unknown>).message).toContain('iom.server.compileWorkspace');
        const summary = await server.session.request<{ ok: boolean }>(
            ExecuteCommandRequest.method,
            { command: 'iom.server.compileWorkspace', arguments: [{ folder: pathToFileURL(server.workspace.dir).toString() }] },
            30_000
        );
        expect(summary).toHaveProperty('ok');
    });

    test('Compile Workspace refuses while iomconfig.json has errors, reporting them at their place', async () => {
        const summary = await server.session.request<{
            ok: boolean;
            errors: Array<{ file: string; line: number; column: number; code?: string; message: string }>;
        }>(
            ExecuteCommandRequest.method,
            { command: 'iom.server.compileWorkspace', arguments: [{ folder: pathToFileURL(server.workspace.dir).toString() }] },
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
        expect(fs.existsSync(path.join(server.workspace.dir, 'out'))).toBe(false);
    });
});
