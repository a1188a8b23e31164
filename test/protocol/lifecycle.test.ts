// Robustness and the end of a session: malformed input is answered with an error (or ignored) and the server keeps
// serving; shutdown + exit end the process with code 0. The malformed requests go to one server, one after the other:
// each test shows that the server survived its own and every earlier one. Each end of a session has a server of its own.
import { describe, expect, test } from 'vitest';
import { ErrorCodes, HoverRequest, type ResponseError } from 'vscode-languageserver-protocol';
import { type LspSession, positionOf, type TempWorkspace } from './helpers/lsp-session';
import { serverPerTest, sharedServer } from './helpers/shared-server';

/** A hover on a reference that must work: proves the server still serves. */
async function expectServing(session: LspSession, workspace: TempWorkspace): Promise<void> {
    const text = workspace.read('journey.iom');
    const hover = await session.request(HoverRequest.type, {
        textDocument: { uri: workspace.uri('journey.iom') },
        position: positionOf(text, '"US Orders"', 1)
    });
    expect(JSON.stringify(hover?.contents)).toContain('Only orders shipped to the United States.');
}

async function expectError(promise: Promise<unknown>): Promise<ResponseError> {
    try {
        await promise;
    } catch (error) {
        return error as ResponseError;
    }
    throw new Error('expected an error response');
}

describe('malformed requests', () => {
    const server = sharedServer();
    test('a request with missing params gets an InvalidParams error, and the server keeps serving', async () => {
        const { session, workspace } = server;
        const error = await expectError(session.connection.sendRequest('textDocument/hover'));
        expect(error.code).toBe(ErrorCodes.InvalidParams);
        await expectServing(session, workspace);
    });

    test('params of the wrong shape get an InvalidParams error, and the server keeps serving', async () => {
        const { session, workspace } = server;
        const error = await expectError(session.connection.sendRequest('textDocument/hover', ['not', 'an', 'object']));
        expect(error.code).toBe(ErrorCodes.InvalidParams);
        await expectServing(session, workspace);
    });

    test('an unknown method gets a MethodNotFound error, and the server keeps serving', async () => {
        const { session, workspace } = server;
        const error = await expectError(session.connection.sendRequest('iom/noSuchMethod', {}));
        expect(error.code).toBe(ErrorCodes.MethodNotFound);
        await expectServing(session, workspace);
    });

    test('a message that is not JSON does not stop the server', async () => {
        const { session, workspace } = server;
        // Written straight to stdin between two well-formed messages. vscode-jsonrpc drops it without a reply.
        const body = '{"jsonrpc":"2.0","id":99,"method":"textDocument/hover",';
        session.process.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        await expectServing(session, workspace);
        expect(session.process.exitCode).toBeNull();
    });
});

describe('shutdown and exit', () => {
    const start = serverPerTest();

    test('the process ends with exit code 0', async () => {
        const { session } = await start();
        expect(await session.shutdown()).toBe(0);
    });

    test('exit without shutdown ends the process with exit code 1, as the protocol says', async () => {
        const { session } = await start();
        await session.connection.sendNotification('exit');
        expect(await session.waitForExit()).toBe(1);
    });
});
