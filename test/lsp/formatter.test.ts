import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectFormatting, parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { formatDocumentText } from '../../language/lsp/iom-formatter.js';
import { createLspTestServices, repositoryRoot } from './helpers.js';

const services = await createLspTestServices();
const format = expectFormatting(services.Iom);
const parse = parseHelper(services.Iom);

async function formatted(text: string, options = { tabSize: 4, insertSpaces: true }): Promise<string | undefined> {
    return formatDocumentText(await parse(text), services.Iom, options);
}

describe('formatter', () => {
    const examples = fs
        .readdirSync(path.join(repositoryRoot, 'examples'), { recursive: true })
        .map(String)
        .filter(file => file.endsWith('.iom'))
        .sort();

    test.each(examples)('the example %s is byte-stable', async file => {
        const text = fs.readFileSync(path.join(repositoryRoot, 'examples', file), 'utf8');
        expect(await formatted(text)).toBe(text);
    });

    test('there are examples to check', () => {
        expect(examples.length).toBeGreaterThanOrEqual(10);
    });
});

describe('formatter: layout', () => {
    // Each case: the text as typed (`before`) and what formatting makes of it (`after`).
    const cases: Array<{ name: string; before: string; after: string }> = [
        {
            name: 'entity extensions, states and transitions: one member or row per line',
            before: 'extend entity Order{field "Tier":text{column contoso_tier}state "A"{reason R timeline position 2}state B}\ntransition on E{from A,B to C reason R\nfrom D to C}',
            after: [
                'extend entity Order {',
                '    field "Tier" : text { column contoso_tier }',
                '    state "A" {',
                '        reason R',
                '        timeline position 2',
                '    }',
                '    state B',
                '}',
                'transition on E {',
                '    from A, B to C reason R',
                '    from D to C',
                '}',
                ''
            ].join('\n')
        },
        {
            name: 'email templates and provider actions: one setting or placeholder per line',
            before: 'email template "Backorder notice"{entity Order placeholder P1="Order Number"   placeholder P2 = "Ship to Country/Region" subject "Order {{P1}}" body "To {{P2}}"}\nprovider definition X{logical name contoso_X logic A{type provider action entity Order raises E ,  F}}',
            after: [
                'email template "Backorder notice" {',
                '    entity Order',
                '    placeholder P1 = "Order Number"',
                '    placeholder P2 = "Ship to Country/Region"',
                '    subject "Order {{P1}}"',
                '    body "To {{P2}}"',
                '}',
                'provider definition X {',
                '    logical name contoso_X',
                '    logic A {',
                '        type provider action',
                '        entity Order',
                '        raises E, F',
                '    }',
                '}',
                ''
            ].join('\n')
        },
        {
            name: 'one setting per line, indented by block, one space between tokens, no space before commas',
            before: 'journey J{published step "a":Custom{action type X input events A ,B   output events C}}',
            after: [
                'journey J {',
                '    published',
                '    step "a" : Custom {',
                '        action type X',
                '        input events A, B',
                '        output events C',
                '    }',
                '}',
                ''
            ].join('\n')
        },
        {
            name: 'blank lines between declarations and settings are kept (at most one); none after { or before }',
            before: 'connector A\n\n\n\nconnector B\nconnector C\njourney J {\n\n    published\n\n\n    description "d"\n\n}\n',
            after: 'connector A\n\nconnector B\nconnector C\njourney J {\n    published\n\n    description "d"\n}\n'
        },
        {
            name: 'conditions, splitters, paths and branches nest',
            before: 'journey J {\ncondition merge C {\nyes {\nstep a : Custom {\n}\n}\nno {\n}\n}\nsplitter S {\nbranch "B 1" {\nstep b : Custom {\n}\n}\n}\n}',
            after: [
                'journey J {',
                '    condition merge C {',
                '        yes {',
                '            step a : Custom {',
                '            }',
                '        }',
                '        no {',
                '        }',
                '    }',
                '    splitter S {',
                '        branch "B 1" {',
                '            step b : Custom {',
                '            }',
                '        }',
                '    }',
                '}',
                ''
            ].join('\n')
        },
        {
            name: 'policies: rules, groups, related blocks, operators and set rows',
            before: 'policy P {\ntype execution entity Order\nrule R {\n"Ship to City"   contains   data\ngroup or { A = 1\nB >= 2 }\nrelated "Order products" {\nQuantity does not contain data\n}\nset Company = "C"\n}\n}',
            after: [
                'policy P {',
                '    type execution',
                '    entity Order',
                '    rule R {',
                '        "Ship to City" contains data',
                '        group or {',
                '            A = 1',
                '            B >= 2',
                '        }',
                '        related "Order products" {',
                '            Quantity does not contain data',
                '        }',
                '        set Company = "C"',
                '    }',
                '}',
                ''
            ].join('\n')
        },
        {
            name: 'a block written on one line with one setting stays on one line; bind … to … lines',
            before: 'provider definition D {\n  connection reference "X"   {  connector "Y"  }\n  parameter p { type Text required }\n  parameter q {}\n}\nplatform {\nbind "A"   to   B\nactivated }',
            after: 'provider definition D {\n    connection reference "X" { connector "Y" }\n    parameter p {\n        type Text\n        required\n    }\n    parameter q {}\n}\nplatform {\n    bind "A" to B\n    activated\n}\n'
        },
        {
            name: 'the block of a top-level declaration always takes several lines',
            before: 'connector X { description "d" }',
            after: 'connector X {\n    description "d"\n}\n'
        }
    ];

    test.each(cases)('$name', async ({ before, after }) => {
        await format({ before, after });
    });

    test('text blocks are left untouched', async () => {
        const block = '"""\n  let\n      x = 1\n   in x\n"""';
        await format({
            before: `provider definition D {\ntransformation T {\nquery ${block}\n}\n}`,
            after: `provider definition D {\n    transformation T {\n        query ${block}\n    }\n}\n`
        });
    });

    test('honours the tab size and tabs', async () => {
        const before = 'journey J {\nstep a : Custom {\ndescription "d"\n}\n}';
        expect(await formatted(before, { tabSize: 2, insertSpaces: true })).toBe('journey J {\n  step a : Custom {\n    description "d"\n  }\n}\n');
        expect(await formatted(before, { tabSize: 4, insertSpaces: false })).toBe('journey J {\n\tstep a : Custom {\n\t\tdescription "d"\n\t}\n}\n');
    });

    test('keeps Windows line ends', async () => {
        expect(await formatted('journey J {\r\n  published\r\n\r\n\r\n  description "d" }')).toBe(
            'journey J {\r\n    published\r\n\r\n    description "d"\r\n}\r\n'
        );
    });

    test('a document with syntax errors is not formatted', async () => {
        expect(await formatted('journey J {\n  step a : {\n')).toBeUndefined();
    });
});

