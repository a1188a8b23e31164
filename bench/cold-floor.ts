/**
 * The floor of a cold server start (issue 12), run by the start1500 section as its own process: what any start that
 * reads the syntax of every file pays before it can check one, in a fresh Node process with a cold JIT, as the
 * server has at start. Bundled by bench/build.mjs into out/cold-floor.mjs.
 *
 *   node out/cold-floor.mjs <folder>
 *
 * Prints one JSON line: the files and lines, then the milliseconds to list and read every `.iom` file of the folder,
 * to run the language's lexer (Langium's, as the server builds it) over every text, and to parse every text with
 * the language's parser, keeping the trees as a build does. The lexer's time is part of the parser's; both start
 * from a cold JIT (a one-line warm-up only builds them).
 */
import '../language/groupby-polyfill.mjs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { createIomServices } from '../language/iom-module.js';

const folder = process.argv[2];
if (!folder) throw new Error('usage: node out/cold-floor.mjs <folder>');

const started = performance.now();
const files: string[] = [];
const list = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) list(full);
        else if (entry.name.endsWith('.iom')) files.push(full);
    }
};
list(folder);
const texts = files.map(file => fs.readFileSync(file, 'utf8'));
const read = performance.now();

const { Iom } = createIomServices(EmptyFileSystem);
const lexer = Iom.parser.Lexer;
const parser = Iom.parser.LangiumParser;
// Builds the lexer and the parser (Chevrotain's grammar analysis), which a server does once, before its first parse.
parser.parse('provider definition P { }');

let tokens = 0;
const lexStart = performance.now();
for (const text of texts) tokens += lexer.tokenize(text).tokens.length;
const lexed = performance.now();

const trees: unknown[] = [];
for (const text of texts) trees.push(parser.parse(text).value);
const parsed = performance.now();

console.log(
    JSON.stringify({
        files: files.length,
        lines: texts.reduce((sum, text) => sum + text.split('\n').length, 0),
        tokens,
        trees: trees.length,
        readMs: read - started,
        lexMs: lexed - lexStart,
        parseMs: parsed - lexed
    })
);
