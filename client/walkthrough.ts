/**
 * The Getting Started walkthrough's own command, IOM: Create Workspace (`iom init`): creates a workspace from the
 * template in the first workspace folder (or a folder it is given) and opens its journey.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export function registerWalkthrough(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
        vscode.commands.registerCommand('iom.initWorkspace', async (target?: vscode.Uri | string) => {
            let folder = typeof target === 'string' ? vscode.Uri.file(target) : (target ?? vscode.workspace.workspaceFolders?.[0]?.uri);
            if (!folder) {
                const picked = await vscode.window.showOpenDialog({
                    canSelectFolders: true,
                    canSelectFiles: false,
                    openLabel: 'Create IOM workspace here'
                });
                folder = picked?.[0];
            }
            if (!folder) return undefined;
            const cli = context.asAbsolutePath(path.join('bin', 'iom.cjs'));
            const output = await new Promise<string>((resolve, reject) =>
                execFile(
                    process.execPath,
                    [cli, 'init', folder!.fsPath],
                    { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
                    (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout))
                )
            ).catch(error => {
                void vscode.window.showErrorMessage(`IOM: ${error instanceof Error ? error.message : String(error)}`);
                return undefined;
            });
            if (output === undefined) return undefined;
            const journeys = vscode.Uri.joinPath(folder, 'journeys.iom');
            if (fs.existsSync(journeys.fsPath)) await vscode.window.showTextDocument(journeys, { preview: false });
            void vscode.window.showInformationMessage(`IOM: ${output.split('\n')[0]}`);
            return fs.readdirSync(folder.fsPath).sort();
        })
    );
}
