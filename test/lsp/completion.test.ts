import { expectCompletion, parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { type CompletionItem, InsertTextFormat, type TextEdit } from 'vscode-languageserver';
import { catalog } from '../../language/catalog/catalog.js';
import { expandSnippet } from '../../language/lsp/completion/snippet-text.js';
import { createLspTestServices, withCursor } from './helpers.js';

const services = await createLspTestServices();
const parse = parseHelper(services.Iom);

/** Completion at the `<|>` marker, in the order an editor shows it (by sort text, then label). */
async function complete(textWithCursor: string, extraFiles: Record<string, string> = {}): Promise<CompletionItem[]> {
    // Each completion runs in a workspace of its own: the built-in library, the extra files and the text.
    await services.clearWorkspace();
    await services.addDocuments(extraFiles);
    const { text, offset } = withCursor(textWithCursor);
    const document = await parse(text);
    const list = await services.Iom.lsp.CompletionProvider!.getCompletion(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(offset)
    });
    return (list?.items ?? []).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
}
const labels = (items: CompletionItem[]) => items.map(item => item.label);
const inserted = (item: CompletionItem | undefined) => (item?.textEdit as TextEdit | undefined)?.newText;
const notSnippets = (items: CompletionItem[]) => items.filter(item => item.insertTextFormat !== InsertTextFormat.Snippet);
const tileNames = catalog.tiles.map(tile => tile.name);

const policies = `
policy "Filter A" { type filter entity Order published }
policy "Filter B" { type filter entity Order published }
policy "Exec A" { type execution entity Order published }
`;

