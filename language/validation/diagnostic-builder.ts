/**
 * The one diagnostic builder: fills the catalog's message templates (diagnostics.ts) and makes every catalog
 * diagnostic there is, typed by its catalog entry:
 * - `report`: what checks call with their `accept` (a diagnostic on a node, a property or a range);
 * - `catalogDiagnostic`: a diagnostic at a range outside the checks (iomconfig.json, suppression comments);
 * - `recode`: gives a diagnostic Langium made (lexer, parser, linker) its catalog code and message;
 * - `codedProblem`: the code and message of a problem that is not an LSP diagnostic (compiler, deployment), and
 *   `problemDiagnostic` the diagnostic of such a problem (the CLI's rows).
 * A report's arguments are the message's `{placeholders}` (no more, no fewer), and a code with a quick fix must be
 * given the fix's data (`fix: quickFix<Data>()` in its entry), which the code-action provider reads back with
 * `fixOf`. Links to docs/diagnostics.md are not made here: they depend on where the documentation is, a value of
 * each language-service instance (`DiagnosticDocumentation`).
 */
import type { AstNode, Properties, ValidationAcceptor } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { type DiagnosticDefinition, type DiagnosticKey, Diagnostics, type FixData, type QuickFix } from './diagnostics.js';
import { redactSecrets } from './secrets.js';

// -- types derived from the catalog --------------------------------------------------------------------------------

type WordCharacter =
    | 'a'
    | 'b'
    | 'c'
    | 'd'
    | 'e'
    | 'f'
    | 'g'
    | 'h'
    | 'i'
    | 'j'
    | 'k'
    | 'l'
    | 'm'
    | 'n'
    | 'o'
    | 'p'
    | 'q'
    | 'r'
    | 's'
    | 't'
    | 'u'
    | 'v'
    | 'w'
    | 'x'
    | 'y'
    | 'z'
    | 'A'
    | 'B'
    | 'C'
    | 'D'
    | 'E'
    | 'F'
    | 'G'
    | 'H'
    | 'I'
    | 'J'
    | 'K'
    | 'L'
    | 'M'
    | 'N'
    | 'O'
    | 'P'
    | 'Q'
    | 'R'
    | 'S'
    | 'T'
    | 'U'
    | 'V'
    | 'W'
    | 'X'
    | 'Y'
    | 'Z'
    | '0'
    | '1'
    | '2'
    | '3'
    | '4'
    | '5'
    | '6'
    | '7'
    | '8'
    | '9'
    | '_';

type IsWord<S extends string> = S extends `${WordCharacter}${infer Rest}` ? (Rest extends '' ? true : IsWord<Rest>) : false;

/** The `{placeholder}` names of a message template, as `formatMessage` finds them (`/\{(\w+)\}/g`). */
export type Placeholders<Template extends string> = Template extends `${string}{${infer Rest}`
    ? Rest extends `${infer Name}}${infer Tail}`
        ? IsWord<Name> extends true
            ? Name | Placeholders<Tail>
            : Placeholders<Rest>
        : never
    : never;

/** What fills a placeholder. */
export type MessageArgument = string | number;

/**
 * The arguments of a catalog entry's message: one per placeholder. For a definition whose message is not known
 * statically (a `DiagnosticDefinition` found by code), any arguments.
 */
export type MessageArguments<D extends DiagnosticDefinition> = string extends D['message']
    ? Readonly<Record<string, MessageArgument>>
    : [Placeholders<D['message']>] extends [never]
      ? Readonly<Record<string, never>>
      : { readonly [Name in Placeholders<D['message']>]: MessageArgument };

/** The data a catalog entry's quick fix reads (none without a quick fix). */
export type FixDataOf<D extends DiagnosticDefinition> = D['fix'] extends QuickFix<infer Data extends FixData> ? Data : never;

/** The arguments after the location: the message arguments (optional when there are none), then the fix data. */
export type ReportArguments<D extends DiagnosticDefinition> = [FixDataOf<D>] extends [never]
    ? [Placeholders<D['message']>] extends [never]
        ? [args?: MessageArguments<D>]
        : [args: MessageArguments<D>]
    : [args: MessageArguments<D>, fix: FixDataOf<D>];

/** The catalog keys of the codes that have a quick fix. */
export type FixableKey = { [K in DiagnosticKey]: [FixDataOf<(typeof Diagnostics)[K]>] extends [never] ? never : K }[DiagnosticKey];

/** The fix data of each code that has a quick fix, by catalog key. */
export type FixDataByKey = { [K in FixableKey]: FixDataOf<(typeof Diagnostics)[K]> };

/** A diagnostic's quick fix: the catalog key of its code and the data its report attached. */
export type FixOf<K extends FixableKey = FixableKey> = { [P in K]: { readonly key: P; readonly data: FixDataByKey[P] } }[K];

// -- the catalog as a whole ------------------------------------------------------------------------------------------

const catalogEntries = Object.entries(Diagnostics) as Array<[DiagnosticKey, DiagnosticDefinition]>;

/** All catalog entries, ordered by code. */
export const allDiagnostics: readonly DiagnosticDefinition[] = catalogEntries
    .map(([, definition]) => definition)
    .sort((a, b) => a.code.localeCompare(b.code));

const byCode = new Map(allDiagnostics.map(d => [d.code, d]));
const byName = new Map(allDiagnostics.map(d => [d.name, d]));
const fixableByCode = new Map(catalogEntries.filter(([, definition]) => definition.fix).map(([key, definition]) => [definition.code, key]));

/** Finds a catalog entry by its code (`IOM1001`) or rule name (`unresolved-reference`). */
export function findDiagnostic(codeOrName: string): DiagnosticDefinition | undefined {
    return byCode.get(codeOrName.toUpperCase()) ?? byName.get(codeOrName.toLowerCase());
}

