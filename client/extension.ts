import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Starts the IOM language server and connects it to VS Code. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const serverModule = context.asAbsolutePath('out/server/main.cjs');
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const outputChannel = vscode.window.createOutputChannel('IOM Language Server', { log: true });
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'iom' }],
        outputChannel,
        synchronize: { configurationSection: 'iom' }
    };
    client = new LanguageClient('iom', 'IOM Language Server', serverOptions, clientOptions);
    context.subscriptions.push(outputChannel);
    await client.start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
