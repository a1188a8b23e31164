import * as path from 'node:path';
import type { WorkspaceDiagnostic } from '../host/load-workspace.js';
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
        .sort(
            (a, b) =>
                a.file.localeCompare(b.file) ||
                a.diagnostic.range.start.line - b.diagnostic.range.start.line ||
                a.diagnostic.range.start.character - b.diagnostic.range.start.character
        );
}

export function displayPath(fsPath: string): string {
    return path.relative(process.cwd(), fsPath).split(path.sep).join('/') || '.';
}

/**
 * Text safe to print on a terminal, one line: control characters (C0 including newlines, DEL, C1, so ANSI escape
 * sequences too) and bidirectional controls are shown as `\xNN` / `\u{NNNN}` escapes instead of acting on the
 * terminal (a file name with a newline or an escape sequence cannot split a diagnostic line or recolour the screen).
 * JSON and SARIF output need no such step: JSON escapes control characters itself.
 */
export function printable(text: string): string {
    return text.replace(UNPRINTABLE, char => {
        const code = char.codePointAt(0)!;
        return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
    });
}

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `path:line:col - severity CODE: message`, as compilers print it (file and message made printable). */
export function formatDiagnostic({ file, diagnostic }: DiagnosticRow): string {
    const { line, character } = diagnostic.range.start;
    const code = diagnostic.code ? ` ${diagnostic.code}` : '';
    return `${printable(file)}:${line + 1}:${character + 1} - ${severityName(diagnostic)}${code}: ${printable(typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value)}`;
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
