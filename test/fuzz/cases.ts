/**
 * What the fuzz harness feeds the language (docs/development.md, "Fuzzing"): fast-check arbitraries of workspaces.
 * - mutations of the example workspaces (examples/): deletions, duplications, insertions of grammar tokens and odd
 *   characters, truncations (half-written declarations), line swaps;
 * - pathological generated inputs: deep nesting (splitters, rule groups), size (many declarations), duplicate names,
 *   unicode (names and strings with combining marks, bidi controls, astral characters, lone surrogates, NUL, BOM);
 * plus probe positions (fractions of each file's length) where every LSP request runs.
 * Every value is plain data, so a failing case prints and replays as it is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';

export interface FuzzFile {
    name: string;
    text: string;
}

export interface FuzzCase {
    /** What generated the case, for the report. */
    origin: string;
    files: FuzzFile[];
    config?: string;
    /** Where the position-based LSP requests run: fractions (0..1) of each file's length. */
    probes: number[];
    /** The files a mutation changed (the others are the example's own); all files when absent. */
    changed?: string[];
}

export interface CaseResult {
    failures: string[];
}

export interface CaseOptions {
    /** The deepest nesting generated (splitters, rule groups). */
    maxDepth: number;
}

/** The example workspaces, read once: name → files. */
export function readExamples(root: string): Map<string, FuzzFile[]> {
    const examples = new Map<string, FuzzFile[]>();
    const dir = path.join(root, 'examples');
    for (const name of fs.readdirSync(dir).sort()) {
        const folder = path.join(dir, name);
        if (!fs.statSync(folder).isDirectory()) continue;
        const files = fs
            .readdirSync(folder)
            .filter(file => file.endsWith('.iom'))
            .sort()
            .map(file => ({ name: file, text: fs.readFileSync(path.join(folder, file), 'utf8') }));
        examples.set(name, files);
    }
    return examples;
}

const TOKENS = [
    '{',
    '}',
    '"',
    ':',
    '=',
    '!=',
    '>=',
    '<',
    ',',
    '.',
    '[',
    ']',
    '(',
    ')',
    '/*',
    '*/',
    '//',
    '"""',
    '\n',
    ' ',
    '\t',
    'journey',
    'step',
    'splitter',
    'merge',
    'branch',
    'condition',
    'yes',
    'no',
    'policy',
    'rule',
    'group',
    'and',
    'or',
    'related',
    'set',
    'type',
    'filter',
    'execution',
    'criticality',
    'entity',
    'published',
    'provider',
    'definition',
    'from',
    'bind',
    'to',
    'connection',
    'connector',
    'url',
    'platform',
    'activated',
    'event',
    'action',
    'input',
    'events',
    'policies',
    'description',
    'contains data',
    'does not contain data',
    'true',
    'false',
    '42',
    '-1.5',
    '"New Order"',
    '// iom-disable-next-line IOM0002',
    '// iom-disable-next-line IOM1001 IOM9999',
    'é',
    '\u202e',
    '\u0000',
    '\ufeff',
    '\ud800',
    '𝔘',
    'Orders',
    '"Order Product"'
];

/** One edit of a text: positions and lengths are fractions, so a shrunk edit stays meaningful for any text. */
const editArbitrary = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), token: fc.constantFrom(...TOKENS) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 400 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
    fc.record({
        kind: fc.constant('garbage' as const),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        text: fc.string({ unit: 'binary', maxLength: 12 })
    })
);

export type Edit = typeof editArbitrary extends fc.Arbitrary<infer T> ? T : never;

export function applyEdit(text: string, edit: Edit): string {
    const at = (fraction: number) => Math.min(text.length, Math.floor(fraction * (text.length + 1)));
    switch (edit.kind) {
        case 'delete':
            return text.slice(0, at(edit.at)) + text.slice(at(edit.at) + edit.length);
        case 'insert':
            return text.slice(0, at(edit.at)) + edit.token + text.slice(at(edit.at));
        case 'duplicate':
            return (
                text.slice(0, at(edit.at) + edit.length) + text.slice(at(edit.at), at(edit.at) + edit.length) + text.slice(at(edit.at) + edit.length)
            );
        case 'truncate':
            return text.slice(0, at(edit.at));
        case 'swapLines': {
            const lines = text.split('\n');
            if (lines.length < 2) return text;
            const a = edit.a % lines.length;
            const b = edit.b % lines.length;
            const [lineA, lineB] = [lines[a], lines[b]];
            if (lineA === undefined || lineB === undefined) return text; // a and b are taken modulo the length
            [lines[a], lines[b]] = [lineB, lineA];
            return lines.join('\n');
        }
        case 'garbage':
            return text.slice(0, at(edit.at)) + edit.text + text.slice(at(edit.at));
    }
}

const probesArbitrary = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 });

/** Mutations of one example workspace: a few edits to one or two of its files. */
export function mutationArbitrary(examples: Map<string, FuzzFile[]>): fc.Arbitrary<FuzzCase> {
    const names = [...examples.keys()];
    return fc
        .record({
            example: fc.constantFrom(...names),
            edits: fc.array(fc.record({ file: fc.nat(), edit: editArbitrary }), { minLength: 1, maxLength: 5 }),
            probes: probesArbitrary
        })
        .map(({ example, edits, probes }) => {
            const files = examples.get(example)!.map(file => ({ ...file }));
            for (const { file, edit } of edits) {
                const target = files[file % files.length];
                if (!target) continue; // an example has files, so the modulo always picks one
                target.text = applyEdit(target.text, edit);
            }
            const changed = [...new Set(edits.flatMap(({ file }) => files[file % files.length]?.name ?? []))];
            return { origin: `mutation of examples/${example} (${changed.join(', ')}): ${JSON.stringify(edits)}`, files, probes, changed };
        });
}

