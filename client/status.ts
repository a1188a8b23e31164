/**
 * The IOM status bar item: the language server's state (starting, running, stopped) and the number of IOM errors in
 * the workspace; a click shows the Problems panel, or restarts a stopped server. Plus the command IOM: Restart Language
 * Server.
 */
import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';

export interface LanguageServerStatus {
    state: 'starting' | 'running' | 'stopped';
    errors: number;
    text: string;
    tooltip: string;
}

export function registerStatus(context: vscode.ExtensionContext, client: LanguageClient): void {
    const item = vscode.window.createStatusBarItem('iom.status', vscode.StatusBarAlignment.Left, 10);
    item.name = 'IOM Language Server';
    let state: LanguageServerStatus['state'] = client.isRunning() ? 'running' : 'starting';
    let status: LanguageServerStatus = { state, errors: 0, text: '', tooltip: '' };

    const countErrors = () =>
        vscode.languages
            .getDiagnostics()
            .filter(([uri]) => uri.path.endsWith('.iom'))
            .reduce((sum, [, diagnostics]) => sum + diagnostics.filter(d => d.severity === vscode.DiagnosticSeverity.Error).length, 0);
    const update = () => {
        const errors = countErrors();
        const icon = state === 'running' ? (errors > 0 ? '$(error)' : '$(check)') : state === 'starting' ? '$(sync~spin)' : '$(circle-slash)';
        const text = state === 'running' ? `${icon} IOM${errors > 0 ? ` ${errors}` : ''}` : `${icon} IOM ${state}`;
        const tooltip =
            state === 'running'
                ? `IOM language server running; ${errors} error(s) in .iom files. Click to show the Problems panel.`
                : state === 'starting'
                  ? 'IOM language server starting…'
                  : 'IOM language server stopped. Click (or run "IOM: Restart Language Server") to start it again.';
        status = { state, errors, text, tooltip };
        item.text = text;
        item.tooltip = tooltip;
        item.command = state === 'stopped' ? 'iom.restartLanguageServer' : 'workbench.actions.view.problems';
        item.backgroundColor = state === 'stopped' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
        item.show();
    };

    context.subscriptions.push(
        item,
        client.onDidChangeState(event => {
            state = event.newState === State.Running ? 'running' : event.newState === State.Starting ? 'starting' : 'stopped';
            update();
        }),
        vscode.languages.onDidChangeDiagnostics(update),
        vscode.commands.registerCommand('iom.restartLanguageServer', async () => {
            state = 'starting';
            update();
            await client.restart();
            return status;
        }),
        // Read by the end-to-end suite: what the item shows.
        vscode.commands.registerCommand('iom.languageServerStatus', () => status)
    );
    update();
}
