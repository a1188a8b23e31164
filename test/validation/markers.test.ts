import { describe, expect, test } from 'vitest';
import { MarkerError, parseMarkers } from '../helpers/validation-markers.js';

describe('validation test markers', () => {
    test('a $TEST$ comment takes the next »…« range, and the markers are removed', () => {
        const parsed = parseMarkers('// $TEST$ error IOM1001\nstep »A« : B\n');
        expect(parsed.text).toBe('// $TEST$ error IOM1001\nstep A : B\n');
        expect(parsed.expectations).toEqual([
            { severity: 'error', code: 'IOM1001', message: undefined, range: { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } } }
        ]);
    });

    test('several comments pair with ranges in order, ranges may span lines, messages are optional', () => {
        const parsed = parseMarkers('// $TEST$ warning IOM2007 "not bound"\n// $TEST$ info IOM6017\n»a\nb« »c«');
        expect(parsed.expectations.map(e => [e.severity, e.code, e.message, e.range.start.line, e.range.end.line, e.range.start.character])).toEqual([
            ['warning', 'IOM2007', 'not bound', 2, 3, 0],
            ['info', 'IOM6017', undefined, 3, 3, 2]
        ]);
        expect(parsed.text).toBe('// $TEST$ warning IOM2007 "not bound"\n// $TEST$ info IOM6017\na\nb c');
    });

    test('nested ranges are ordered by their start', () => {
        const parsed = parseMarkers('// $TEST$ error A\n// $TEST$ error B\n»x »y« z«');
        expect(parsed.expectations.map(e => [e.code, e.range.start.character, e.range.end.character])).toEqual([
            ['A', 0, 5],
            ['B', 2, 3]
        ]);
    });

    test('a text without markers has no expectations', () => {
        expect(parseMarkers('connection A { }').expectations).toEqual([]);
    });

    test.each([
        ['a comment without range', '// $TEST$ error IOM1001\nstep A'],
        ['a range without comment', 'step »A«'],
        ['an unclosed range', '// $TEST$ error IOM1001\nstep »A'],
        ['a stray closing marker', '// $TEST$ error IOM1001\nstep A«'],
        ['a range before its comment', '»A«\n// $TEST$ error IOM1001']
    ])('rejects %s', (_name, source) => {
        expect(() => parseMarkers(source)).toThrow(MarkerError);
    });
});