describe('formatter: comments stay in place in every construct', () => {
    // A condition typed with every line two spaces in, whatever its depth: each line and the depth it is indented to.
    const conditionBlock: Array<[line: string, depth: number]> = [
        ['condition C { // c', 1],
        ['yes { /* empty */ }', 2],
        ['no {', 2],
        ['// nothing', 3],
        ['}', 2],
        ['}', 1]
    ];
    const messy = [
        '  // file header',
        '',
        '',
        '/** Doc of J. */',
        'journey J { // after brace',
        '  published   // trailing',
        '      // own line before a step',
        'step "a" : Custom {',
        '  /* block */ action type X',
        '  input events A, // after comma',
        '     B',
        'provider P // between provider and action',
        'action Q',
        '       /**',
        '        * A doc comment',
        '        * on several lines.',
        '        */',
        '  description "d" /* inline */ ',
        '  // last in block',
        '}',
        ...conditionBlock.map(([line]) => `  ${line}`),
        '}',
        '// between declarations',
        'policy P { rule R { A = 1 // row',
        ' group or { // group',
        ' B = 2 } } }',
        '// end of file'
    ].join('\n');

    const expected = [
        '// file header',
        '',
        '/** Doc of J. */',
        'journey J { // after brace',
        '    published // trailing',
        '    // own line before a step',
        '    step "a" : Custom {',
        '        /* block */ action type X',
        '        input events A, // after comma',
        '            B',
        '        provider P // between provider and action',
        '            action Q',
        '        /**',
        '         * A doc comment',
        '         * on several lines.',
        '         */',
        '        description "d" /* inline */',
        '        // last in block',
        '    }',
        ...conditionBlock.map(([line, depth]) => `${'    '.repeat(depth)}${line}`),
        '}',
        '// between declarations',
        'policy P {',
        '    rule R {',
        '        A = 1 // row',
        '        group or { // group',
        '            B = 2',
        '        }',
        '    }',
        '}',
        '// end of file',
        ''
    ].join('\n');

    test('formats around comments without gluing or dropping any', async () => {
        const result = await formatted(messy);
        expect(result).toBe(expected);
        const comments = (text: string) => text.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g)!.map(c => c.replace(/\s+/g, ' '));
        expect(comments(result!)).toEqual(comments(messy));
    });

    test('is idempotent', async () => {
        expect(await formatted(expected)).toBe(expected);
    });
});