describe('completion: keywords', () => {
    test('an empty file proposes exactly the declarations that may start a file', async () => {
        const items = notSnippets(await complete('<|>'));
        expect(labels(items).sort()).toEqual([
            'action',
            'allow',
            'connection',
            'connector',
            'email',
            'entity',
            'environment',
            'event',
            'extend',
            'id',
            'journey',
            'mapping',
            'platform',
            'policy',
            'provider',
            'test',
            'tile',
            'transition'
        ]);
    });

    test('a reference as the first thing in a file (langium#1601)', async () => {
        expect(labels(await complete('allow <|>'))).toContain('New Order');
    });

    test('every item has a detail and documentation', async () => {
        for (const text of [
            '<|>',
            'journey J {\n    <|>\n}',
            'journey J {\n    step "s" : <|>\n}',
            'policy P {\n    entity Order\n    rule R {\n        <|>\n    }\n}',
            'policy P {\n    entity Order\n    rule R {\n        Customer <|>\n    }\n}',
            'policy P {\n    entity Order\n    rule R {\n        "Status Reason" = <|>\n    }\n}',
            'journey J {\n    step "s" : "Validate Order Header" {\n        input events <|>\n    }\n}'
        ]) {
            const items = await complete(text);
            expect(items.length).toBeGreaterThan(0);
            for (const item of items) {
                expect(item.detail, item.label).toBeTruthy();
                expect(item.documentation, item.label).toBeTruthy();
            }
        }
    });

    test('mid-word: the word typed so far is replaced', async () => {
        const items = await complete('jour<|>');
        const keyword = items.find(item => item.label === 'journey' && item.insertTextFormat !== InsertTextFormat.Snippet);
        expect(keyword).toBeDefined();
        expect((keyword!.textEdit as TextEdit).range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
    });

    test('inside a step: only step settings', async () => {
        const items = notSnippets(await complete('journey J {\n    step "s" : Custom {\n        <|>\n    }\n}'));
        expect(labels(items).sort()).toEqual(['action', 'description', 'email', 'execution', 'filter', 'input', 'output', 'provider']);
    });

    test('inside a journey: settings and journey elements, next to comments', async () => {
        const items = notSnippets(await complete('// a journey\njourney J { // the journey\n    // before\n    <|>\n    // after\n}'));
        expect(labels(items).sort()).toEqual(['condition', 'description', 'orchestration', 'paused', 'published', 'splitter', 'step']);
    });

    test('inside a splitter branch, nested two levels down', async () => {
        const items = notSnippets(await complete('journey J {\n    splitter S {\n        branch B {\n            <|>\n        }\n    }\n}'));
        expect(labels(items).sort()).toEqual(['condition', 'splitter', 'step']);
    });

    test("with langium/test expectCompletion: a provider instance's settings", async () => {
        await expectCompletion(services.Iom)({
            text: 'provider X from BigCommerce {\n    <|>\n}',
            index: 0,
            expectedItems: ['bind', 'parameter', 'mapping', 'description', 'activated'],
            disposeAfterCheck: true
        });
    });

    test('policy type and criticality values are the keywords of the grammar', async () => {
        expect(labels(await complete('policy P {\n    type <|>\n}')).sort()).toEqual(['execution', 'filter']);
        expect(labels(await complete('policy P {\n    criticality <|>\n}')).sort()).toEqual(['critical', 'information']);
    });
});

describe('completion: half-typed code', () => {
    test('after a partial line at the end of an unfinished file', async () => {
        expect(labels(await complete('journey J {\n    step "s" : Custom {\n        input <|>')).sort()).toEqual(['event', 'events']);
        expect(labels(await complete('journey J {\n    step "s" : Custom {\n        input events <|>'))).toContain('New Order');
        expect(labels(await complete('journey J {\n    step "s" :<|>'))).toContain('Custom');
    });

    test('the rest of an operator phrase', async () => {
        expect(labels(await complete('policy P {\n    entity Order\n    rule R {\n        "Order Number" contains <|>'))).toEqual(['data']);
        expect(labels(await complete('policy P {\n    entity Order\n    rule R {\n        "Order Number" does <|>'))).toEqual(['not']);
    });

    test('a name typed without quotes is replaced by the quoted name', async () => {
        const items = await complete('journey J {\n    step "s" : Custom {\n        input events New<|>\n    }\n}');
        const item = items.find(i => i.label === 'New Order')!;
        expect(inserted(item)).toBe('"New Order"');
        expect((item.textEdit as TextEdit).range).toEqual({ start: { line: 2, character: 21 }, end: { line: 2, character: 24 } });
    });

    test('an auto-inserted closing quote is replaced too', async () => {
        const items = await complete('journey J {\n    step "s" : Custom {\n        input events "New<|>"\n    }\n}');
        const item = items.find(i => i.label === 'New Order')!;
        expect((item.textEdit as TextEdit).range).toEqual({ start: { line: 2, character: 21 }, end: { line: 2, character: 26 } });
    });

    test('after a block comment and a line comment', async () => {
        expect(labels(notSnippets(await complete('/* c */ <|>')))).toContain('journey');
        expect(labels(notSnippets(await complete('journey J { // c\n  <|>\n}')))).toContain('step');
    });

    test("members of the provider's definition in its bindings and parameters", async () => {
        expect(labels(await complete('provider X from BigCommerce {\n    bind <|>\n}')).sort()).toEqual([
            'BigCommerce Common Data Service Connection',
            'BigCommerce connection'
        ]);
        expect(labels(await complete('provider X from BigCommerce {\n    parameter <|>\n}'))).toEqual(['BigCommerce store hash']);
    });
});

describe('completion: references', () => {
    test('tiles after `step "name" :`, quoted when needed', async () => {
        const items = await complete('journey J {\n    step "s" : <|>\n}');
        expect(labels(items).sort()).toEqual([...tileNames].sort());
        expect(inserted(items.find(item => item.label === 'Custom'))).toBe('Custom');
        expect(inserted(items.find(item => item.label === 'Send to DOM'))).toBe('"Send to DOM"');
        expect(items.find(item => item.label === 'Send to DOM')?.detail).toBe('built-in tile');
    });

    test('after a typed opening quote, the quote is replaced too', async () => {
        const items = await complete('journey J {\n    step "s" : "Send<|>\n}');
        const item = items.find(i => i.label === 'Send to DOM')!;
        expect(inserted(item)).toBe('"Send to DOM"');
        expect((item.textEdit as TextEdit).range.start).toEqual({ line: 1, character: 15 });
    });

    test('only filter policies after `filter policies`, only execution policies after `execution policies`', async () => {
        const filter = await complete(`journey J {\n    step "s" : Custom {\n        filter policies <|>\n    }\n}\n${policies}`);
        expect(labels(filter).sort()).toEqual(['Filter A', 'Filter B']);
        const execution = await complete(`journey J {\n    step "s" : Custom {\n        execution policies <|>\n    }\n}\n${policies}`);
        expect(labels(execution)).toEqual(['Exec A']);
        const afterComma = await complete(`journey J {\n    step "s" : Custom {\n        filter policies "Filter A", <|>\n    }\n}\n${policies}`);
        expect(labels(afterComma)).toEqual(['Filter B']);
        const retyping = await complete(
            `journey J {\n    step "s" : Custom {\n        filter policies "Filter A", "Filter B<|>"\n    }\n}\n${policies}`
        );
        expect(labels(retyping)).toEqual(['Filter B']);
    });

    test('published policies first; unpublished ones say so', async () => {
        const items = await complete(
            `journey J {\n    step "s" : Custom {\n        filter policies <|>\n    }\n}\n${policies}\npolicy Draft { type filter entity Order }`
        );
        expect(labels(items)).toEqual(['Filter A', 'Filter B', 'Draft']);
        expect(items.map(item => item.detail)).toEqual([
            'filter policy on Order',
            'filter policy on Order',
            'filter policy on Order (not published)'
        ]);
    });

    test("input events: the events allowed for the tile's action type come first", async () => {
        const items = await complete('journey J {\n    step "s" : "Validate Order Header" {\n        input events <|>\n    }\n}');
        expect(items[0]?.label).toBe('New Order');
        expect(items[0]?.detail).toContain('allowed input of Order Validation');
        expect(
            items.slice(1).every(item => !item.detail!.includes('allowed input of Order Validation') || item.detail!.includes('not an allowed'))
        ).toBe(true);
        // Aliases ("New order") resolve but are not proposed twice.
        expect(labels(items).filter(label => label.toLowerCase() === 'new order')).toEqual(['New Order']);
    });

    test("input events: the step's own action type wins, and `allow` declarations in other files count", async () => {
        const items = await complete(
            'journey J {\n    step "s" : Custom {\n        action type "Fulfillment Determination"\n        input events <|>\n    }\n}',
            { 'inputs.iom': 'allow "On Hand Check Success" as input of "Fulfillment Determination"' }
        );
        expect(labels(items.filter(item => item.sortText!.startsWith('0')))).toEqual(['On Hand Check Success']);
    });

    test("after `provider X action`: only the provider actions of X's definition", async () => {
        const items = await complete('journey J {\n    step "s" : Custom {\n        provider DOM action <|>\n    }\n}', {
            'providers.iom': 'provider DOM from "Dynamics 365 Distributed Order Management" { }'
        });
        expect(labels(items)).toEqual(['Send Order to Retail DOM']);
        expect(inserted(items[0])).toBe('"Send Order to Retail DOM"');
    });

    test('provider catalog entries after `from`, connectors after `connector`', async () => {
        const providers = await complete('provider X from <|>');
        expect(labels(providers).sort()).toEqual(catalog.providers.map(p => p.name).sort());
        const connectors = await complete('connection C {\n    connector <|>\n}');
        expect(labels(connectors).sort()).toEqual(catalog.connectors.map(c => c.name).sort());
    });

    test("the fields of the policy's entity, with their types; relations after `related`", async () => {
        const items = notSnippets(await complete('policy P {\n    entity "Order Product"\n    rule R {\n        <|>\n    }\n}'));
        const fields = items.filter(item => item.detail?.endsWith('field of Order product'));
        expect(labels(fields)).toContain('Quantity');
        expect(fields.find(item => item.label === 'Quantity')!.detail).toBe('number field of Order product');
        expect(inserted(fields.find(item => item.label === 'Fulfillment Source'))).toBe('"Fulfillment Source"');
        const relations = await complete('policy P {\n    entity Order\n    rule R {\n        related <|>\n    }\n}');
        expect(labels(relations).sort()).toEqual(['Customer', 'Fulfillment orders', 'Order products']);
    });

    test('the fields of the related entity inside `related`', async () => {
        const items = notSnippets(
            await complete('policy P {\n    entity Order\n    rule R {\n        related "Order products" {\n            <|>\n        }\n    }\n}')
        );
        expect(labels(items)).toContain('Quantity');
        expect(labels(items)).not.toContain('Order Number');
    });

    test('fields after `set`', async () => {
        const items = await complete('policy P {\n    type execution\n    entity Order\n    rule R {\n        set <|>\n    }\n}');
        expect(labels(items)).toContain('Company');
    });
});

describe('completion: operators and values', () => {
    test('no ordering operators on a lookup field', async () => {
        const items = await complete('policy P {\n    entity Order\n    rule R {\n        Customer <|>\n    }\n}');
        expect(labels(items).sort()).toEqual(['!=', '=', 'contains data', 'does not contain data']);
        expect(items.find(item => item.label === '!=')!.detail).toBe("operator: Doesn't equal");
    });

    test('no ordering operators on yes/no and choice fields either', async () => {
        const unordered = ['!=', '=', 'contains data', 'does not contain data'];
        expect(labels(await complete('policy P {\n    entity Order\n    rule R {\n        "Is manual" <|>\n    }\n}')).sort()).toEqual(unordered);
        expect(labels(await complete('policy P {\n    entity Order\n    rule R {\n        "Status Reason" <|>\n    }\n}')).sort()).toEqual(unordered);
    });

    test('every operator on a number field, also when the row is followed by others', async () => {
        const items = await complete('policy P {\n    entity "Order Product"\n    rule R {\n        Quantity <|>\n        Amount > 1\n    }\n}');
        expect(labels(items).sort()).toEqual(['!=', '<', '<=', '=', '>', '>=', 'contains data', 'does not contain data']);
    });

    test('the values of a choice field', async () => {
        const items = await complete('policy P {\n    entity Order\n    rule R {\n        "Status Reason" = <|>\n    }\n}');
        const statusReason = catalog.entities.find(e => e.name === 'Order')!.fields.find(f => f.name === 'Status Reason')!;
        expect(labels(items).sort()).toEqual(statusReason.values!.map(v => JSON.stringify(v)).sort());
    });

    test('true and false only for yes/no fields', async () => {
        expect(labels(await complete('policy P {\n    entity Order\n    rule R {\n        "Is manual" = <|>\n    }\n}')).sort()).toEqual([
            'false',
            'true'
        ]);
        expect(labels(await complete('policy P {\n    entity Order\n    rule R {\n        "Order Number" = <|>\n    }\n}'))).toEqual([]);
    });

    test('catalog values for the orchestration type', async () => {
        const items = await complete('journey J {\n    orchestration type <|>\n}');
        expect(labels(items)).toEqual(['"Order orchestration"']);
    });
});

describe('completion: snippets', () => {
    test('a step snippet for each tile of the catalog', async () => {
        const items = (await complete('journey J {\n    <|>\n}')).filter(item => item.insertTextFormat === InsertTextFormat.Snippet);
        expect(labels(items.filter(item => item.label.startsWith('step : '))).sort()).toEqual(tileNames.map(name => `step : ${name}`).sort());
        expect(labels(items)).toEqual(expect.arrayContaining(['condition', 'condition merge', 'splitter', 'splitter merge']));
    });

    test('every snippet has tab stops and expands to code that parses and links', async () => {
        const connections = { 'connections.iom': 'connection Dataverse { connector "Microsoft Dataverse" }' };
        const contexts: Array<[string, (snippet: string) => string]> = [
            ['<|>', snippet => snippet],
            ['journey J {\n    <|>\n}', snippet => `journey J {\n${snippet}\n}`],
            ['policy P {\n    entity Order\n    <|>\n}', snippet => `policy P {\n    entity Order\n${snippet}\n}`]
        ];
        let count = 0;
        for (const [text, wrap] of contexts) {
            const snippets = (await complete(text, connections)).filter(item => item.insertTextFormat === InsertTextFormat.Snippet);
            for (const item of snippets) {
                const body = inserted(item)!;
                expect(body, item.label).toMatch(/\$\{?1/);
                const document = await parse(wrap(expandSnippet(body)));
                const problems = [
                    ...document.parseResult.lexerErrors.map(e => e.message),
                    ...document.parseResult.parserErrors.map(e => e.message),
                    // Unresolved references (linking diagnostics carry the reference text in their data).
                    ...(await services.Iom.validation.DocumentValidator.validateDocument(document))
                        .filter(d => (d.data as { refText?: string } | undefined)?.refText !== undefined)
                        .map(d => d.message)
                ];
                expect(problems, `${item.label}:\n${expandSnippet(body)}`).toEqual([]);
                count++;
            }
        }
        expect(count).toBeGreaterThan(tileNames.length + 4);
    });
});

describe('completion: state framework and extended entities', () => {
    const extension = `extend entity Order {
    field "Loyalty tier" : choice { column contoso_loyaltytier values "Gold", "Silver" }
    state "Awaiting stock" { reason "Waiting for stock" }
}
`;
    test("transition states are the states of the event's entity, out-of-box and added ones", async () => {
        const items = await complete('transition on "On Hand Check Failed" { from <|> }', { 'ext.iom': extension });
        const names = labels(notSnippets(items));
        expect(names).toEqual(expect.arrayContaining(['New', 'In Progress', 'On Hold', 'Awaiting stock']));
        expect(names).not.toContain('Received');
    });

    test('a transition reason is a reason of the target state', async () => {
        const items = await complete('transition on "On Hand Check Failed" { from New to "On Hold" reason <|> }');
        expect(labels(notSnippets(items)).sort()).toEqual([
            'Backorder Hold',
            'Order Line Validation Failed',
            'Order Validation Failed',
            'Preorder Hold'
        ]);
    });

    test('custom columns complete in rules like catalog fields, with their choice values', async () => {
        const rule = (body: string) => `policy P { type execution criticality information entity Order rule R { ${body} } }`;
        expect(labels(notSnippets(await complete(rule('<|>'), { 'ext.iom': extension })))).toContain('Loyalty tier');
        expect(labels(await complete(rule('"Loyalty tier" = <|>'), { 'ext.iom': extension }))).toEqual(
            expect.arrayContaining(['"Gold"', '"Silver"'])
        );
    });
});

describe('completion: email templates and catalog provider actions', () => {
    const template = 'email template "Backorder notice" { entity Order placeholder P1 = "Order Number" subject "{{P1}}" body "b" }\n';

    test("a Send email step offers the catalog templates and the workspace's custom ones", async () => {
        const items = labels(
            await complete('journey J {\n    step S : "Send email" {\n        email template <|>\n    }\n}', { 'templates.iom': template })
        );
        expect(items).toEqual(
            expect.arrayContaining(['Order Confirmation', 'Shipment confirmation', 'Return pick up confirmation', 'Backorder notice'])
        );
    });

    test("a placeholder offers the fields of the template's entity, custom columns included", async () => {
        const items = labels(
            await complete('extend entity Order { field "Loyalty tier" : text }\nemail template T {\n    entity Order\n    placeholder P1 = <|>\n}')
        );
        expect(items).toEqual(expect.arrayContaining(['Order Number', 'Ship to Country/Region', 'Loyalty tier']));
        expect(items).not.toContain('Quantity');
    });

    test('a logic definition offers raises and entity, and raises offers business events', async () => {
        const keywords = labels(await complete('provider definition X {\n    logic A {\n        <|>\n    }\n}'));
        expect(keywords).toEqual(expect.arrayContaining(['raises', 'entity']));
        expect(labels(await complete('provider definition X {\n    logic A { raises <|> }\n}'))).toContain(
            'Fulfillment optimization request succeeded'
        );
    });

    test('the Send email step snippet needs no action type and offers the templates', async () => {
        const items = await complete('journey J {\n    <|>\n}');
        const snippet = items.find(
            item => (item.label === 'step' && String(item.detail ?? '').includes('Send email')) || inserted(item)?.includes(': "Send email"')
        );
        expect(snippet).toBeDefined();
        const text = inserted(snippet) ?? snippet!.insertText ?? '';
        expect(text).not.toContain('action type');
        expect(text).toContain('email template');
    });
});

describe('completion: ID mappings, connector and environment settings, pause and policy versions', () => {
    test("a connection's setting offers its connector's settings", async () => {
        const items = labels(await complete('connection C {\n    connector BigCommerce\n    setting <|>\n}'));
        expect(items).toEqual(expect.arrayContaining(['Connection Name', 'API Key']));
        expect(items).not.toContain('Base Resource URL');
    });

    test("the platform block's setting offers the environment settings", async () => {
        const names = catalog.environmentSettings.map(setting => setting.name);
        expect(names.length).toBeGreaterThanOrEqual(2);
        expect(labels(await complete('platform {\n    setting <|>\n}'))).toEqual(expect.arrayContaining(names));
    });

    test("id mappings offer the mapping groups (the built-in Default mapping group and the workspace's) and the tables", async () => {
        const groups = labels(await complete('id mappings M {\n    mapping group <|>\n}', { 'groups.iom': 'mapping group "West coast"\n' }));
        expect(groups).toEqual(expect.arrayContaining(['Default mapping group', 'West coast']));
        expect(labels(notSnippets(await complete('id mappings M {\n    map <|>\n}')))).toEqual(
            expect.arrayContaining(['account', 'contact', 'product', 'price', 'warehouse', 'currency', 'unit'])
        );
    });

    test('a policy offers version among its settings', async () => {
        expect(labels(notSnippets(await complete('policy P {\n    <|>\n}')))).toContain('version');
    });
});
