/**
 * The duplicate-setting check (IOM0003, language/validation/syntax.ts) looks for repeated settings in the CST of the
 * nodes the parser noted assigning a single-valued property twice (`assignedASettingTwice`, parser/iom-parser.ts).
 * The note must cover every node whose own CST repeats a setting: on the examples, on the benchmark's generated files,
 * on files whose every line is given twice (repeated settings in many blocks) and on broken input (the partial trees
 * of error recovery), every node with a repeated setting in its CST is noted. And the note must not be everything:
 * a clean file has none.
 */
import * as path from 'node:path';
import fc from 'fast-check';
import { type AstNode, AstUtils, EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { createIomServices } from '../../language/iom-module.js';
import { assignedASettingTwice } from '../../language/parser/iom-parser.js';
import { repeatedSettings } from '../../language/validation/syntax.js';
import { createRandom, journeyFile, providerFile } from '../../bench/generate.js';
import { mutationArbitrary, readExamples } from '../fuzz/cases.js';

const root = path.resolve(__dirname, '..', '..');
const { Iom } = createIomServices(EmptyFileSystem);

interface Tally {
    nodes: number;
    noted: number;
    repeated: number;
}

/** Every node of the parsed text whose own CST repeats a setting must be noted by the parser. */
function checkNodes(text: string, origin: string, tally: Tally): void {
    const { value } = Iom.parser.LangiumParser.parse(text);
    for (const node of AstUtils.streamAst(value) as Iterable<AstNode>) {
        tally.nodes++;
        const noted = assignedASettingTwice(node);
        if (noted) tally.noted++;
        const repeated = repeatedSettings(node);
        if (repeated.length === 0) continue;
        tally.repeated++;
        const [property, nodes] = repeated[0]!;
        expect(noted, `${origin}: ${property} of a ${node.$type} given at lines ${nodes.map(cst => cst.range.start.line + 1).join(', ')}`).toBe(true);
    }
}

const newTally = (): Tally => ({ nodes: 0, noted: 0, repeated: 0 });

/** The text with every line given twice: each setting of each block is repeated. */
const doubled = (text: string) =>
    text
        .split('\n')
        .flatMap(line => [line, line])
        .join('\n');

describe('the parser notes every node whose CST repeats a setting', () => {
    test('the examples, as they are and with every line given twice', () => {
        const tally = newTally();
        for (const [example, files] of readExamples(root)) {
            for (const file of files) {
                checkNodes(file.text, `${example}/${file.name}`, tally);
                checkNodes(doubled(file.text), `${example}/${file.name}, doubled`, tally);
            }
        }
        // The doubled files repeat settings (where doubling a line leaves a block parseable).
        expect(tally.repeated).toBeGreaterThan(30);
    });

    test('the benchmark’s generated files: none noted as they are, the repeats noted when doubled', () => {
        const random = createRandom(7);
        for (let region = 0; region < 6; region++) {
            for (const text of [providerFile(region, random), journeyFile(region, random)]) {
                const clean = newTally();
                checkNodes(text, `generated region ${region}`, clean);
                expect(clean.nodes).toBeGreaterThan(20);
                expect(clean.noted).toBe(0);
                const doubledTally = newTally();
                checkNodes(doubled(text), `generated region ${region}, doubled`, doubledTally);
                expect(doubledTally.repeated).toBeGreaterThan(0);
            }
        }
    });

    test('broken input: the partial trees of error recovery', () => {
        const tally = newTally();
        fc.assert(
            fc.property(mutationArbitrary(readExamples(root)), fuzzCase => {
                for (const file of fuzzCase.files) {
                    if (fuzzCase.changed && !fuzzCase.changed.includes(file.name)) continue;
                    checkNodes(file.text, fuzzCase.origin, tally);
                }
            }),
            { numRuns: 200, seed: 21 }
        );
        expect(tally.nodes).toBeGreaterThan(1000);
    }, 120_000);
});
