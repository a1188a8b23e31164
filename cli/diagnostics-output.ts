import * as path from 'node:path';
import type { WorkspaceDiagnostic } from '../language/workspace/load-workspace.js';
import type { Diagnostic } from 'vscode-languageserver-types';

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'] as const;

export interface DiagnosticRow {
    /** Path relative to the current directory, with forward slashes. */
    file: string;
    /** The file's absolute file-system path. */
    fsPath: string;
    diagnostic: Diagnostic;
}

export function severityName(diagnostic: Diagnostic): string {
    return SEVERITY[diagnostic.severity ?? 1];
}

/** The diagnostic's code: the visible `code`, else the code Langium's built-in diagnostics carry in `data`. */
export function diagnosticCode(diagnostic: Diagnostic): string | undefined {
    const code = diagnostic.code ?? (diagnostic.data as { code?: string | number } | undefined)?.code;
    return code === undefined ? undefined : String(code);
}

/** Sorts a workspace's diagnostics by file and position, with paths relative to the current directory. */
export function diagnosticRows(diagnostics: WorkspaceDiagnostic[]): DiagnosticRow[] {
    return diagnostics
        .map(({ uri, diagnostic }) => ({ file: displayPath(uri.fsPath), fsPath: uri.fsPath, diagnostic }))
        .sort((a, b) => a.file.localeCompare(b.file) || a.diagnostic.range.start.line - b.diagnostic.range.start.line
            || a.diagnostic.range.start.character - b.diagnostic.range.start.character);
}

export function displayPath(fsPath: string): string {
    return path.relative(process.cwd(), fsPath).split(path.sep).join('/') || '.';
}

/** `path:line:col - severity CODE: message`, as compilers print it. */
export function formatDiagnostic({ file, diagnostic }: DiagnosticRow): string {
    const { line, character } = diagnostic.range.start;
    const code = diagnostic.code ? ` ${diagnostic.code}` : '';
    return `${file}:${line + 1}:${character + 1} - ${severityName(diagnostic)}${code}: ${diagnostic.message}`;
}

export function diagnosticJson({ file, diagnostic }: DiagnosticRow) {
    return {
        file,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1,
        severity: severityName(diagnostic),
        code: diagnostic.code,
        message: diagnostic.message
    };
}

export function diagnosticsAsJson(rows: DiagnosticRow[]): string {
    return JSON.stringify(rows.map(diagnosticJson), null, 2) + '\n';
}

export function countErrors(rows: DiagnosticRow[]): number {
    return rows.filter(row => row.diagnostic.severity === 1).length;
}
