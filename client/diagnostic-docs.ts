/**
 * A diagnostic's code opens that code's section of docs/diagnostics.md, rendered: the server links each code to
 * `…/docs/diagnostics.md#iom0001` (any editor can follow that); in VS Code the link is replaced by the command
 * IOM: Show Diagnostic Documentation, which opens the Markdown preview beside the editor, scrolled to the code's
 * heading. (VS Code opens a plain file link as raw text at line 1; command links run from the Problems panel and the
 * hover alike.)
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

export const SHOW_DIAGNOSTIC_DOCUMENTATION = 'iom.showDiagnosticDocumentation';

/** The middleware that points diagnostic code links at the command. */
export function diagnosticDocsMiddleware(): Middleware {
    return {
        handleDiagnostics(uri, diagnostics, next) {
            for (const diagnostic of diagnostics) {
                const code = diagnostic.code;
                if (typeof code !== 'object' || !/\.md$/.test(code.target.path) || !/^iom\d+$/i.test(code.target.fragment)) continue;
                diagnostic.code = { value: code.value, target: commandUri(String(code.value)) };
            }
            next(uri, diagnostics);
        }
    };
}

export function commandUri(code: string): vscode.Uri {
    return vscode.Uri.parse(`command:${SHOW_DIAGNOSTIC_DOCUMENTATION}?${encodeURIComponent(JSON.stringify([code]))}`);
}

export function registerDiagnosticDocs(context: vscode.ExtensionContext): void {
    context.subscriptions.push(
        vscode.commands.registerCommand(SHOW_DIAGNOSTIC_DOCUMENTATION, async (code?: string) => {
            const docs = vscode.Uri.file(context.asAbsolutePath('docs/diagnostics.md'));
            const target = code && /^IOM\d+$/i.test(code) ? docs.with({ fragment: code.toLowerCase() }) : docs;
            await vscode.commands.executeCommand('markdown.showPreviewToSide', target);
            return target.toString();
        })
    );
}
