/**
 * The bounded fuzz run of `npm test` (about 25 s; docs/development.md, "Fuzzing"): generated and mutated workspaces
 * through parse, link, validate, the preview compiler and every LSP request in-process (a fixed set of cases, then a
 * random seed that is printed), and a smaller slice over the real language server on stdio. `npm run fuzz` is the
 * long run; a failure here prints the command that replays it. Each failure the fuzzer found has a replay below.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    CompletionRequest,
    DefinitionRequest,
    DocumentFormattingRequest,
    DocumentSymbolRequest,
    FoldingRangeRequest,
    HoverRequest,
    ReferencesRequest,
    SemanticTokensRequest
} from 'vscode-languageserver-protocol';
import { LspSession } from '../protocol/helpers/lsp-session';
import { mutationArbitrary, readExamples } from './cases.js';
import { fuzz, replayCase } from './driver.js';
import { bundlesAreCurrent, SOURCE_FILES, SOURCE_FOLDERS } from '../helpers/bundles.js';
import { itemAt } from '../helpers/items.js';

const root = path.resolve(__dirname, '..', '..');
const workerFile = path.join(root, 'out', 'test', 'fuzz', 'worker.cjs');
/**
 * The deepest nesting generated in CI. The parser takes 2,500 nested blocks (IOM0010 past that) and every request
 * works at 1,000 levels (test/language/nesting.test.ts), but a 1,000-level case costs seconds per request here; 300
 * levels keep the CI run's cases fast. `npm run fuzz -- --depth 1200` goes past the target on demand.
 */
const CI_DEPTH = 300;

beforeAll(() => {
    // The harness is bundled like the code base (test/helpers/bundles.ts): from its own folder and the sources.
    if (bundlesAreCurrent(['out/test/fuzz/worker.cjs', 'out/test/fuzz/cli.cjs'], [...SOURCE_FOLDERS, 'test/fuzz'], SOURCE_FILES)) return;
    const result = spawnSync(process.execPath, [path.join(root, 'test', 'fuzz', 'build.mjs')], { cwd: root, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
}, 60_000);

describe('fuzzing in-process (parse, link, validate, preview compiler, every LSP request)', () => {
    const run = async (seed: number, cases: number, timeLimit: number) => {
        const report = await fuzz({ root, workerFile, seed, cases, timeLimit, maxDepth: CI_DEPTH, log: line => console.log(line) });
        console.log(`fuzz: seed ${seed}: ${report.ran} case(s), slowest ${report.slowestMs} ms`);
        expect(report.failure).toBeUndefined();
        expect(report.ran).toBeGreaterThan(0);
    };

    // The same 200 cases every run (about a fifth of them pathological: nesting up to CI_DEPTH, size, duplicates,
    // unicode); the time limit only guards a very slow machine.
    test('a fixed seed', () => run(20261130, 200, 30_000), 120_000);

    test('replays found failures: completion after 186 nested rule groups that error recovery left shallow', async () => {
        const replay = await replayCase({ root, workerFile, seed: 1244735942, path: '2:2:0', maxDepth: 300 });
        expect(replay.origin).toBe('nested rule groups, depth 186');
        expect(replay.failures).toEqual([]);
    }, 120_000);

    // A fixed number of cases, not "as many as fit in a few seconds": on a loaded machine the first case alone (a
    // fresh worker) could take the whole budget, and a run of no case proves nothing.
    test('a random seed (printed, to replay: npm run fuzz -- --seed <seed>)', () => run(Math.floor(Math.random() * 2 ** 31), 40, 60_000), 120_000);
});

describe('fuzzing the language server over stdio', () => {
    let session: LspSession;
    beforeAll(async () => {
        session = await LspSession.start();
    }, 60_000);
    afterAll(() => session?.dispose());

    test('mutated documents and requests at random positions: every answer comes, every diagnostic has a code, the server lives', async () => {
        const seed = Math.floor(Math.random() * 2 ** 31);
        console.log(`fuzz (stdio): seed ${seed}`);
        const examples = readExamples(root);
        let count = 0;
        await fc.assert(
            fc.asyncProperty(mutationArbitrary(examples), async fuzzCase => {
                const file = itemAt(fuzzCase.files, count % fuzzCase.files.length);
                const uri = `file:///fuzz-stdio/${++count}/${file.name}`;
                await session.open(uri, file.text);
                const diagnostics = await session.waitForDiagnostics(uri);
                for (const diagnostic of diagnostics) expect(diagnostic.code, JSON.stringify(diagnostic.message)).toMatch(/^IOM\d{4}$/);
                const textDocument = { uri };
                for (const fraction of fuzzCase.probes) {
                    const offset = Math.floor(fraction * (file.text.length + 1));
                    const before = file.text.slice(0, offset).split('\n');
                    const position = { line: before.length - 1, character: itemAt(before, -1).length };
                    await session.request(HoverRequest.type, { textDocument, position });
                    await session.request(CompletionRequest.type, { textDocument, position });
                    await session.request(DefinitionRequest.type, { textDocument, position });
                    await session.request(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } });
                }
                await session.request(DocumentSymbolRequest.type, { textDocument });
                await session.request(FoldingRangeRequest.type, { textDocument });
                await session.request(SemanticTokensRequest.type, { textDocument });
                await session.request(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 4, insertSpaces: true } });
                await session.close(uri);
                expect(session.process.exitCode, session.stderr).toBeNull();
            }),
            { seed, numRuns: 20, interruptAfterTimeLimit: 60_000 }
        );
        expect(count).toBeGreaterThan(0);
    }, 120_000);
});
