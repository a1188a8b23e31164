import { URI } from 'langium';
import { IomNodeHost } from '../../host/node-host.js';
import { createIomServices } from '../../language/iom-module.js';
import { copyExample, tempDirs } from '../compiler/helpers.js';

/**
 * For a test file: a function that starts language services on the real file system with a temporary copy of an
 * example (its text optionally rewritten) opened as the workspace folder, as the language server opens a folder. The
 * copy is removed after the test. `execute` runs a server command as the client sends it.
 */
export function exampleServers(prefix: string) {
    const temp = tempDirs(prefix);
    return async (example: string, rewrite?: (text: string) => string) => {
        const dir = temp();
        copyExample(example, dir, rewrite);
        const services = createIomServices(IomNodeHost);
        await services.shared.workspace.WorkspaceManager.initializeWorkspace([{ name: example, uri: URI.file(dir).toString() }]);
        const execute = <T>(command: string, ...args: unknown[]) =>
            services.shared.lsp.ExecuteCommandHandler!.executeCommand(command, args) as Promise<T>;
        return { dir, execute, ...services };
    };
}
