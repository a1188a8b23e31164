// The transports of `iom-language-server`: stdio (also the default without arguments), Node IPC, a TCP socket and a
// named pipe / Unix domain socket. Each one serves a full session: workspace diagnostics, a request, shutdown, exit 0.
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { DiagnosticSeverity, HoverRequest } from 'vscode-languageserver-protocol';
import { copyWorkspace, fixturesDir, LspSession, positionOf, type TempWorkspace, type Transport } from './helpers/lsp-session';

let workspace: TempWorkspace | undefined;
let session: LspSession | undefined;

afterEach(() => {
    session?.dispose();
    workspace?.remove();
    session = workspace = undefined;
});

describe.each<Transport>(['default', 'stdio', 'node-ipc', 'socket', 'pipe'])('transport: %s', transport => {
    test('serves a whole session and exits with code 0', async () => {
        workspace = copyWorkspace(path.join(fixturesDir, 'workspace'));
        session = await LspSession.start({ workspaceFolder: workspace.dir, transport });
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
