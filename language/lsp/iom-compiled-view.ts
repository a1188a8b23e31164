/**
 * The text of the compiled-definition view (IOM: Show Compiled Definition): the record as `iom build` writes it, with
 * its fields in the order a person reads them (name and kind first, then the settings, the nested records such as a
 * journey's nodes, and last the id lists such as edges), and the line of the nested record under the cursor.
 * The artifacts themselves keep their sorted, deterministic key order; only this view reorders.
 */

/** Key groups, in display order; a key's group decides where it goes, keys keep their order within a group. */
function rank(key: string, value: unknown): number {
    if (key === '$preview') return -1; // the mark of an incomplete record stays on top
    if (key === 'name' || key === 'kind' || key === 'type' || key === 'element') return 0;
    if (key === 'source') return 6;
    if (key === 'id' || key === 'table' || key === 'edges' || key === 'entryNodes') return 5;
    if (Array.isArray(value)) return value.every(item => typeof item === 'string') && value.length > 0 ? 5 : 3;
    if (value !== null && typeof value === 'object') return 2;
    return 1;
}
const FIRST_KEYS = ['name', 'kind', 'type', 'element'];

interface Located {
    line: number;
    column: number;
    /** The 0-based line of the object's opening brace in the view. */
    viewLine: number;
}

export interface CompiledView {
    text: string;
    /** The 0-based line of the view to reveal: the start of the innermost record declared at or before the cursor. */
    focusLine: number;
}

/**
 * Renders `json` (an artifact's text) for the view. `position` is the cursor in the source file (0-based, LSP); each
 * nested object with a `source` location (1-based line and column) is a candidate for the focus.
 */
export function compiledView(json: string, position?: { line: number; character: number }): CompiledView {
    const lines: string[] = [];
    const located: Located[] = [];
    const write = (value: unknown, indent: string, prefix: string, suffix: string): void => {
        if (Array.isArray(value)) {
            if (value.length === 0 || value.every(item => item === null || typeof item !== 'object')) {
                lines.push(`${indent}${prefix}${JSON.stringify(value)}${suffix}`);
                return;
            }
            lines.push(`${indent}${prefix}[`);
            value.forEach((item, index) => write(item, indent + '  ', '', index < value.length - 1 ? ',' : ''));
            lines.push(`${indent}]${suffix}`);
            return;
        }
        if (value === null || typeof value !== 'object') {
            lines.push(`${indent}${prefix}${JSON.stringify(value)}${suffix}`);
            return;
        }
        const record = value as Record<string, unknown>;
        const source = record.source as { line?: unknown; column?: unknown } | undefined;
        if (source && typeof source.line === 'number') {
            located.push({ line: source.line, column: typeof source.column === 'number' ? source.column : 1, viewLine: lines.length });
        }
        const keys = Object.keys(record)
            .map((key, index) => ({ key, index, rank: rank(key, record[key]) }))
            .sort((a, b) => a.rank - b.rank || (a.rank === 0 ? FIRST_KEYS.indexOf(a.key) - FIRST_KEYS.indexOf(b.key) : a.index - b.index));
        if (keys.length === 0) {
            lines.push(`${indent}${prefix}{}${suffix}`);
            return;
        }
        lines.push(`${indent}${prefix}{`);
        keys.forEach(({ key }, index) => write(record[key], indent + '  ', `${JSON.stringify(key)}: `, index < keys.length - 1 ? ',' : ''));
        lines.push(`${indent}}${suffix}`);
    };
    write(JSON.parse(json), '', '', '');
    let focusLine = 0;
    if (position) {
        const line = position.line + 1;
        const column = position.character + 1;
        let best: Located | undefined;
        for (const candidate of located) {
            const before = candidate.line < line || (candidate.line === line && candidate.column <= column);
            const later = !best || candidate.line > best.line || (candidate.line === best.line && candidate.column >= best.column);
            if (before && later) best = candidate;
        }
        focusLine = best?.viewLine ?? 0;
    }
    return { text: lines.join('\n') + '\n', focusLine };
}
