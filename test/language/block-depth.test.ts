/**
 * `maxBlockDepth` (language/parser/iom-parser.ts) decides before every parse whether a text is parsed in slices, and
 * completion uses it to refuse a context nested too deep. It jumps from one brace, quote or slash to the next with a
 * regular expression; here it is held to a plain character-by-character reading of the same rules (strings, text
 * blocks and comments skipped as the grammar's terminals do) on random texts made of those characters, and on the
 * examples.
 */
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { maxBlockDepth } from '../../language/parser/iom-parser.js';
import { nestedGroups, readExamples } from '../fuzz/cases.js';

const root = path.resolve(__dirname, '..', '..');

/** The deepest `{ }` nesting, reading every character. */
function reference(text: string): number {
    let depth = 0;
    let max = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '{') max = Math.max(max, ++depth);
        else if (c === '}') depth = Math.max(0, depth - 1);
        else if (c === '"') {
            if (text.startsWith('"""', i)) {
                const end = text.indexOf('"""', i + 3);
                if (end >= 0) i = end + 2;
                continue;
            }
            let j = i + 1;
            while (j < text.length && text[j] !== '"' && text[j] !== '\n' && text[j] !== '\r') j += text[j] === '\\' ? 2 : 1;
            if (j < text.length && text[j] === '"') i = j;
        } else if (c === '/' && text[i + 1] === '/') {
            while (i < text.length && text[i] !== '\n') i++;
        } else if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            if (end >= 0) i = end + 1;
        }
    }
    return max;
}

describe('maxBlockDepth reads nesting as a character-by-character reading does', () => {
    test('random texts of braces, quotes, slashes, stars, backslashes and line breaks', () => {
        const piece = fc.constantFrom('{', '}', '"', '"""', '/', '//', '/*', '*/', '*', '\\', '\n', '\r', 'a', ' ', 'x y');
        fc.assert(
            fc.property(fc.array(piece, { maxLength: 60 }), pieces => {
                const text = pieces.join('');
                expect(maxBlockDepth(text), JSON.stringify(text)).toBe(reference(text));
            }),
            { numRuns: 5000, seed: 3 }
        );
    });

    test('the examples and a deeply nested file', () => {
        let files = 0;
        for (const [, examples] of readExamples(root)) {
            for (const file of examples) {
                expect(maxBlockDepth(file.text), file.name).toBe(reference(file.text));
                files++;
            }
        }
        expect(files).toBeGreaterThan(10);
        const deep = nestedGroups(300);
        expect(maxBlockDepth(deep)).toBe(reference(deep));
        expect(maxBlockDepth(deep)).toBeGreaterThan(300);
    });
});
