/**
 * The diagnostic catalog: every diagnostic the language reports, with its stable code, default severity, category,
 * message template and documentation anchor. Checks report through `report()`; no message text lives elsewhere.
 * docs/diagnostics.md documents every entry (a test keeps the two in sync).
 */
import type { AstNode, Properties, ValidationAcceptor } from 'langium';
import type { Range } from 'vscode-languageserver-types';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Category =
    | 'syntax' | 'reference' | 'name' | 'connection' | 'provider' | 'action type'
    | 'policy' | 'journey' | 'deployment' | 'style';

export interface DiagnosticDefinition {
    /** Stable code shown to users, e.g. `IOM1001`. */
    readonly code: string;
    /** Kebab-case rule name, usable in iomconfig.json instead of the code. */
    readonly name: string;
    readonly severity: Severity;
    readonly category: Category;
    /** Message template; `{placeholder}`s are filled from the report's arguments. */
    readonly message: string;
    /** Marks the reported range as unnecessary (faded in editors). */
    readonly unnecessary?: boolean;
}

function define<T extends Record<string, Omit<DiagnosticDefinition, never>>>(entries: T): T {
    return entries;
}

export const Diagnostics = define({
    // -- syntax ---------------------------------------------------------------------------------------------------
    lexingError: {
        code: 'IOM0001', name: 'unrecognized-character', severity: 'error', category: 'syntax',
        message: '{detail}'
    },
    parsingError: {
        code: 'IOM0002', name: 'syntax-error', severity: 'error', category: 'syntax',
        message: '{detail}'
    },
    // -- references -----------------------------------------------------------------------------------------------
    unresolvedReference: {
        code: 'IOM1001', name: 'unresolved-reference', severity: 'error', category: 'reference',
        message: "Cannot find {kind} '{name}'.{suggestion}"
    }
});

export type DiagnosticKey = keyof typeof Diagnostics;

/** All catalog entries, ordered by code. */
export const allDiagnostics: readonly DiagnosticDefinition[] =
    Object.values(Diagnostics as Record<string, DiagnosticDefinition>).sort((a, b) => a.code.localeCompare(b.code));

const byCode = new Map(allDiagnostics.map(d => [d.code, d]));
const byName = new Map(allDiagnostics.map(d => [d.name, d]));

/** Finds a catalog entry by its code (`IOM1001`) or rule name (`unresolved-reference`). */
export function findDiagnostic(codeOrName: string): DiagnosticDefinition | undefined {
    return byCode.get(codeOrName.toUpperCase()) ?? byName.get(codeOrName.toLowerCase());
}

/** Fills a message template. */
export function formatMessage(template: string, args: Record<string, unknown> = {}): string {
    return template.replace(/\{(\w+)\}/g, (whole, key: string) => key in args ? String(args[key]) : whole);
}

/** Where the documentation of every code lives; set by the server and CLI entry points. */
let documentationBase: string | undefined;
export function setDocumentationBase(base: string | undefined): void {
    documentationBase = base;
}
export function documentationLink(code: string): string | undefined {
    return documentationBase ? `${documentationBase}#${code.toLowerCase()}` : undefined;
}

export interface ReportLocation<N extends AstNode> {
    node: N;
    property?: Properties<N>;
    index?: number;
    keyword?: string;
    range?: Range;
}

/**
 * Reports a catalog diagnostic: fills the message, and sets the visible code, its documentation link and the data
 * that quick fixes read (`data.code` plus `fix`, anything the fix needs).
 */
export function report<N extends AstNode>(
    accept: ValidationAcceptor,
    definition: DiagnosticDefinition,
    location: ReportLocation<N>,
    args: Record<string, unknown> = {},
    fix?: Record<string, unknown>
): void {
    const href = documentationLink(definition.code);
    accept(definition.severity, formatMessage(definition.message, args), {
        ...location,
        code: definition.code,
        codeDescription: href ? { href } : undefined,
        tags: definition.unnecessary ? [1 /* DiagnosticTag.Unnecessary */] : undefined,
        data: { code: definition.code, ...fix }
    } as Parameters<ValidationAcceptor>[2]);
}