describe('formatter: range and on-type formatting', () => {
    test('range formatting changes only the lines of the range', async () => {
        await format({
            before: 'journey J {\nstep a : Custom {\n      description "d"\n   }\n}',
            after: 'journey J {\n    step a : Custom {\n        description "d"\n   }\n}',
            range: { start: { line: 1, character: 0 }, end: { line: 2, character: 21 } }
        });
    });

    test('typing } re-indents the closing line', async () => {
        const document = await parse('journey J {\n    step a : Custom {\n        description "d"\n        }\n}');
        const edits = await services.Iom.lsp.Formatter!.formatDocumentOnType(document, {
            textDocument: { uri: document.uri.toString() },
            position: { line: 3, character: 9 },
            ch: '}',
            options: { tabSize: 4, insertSpaces: true }
        });
        expect(edits).toEqual([{ range: { start: { line: 2, character: 23 }, end: { line: 3, character: 8 } }, newText: '\n    ' }]);
        expect(services.Iom.lsp.Formatter!.formatOnTypeOptions?.firstTriggerCharacter).toBe('}');
    });

    test('after a line break, the finished line is formatted; half-typed code is left alone', async () => {
        const onType = async (text: string, line: number) => {
            const document = await parse(text);
            return services.Iom.lsp.Formatter!.formatDocumentOnType(document, {
                textDocument: { uri: document.uri.toString() },
                position: { line, character: 4 },
                ch: '\n',
                options: { tabSize: 4, insertSpaces: true }
            });
        };
        expect(await onType('journey J {\n  published   \n    \n}', 2)).toEqual([
            { range: { start: { line: 0, character: 11 }, end: { line: 1, character: 2 } }, newText: '\n    ' }
        ]);
        expect(await onType('journey J {\n  step a : Custom {\n    \n}', 2)).toEqual([]);
    });
});

describe('formatter: properties over the examples and the built-in catalog', () => {
    const sources = () => [
        ...fs
            .readdirSync(path.join(repositoryRoot, 'examples'), { recursive: true })
            .map(String)
            .filter(file => file.endsWith('.iom'))
            .map(file => ({ name: `examples/${file}`, text: fs.readFileSync(path.join(repositoryRoot, 'examples', file), 'utf8') })),
        ...services.builtins.map(document => ({ name: document.uri.toString(), text: document.textDocument.getText() }))
    ];
    const serializer = services.Iom.serializer.JsonSerializer;
    // The tree with its comments; a doc comment's continuation lines move with it, so its whitespace is normalized.
    const astOf = async (text: string) =>
        serializer
            .serialize((await parse(text)).parseResult.value, { comments: true })
            .replace(/"\$comment":"((?:\\.|[^"\\])*)"/g, (_, comment: string) => `"$comment":"${comment.replace(/(\\[nt]|\s)+/g, ' ')}"`);

    test('formatting keeps the syntax tree and the comments, and is idempotent, with any indentation', async () => {
        for (const { name, text } of sources()) {
            for (const options of [
                { tabSize: 4, insertSpaces: true },
                { tabSize: 2, insertSpaces: true },
                { tabSize: 4, insertSpaces: false }
            ]) {
                const once = (await formatted(text, options))!;
                expect(once, name).toBeDefined();
                expect(await formatted(once, options), `${name} idempotent`).toBe(once);
                expect(await astOf(once), `${name} same tree`).toBe(await astOf(text));
            }
        }
    });

    test('re-indenting with tabs and back restores the examples byte for byte', async () => {
        for (const { name, text } of sources().filter(source => source.name.startsWith('examples/'))) {
            const tabs = (await formatted(text, { tabSize: 4, insertSpaces: false }))!;
            expect(await formatted(tabs, { tabSize: 4, insertSpaces: true }), name).toBe(text);
        }
    });

    test('code squeezed onto few lines comes back to the same tree', async () => {
        for (const { name, text } of sources()) {
            // Remove every line break that is not needed (outside strings, text blocks and comments).
            const squeezed = text.replace(
                /("""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)|\s*\n\s*/g,
                (match, kept: string | undefined) => kept ?? ' '
            );
            const result = (await formatted(squeezed))!;
            expect(result, name).toBeDefined();
            expect(await astOf(result), name).toBe(await astOf(text));
            expect(await formatted(result), `${name} idempotent`).toBe(result);
        }
    });
});
