/**
 * Language servers for the protocol tests, on temporary copies of a workspace:
 * - `sharedServer()`: one server shared by the tests of a file (or of a describe block), started in `beforeAll` and
 *   ended, its copy removed, in `afterAll`. Tests that share it must not depend on each other's edits: each opens
 *   its own documents or restores what it changed.
 * - `serverPerTest()`: a server of its own for each test, for tests about the server's life (shutdown and exit,
 *   transports, a crash); whatever a test started is ended and removed after it. (Malformed requests share one server:
 *   that it keeps serving after each is what they show.)
 */
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { copyWorkspace, fixturesDir, LspSession, type StartOptions, type TempWorkspace } from './lsp-session';

export interface SharedServer {
    /** The running server (read it inside tests and hooks, after `beforeAll`). */
    readonly session: LspSession;
    /** The temporary copy of the workspace it opened. */
    readonly workspace: TempWorkspace;
}

export interface ServerOptions {
    /** The folder copied and opened (default: test/protocol/fixtures/workspace). */
    source?: string;
    /** Changes the copy before the server starts. */
    prepare?: (workspace: TempWorkspace) => void;
    /** The files (relative to the copy) whose first diagnostics to wait for; `all`: every .iom file (default: journey.iom). */
    waitFor?: string[] | 'all';
    /** More start options (capabilities, transport, arguments). */
    start?: Omit<StartOptions, 'workspaceFolder'>;
}

/** Copies the workspace, starts a server on the copy and waits for the first diagnostics of `waitFor`. */
async function startOnCopy(options: ServerOptions, started: (workspace: TempWorkspace, session?: LspSession) => void): Promise<SharedServer> {
    const workspace = copyWorkspace(options.source ?? path.join(fixturesDir, 'workspace'));
    started(workspace);
    options.prepare?.(workspace);
    const session = await LspSession.start({ ...options.start, workspaceFolder: workspace.dir });
    started(workspace, session);
    const files = options.waitFor === 'all' ? workspace.files.map(file => path.relative(workspace.dir, file)) : (options.waitFor ?? ['journey.iom']);
    await session.waitForDiagnosticsOf(files.map(workspace.uri));
    return { session, workspace };
}

function end(session: LspSession | undefined, workspace: TempWorkspace | undefined): void {
    session?.dispose();
    workspace?.remove();
}

export function sharedServer(options: ServerOptions & { timeout?: number } = {}): SharedServer {
    let session: LspSession | undefined;
    let workspace: TempWorkspace | undefined;
    beforeAll(async () => {
        await startOnCopy(options, (copy, server) => {
            workspace = copy;
            session = server;
        });
    }, options.timeout ?? 60_000);
    afterAll(() => end(session, workspace));
    const started = <T>(value: T | undefined): T => {
        if (value === undefined) throw new Error('the shared server starts in beforeAll');
        return value;
    };
    return {
        get session() {
            return started(session);
        },
        get workspace() {
            return started(workspace);
        }
    };
}

export function serverPerTest(): (options?: ServerOptions) => Promise<SharedServer> {
    let session: LspSession | undefined;
    let workspace: TempWorkspace | undefined;
    afterEach(() => {
        end(session, workspace);
        session = workspace = undefined;
    });
    return options =>
        startOnCopy(options ?? {}, (copy, server) => {
            workspace = copy;
            session = server;
        });
}
