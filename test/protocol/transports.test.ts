// The transports of `iom-language-server`: stdio (also the default without arguments), Node IPC, a TCP socket and a
// named pipe / Unix domain socket. Each one serves a full session: workspace diagnostics, a request, shutdown, exit 0.
import { describe, expect, test } from 'vitest';
import { DiagnosticSeverity, HoverRequest } from 'vscode-languageserver-protocol';
import { positionOf, type Transport } from './helpers/lsp-session';
import { serverPerTest } from './helpers/shared-server';

const start = serverPerTest();

describe.each<Transport>(['default', 'stdio', 'node-ipc', 'socket', 'pipe'])('transport: %s', transport => {
    test('serves a whole session and exits with code 0', async () => {
        const { session, workspace } = await start({ start: { transport }, waitFor: [] });
        const diagnostics = await session.waitForDiagnostics(workspace.uri('journey.iom'));
        expect(diagnostics.filter(d => d.severity === DiagnosticSeverity.Error)).toEqual([]);
        const text = workspace.read('journey.iom');
        const hover = await session.request(HoverRequest.type, {
            textDocument: { uri: workspace.uri('journey.iom') },
            position: positionOf(text, '"US Orders"', 3)
        });
        expect(JSON.stringify(hover?.contents)).toContain('Only orders shipped to the United States.');
        expect(await session.shutdown()).toBe(0);
    });
});
