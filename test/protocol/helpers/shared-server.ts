/**
 * One language server shared by the tests of a file (or of a describe block): started in `beforeAll` on a temporary
 * copy of a workspace, ended and the copy removed in `afterAll`. Tests that share it must not depend on each other's
 * edits: each opens its own documents or restores what it changed.
 */
import * as path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { copyWorkspace, fixturesDir, LspSession, type StartOptions, type TempWorkspace } from './lsp-session';

export interface SharedServer {
    /** The running server (read it inside tests and hooks, after `beforeAll`). */
    readonly session: LspSession;
    /** The temporary copy of the workspace it opened. */
    readonly workspace: TempWorkspace;
}

export interface SharedServerOptions {
    /** The folder copied and opened (default: test/protocol/fixtures/workspace). */
    source?: string;
    /** Changes the copy before the server starts. */
    prepare?: (workspace: TempWorkspace) => void;
    /** The files (relative to the copy) whose first diagnostics to wait for; `all`: every .iom file (default: journey.iom). */
    waitFor?: string[] | 'all';
    /** More start options (capabilities, transport, arguments). */
    start?: Omit<StartOptions, 'workspaceFolder'>;
    /** The hook's time limit in ms (default 60 s). */
    timeout?: number;
}

export function sharedServer(options: SharedServerOptions = {}): SharedServer {
    let session: LspSession | undefined;
    let workspace: TempWorkspace | undefined;
    beforeAll(async () => {
        workspace = copyWorkspace(options.source ?? path.join(fixturesDir, 'workspace'));
        options.prepare?.(workspace);
        session = await LspSession.start({ ...options.start, workspaceFolder: workspace.dir });
        const copy = workspace;
        const files = options.waitFor === 'all' ? copy.files.map(file => path.relative(copy.dir, file)) : (options.waitFor ?? ['journey.iom']);
        await session.waitForDiagnosticsOf(files.map(copy.uri));
    }, options.timeout ?? 60_000);
    afterAll(() => {
        session?.dispose();
        workspace?.remove();
    });
    return {
        get session() {
            if (!session) throw new Error('the shared server starts in beforeAll');
            return session;
        },
        get workspace() {
            if (!workspace) throw new Error('the shared server starts in beforeAll');
            return workspace;
        }
    };
}