const CONNECTION =
    'connection C {\n    connector "Microsoft Dataverse"\n    url "https://make.powerautomate.com/environments/Default-1/connections?apiName=shared_commondataserviceforapps&connectionName=c"\n}\n';

/** Splitters nested `depth` deep, each with a step in its branch. */
export function nestedSplitters(depth: number): string {
    let body = '    step "Leaf" : "Validate Order Header" {\n        input events "New order"\n    }\n';
    for (let level = depth; level > 0; level--) {
        body = `splitter "S${level}" {\n    branch "B${level}" {\n${indent(body)}    }\n}\n`;
    }
    return `journey "Deep" {\n${indent(body)}}\n`;
}

/** Rule groups nested `depth` deep. */
export function nestedGroups(depth: number): string {
    let body = 'Quantity > 1\n';
    for (let level = depth; level > 0; level--) body = `group ${level % 2 ? 'and' : 'or'} {\n${indent(body)}}\n`;
    return `policy "Deep groups" {\n    type execution\n    criticality critical\n    entity "Order Product"\n    rule R {\n${indent(indent(body))}    }\n}\n`;
}

function indent(text: string): string {
    return text
        .split('\n')
        .map(line => (line ? `    ${line}` : line))
        .join('\n');
}

const unicodeName = fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 0, maxLength: 12 }),
    fc.string({ unit: 'binary', minLength: 0, maxLength: 12 }),
    fc.constantFrom('été', 'e\u0301te\u0301', 'CON', 'nul', '\u202eevil', ' ', '', '\ud83d', '\u0000', '\ufeffBOM', 'a"b', 'a\\b', 'line\nbreak')
);

/** Pathological generated workspaces: nesting, size, duplicates, unicode. */
export function pathologicalArbitrary(options: CaseOptions): fc.Arbitrary<FuzzCase> {
    const depth = fc.integer({ min: 1, max: Math.max(1, options.maxDepth) });
    return fc.oneof(
        fc.record({ depth, probes: probesArbitrary }).map(({ depth: d, probes }) => ({
            origin: `nested splitters, depth ${d}`,
            files: [{ name: 'deep.iom', text: nestedSplitters(d) }],
            probes
        })),
        fc.record({ depth, probes: probesArbitrary }).map(({ depth: d, probes }) => ({
            origin: `nested rule groups, depth ${d}`,
            files: [{ name: 'deep.iom', text: nestedGroups(d) }],
            probes
        })),
        fc.record({ count: fc.integer({ min: 1, max: 1500 }), probes: probesArbitrary }).map(({ count, probes }) => ({
            origin: `${count} events`,
            probes,
            files: [
                { name: 'many.iom', text: Array.from({ length: count }, (_, i) => `event "E${i}" {\n    description "Event ${i}."\n}\n`).join('') }
            ]
        })),
        fc.record({ count: fc.integer({ min: 2, max: 400 }), probes: probesArbitrary }).map(({ count, probes }) => ({
            origin: `${count} duplicate events`,
            probes,
            files: [{ name: 'dupes.iom', text: 'event Same {\n}\n'.repeat(count) }]
        })),
        fc.record({ names: fc.array(unicodeName, { minLength: 1, maxLength: 6 }), probes: probesArbitrary }).map(({ names, probes }) => ({
            origin: `unicode names ${JSON.stringify(names)}`,
            probes,
            files: [
                {
                    name: 'unicode.iom',
                    text:
                        CONNECTION +
                        names
                            .map(
                                name =>
                                    `event ${JSON.stringify(name)} {\n    description ${JSON.stringify(name)}\n}\n` +
                                    `policy ${JSON.stringify(name)} {\n    type filter\n    entity Order\n    rule ${JSON.stringify(name)} {\n        Name = ${JSON.stringify(name)}\n    }\n}\n`
                            )
                            .join('')
                }
            ]
        })),
        fc.record({ text: fc.string({ unit: 'binary', maxLength: 300 }), probes: probesArbitrary }).map(({ text, probes }) => ({
            origin: 'random text',
            files: [{ name: 'random.iom', text }],
            probes
        }))
    );
}

/** Every kind of case: mostly mutations of the examples, some pathological inputs. */
export function caseArbitrary(examples: Map<string, FuzzFile[]>, options: CaseOptions): fc.Arbitrary<FuzzCase> {
    return fc.oneof({ arbitrary: mutationArbitrary(examples), weight: 4 }, { arbitrary: pathologicalArbitrary(options), weight: 1 });
}

/** A case as text for a report: its origin and its files (long files cut in the middle). */
export function describeCase(fuzzCase: FuzzCase): string {
    const show = (text: string) =>
        text.length <= 4000 ? text : `${text.slice(0, 2000)}\n[… ${text.length - 4000} characters …]\n${text.slice(-2000)}`;
    return [
        `origin: ${fuzzCase.origin}`,
        `probes: ${JSON.stringify(fuzzCase.probes)}`,
        ...fuzzCase.files
            .filter(file => !fuzzCase.changed || fuzzCase.changed.includes(file.name))
            .map(file => `--- ${file.name} (${file.text.length} characters)\n${show(file.text)}`)
    ].join('\n');
}