export const SEVERITY_NUMBERS = { error: 1, warning: 2, info: 3, hint: 4 } as const;

// -- building diagnostics --------------------------------------------------------------------------------------------

/** Message arguments whatever the entry (inside the builder, behind the typed functions). */
type AnyArguments = Readonly<Record<string, MessageArgument>>;

function fill(definition: DiagnosticDefinition, args: AnyArguments = {}): string {
    return definition.message.replace(/\{(\w+)\}/g, (whole, key: string) => (key in args ? redactSecrets(String(args[key])) : whole));
}

/** Fills a catalog entry's message template. Arguments are redacted: a message never quotes a secret (IOM0004). */
export function formatMessage<D extends DiagnosticDefinition>(definition: D, args: MessageArguments<D>): string {
    return fill(definition, args);
}

/** What every catalog diagnostic carries, whoever makes it. */
function parts(definition: DiagnosticDefinition, args?: AnyArguments, fix?: FixData) {
    return {
        message: fill(definition, args),
        code: definition.code,
        tags: definition.unnecessary ? [1 /* DiagnosticTag.Unnecessary */ as const] : undefined,
        // Quick fixes find their code in `data` (the visible `code` may be dropped by a client) and read the rest.
        data: { ...fix, code: definition.code }
    };
}

export interface ReportLocation<N extends AstNode> {
    node: N;
    property?: Properties<N>;
    index?: number;
    keyword?: string;
    range?: Range;
}

/** Reports a catalog diagnostic from a check, through the check's `accept`. */
export function report<D extends DiagnosticDefinition, N extends AstNode>(
    accept: ValidationAcceptor,
    definition: D,
    location: ReportLocation<N>,
    ...rest: ReportArguments<D>
): void {
    const [args, fix]: readonly [AnyArguments?, FixData?] = rest;
    const { message, ...info } = parts(definition, args, fix);
    accept(definition.severity, message, { ...location, ...info });
}

/** A catalog diagnostic at a range, made outside a check (iomconfig.json problems, suppression comments). */
export function catalogDiagnostic<D extends DiagnosticDefinition>(definition: D, range: Range, ...rest: ReportArguments<D>): Diagnostic {
    const [args, fix]: readonly [AnyArguments?, FixData?] = rest;
    return { range, severity: SEVERITY_NUMBERS[definition.severity], source: 'iom', ...parts(definition, args, fix) };
}

/** A diagnostic Langium made (lexer, parser, linker) with its catalog code and message; its range and severity stay. */
export function recode<D extends DiagnosticDefinition>(diagnostic: Diagnostic, definition: D, ...rest: ReportArguments<D>): Diagnostic {
    const [args, fix]: readonly [AnyArguments?, FixData?] = rest;
    const { tags, ...coded } = parts(definition, args, fix);
    return { ...diagnostic, ...coded, ...(tags ? { tags } : {}) };
}

/** The code and message of a catalog problem that is not an LSP diagnostic (compiler errors, deployment checks). */
export function codedProblem<D extends DiagnosticDefinition>(definition: D, args: MessageArguments<D>): { code: D['code']; message: string } {
    return { code: definition.code, message: fill(definition, args) };
}

/** The LSP diagnostic of a coded problem (`codedProblem`) at a range, with its code's catalog severity. */
export function problemDiagnostic(problem: { code: string; message: string }, range: Range): Diagnostic {
    const severity = findDiagnostic(problem.code)?.severity ?? 'error';
    return { range, severity: SEVERITY_NUMBERS[severity], code: problem.code, source: 'iom', message: problem.message, data: { code: problem.code } };
}

/** The message arguments of IOM9010 for a fixed rule (syntax or linking error). */
export function fixedRuleArguments(definition: DiagnosticDefinition, action: string): MessageArguments<typeof Diagnostics.unsuppressibleDiagnostic> {
    return { code: definition.code, name: definition.name, what: definition.category === 'syntax' ? 'syntax' : 'linking', action };
}

// -- reading a diagnostic back -------------------------------------------------------------------------------------

/**
 * The quick fix of a diagnostic (from the editor, in a code-action request): the catalog key of its code and the data
 * its report attached, typed by the catalog entry. Undefined for a code without a quick fix.
 */
export function fixOf(diagnostic: Diagnostic): FixOf | undefined {
    const data: unknown = diagnostic.data;
    if (typeof data !== 'object' || data === null || !('code' in data) || typeof data.code !== 'string') return undefined;
    const key = fixableByCode.get(data.code);
    // The data is what `report` attached for this code (typed by its entry), back from the client as JSON.
    return key === undefined ? undefined : ({ key, data } as FixOf);
}

// -- links to the documentation ------------------------------------------------------------------------------------

/**
 * Where the documentation of every code lives (docs/diagnostics.md, shipped with the server, or a published copy):
 * a value of each language-service instance (`createIomServices({ documentationBase })`), so two instances never
 * share it. Diagnostics leaving the instance link their code to `<base>#<code>`.
 */
export class DiagnosticDocumentation {
    constructor(readonly base?: string) {}

    link(code: string): string | undefined {
        return this.base ? `${this.base}#${code.toLowerCase()}` : undefined;
    }

    /** The diagnostic with its code's documentation link (unchanged without a base or a catalog code). */
    linked(diagnostic: Diagnostic): Diagnostic {
        const href = typeof diagnostic.code === 'string' && byCode.has(diagnostic.code) ? this.link(diagnostic.code) : undefined;
        return href ? { ...diagnostic, codeDescription: { href } } : diagnostic;
    }
}
