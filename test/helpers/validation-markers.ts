/**
 * Inline expectations for validation resources (Safe-DS style).
 *
 *     // $TEST$ error IOM1001
 *     step A : »Nope« { … }
 *
 * A `// $TEST$ <severity> <CODE> ["message substring"]` comment expects one diagnostic of that severity and code;
 * its range is the next `»…«` pair after the comment (pairs and comments are matched in order). Severity is
 * error, warning, info or hint. The markers `»` and `«` are removed before the text is parsed; the comment stays
 * (it is an ordinary comment). A case passes when its diagnostics are exactly the expected ones: same code,
 * severity and range, nothing more, nothing less.
 */
export type ExpectedSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface Position {
    line: number;
    character: number;
}
export interface Range {
    start: Position;
    end: Position;
}

export interface Expectation {
    severity: ExpectedSeverity;
    code: string;
    message?: string;
    range: Range;
}

export interface ParsedMarkers {
    /** The text without `»` and `«`. */
    text: string;
    expectations: Expectation[];
}

const TEST_COMMENT = /\/\/\s*\$TEST\$\s+(error|warning|info|hint)\s+(\S+)(?:\s+"([^"]*)")?/g;

export class MarkerError extends Error {}

export function parseMarkers(source: string): ParsedMarkers {
    let text = '';
    const ranges: Range[] = [];
    const open: Position[] = [];
    let line = 0;
    let character = 0;
    for (const char of source) {
        if (char === '»') {
            open.push({ line, character });
            continue;
        }
        if (char === '«') {
            const start = open.pop();
            if (!start) throw new MarkerError(`'«' without '»' at ${line + 1}:${character + 1}`);
            ranges.push({ start, end: { line, character } });
            continue;
        }
        text += char;
        if (char === '\n') {
            line++;
            character = 0;
        } else {
            character++;
        }
    }
    const [unclosed] = open;
    if (unclosed) throw new MarkerError(`'»' without '«' at ${unclosed.line + 1}:${unclosed.character + 1}`);
    ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
    const comments = [...text.matchAll(TEST_COMMENT)].map(match => ({ match, position: positionAt(text, match.index!) }));
    if (comments.length !== ranges.length) {
        throw new MarkerError(`${comments.length} $TEST$ comment(s) but ${ranges.length} »…« range(s)`);
    }
    const expectations = comments.map(({ match, position }, index) => {
        const range = ranges[index];
        if (!range) throw new MarkerError(`no »…« range for the $TEST$ comment at line ${position.line + 1}`);
        if (before(range.start, position)) throw new MarkerError(`the range for the $TEST$ comment at line ${position.line + 1} comes before it`);
        return { severity: match[1] as ExpectedSeverity, code: match[2] ?? '', message: match[3], range };
    });
    return { text, expectations };
}

function positionAt(text: string, offset: number): Position {
    const lines = text.slice(0, offset).split('\n');
    return { line: lines.length - 1, character: lines.at(-1)?.length ?? 0 };
}

function before(a: Position, b: Position): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}

export function rangeToString(range: Range): string {
    return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}
