/** Reads an overlay file (`iom graph --overlay`): JSON errors name their line and column. */
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
import { type GraphOverlay, parseOverlays } from './model.js';

export function parseOverlayText(text: string): GraphOverlay[] {
    const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const errors: ParseError[] = [];
    const value = parse(source, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const [first] = errors;
    if (first) {
        const before = source.slice(0, first.offset);
        const line = before.split('\n').length;
        const column = before.length - before.lastIndexOf('\n');
        throw new Error(`${line}:${column}: not valid JSON (${printParseErrorCode(first.error)})`);
    }
    return parseOverlays(value);
}
