import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadWorkspace } from '../../host/load-workspace.js';
import { copyToTemp, createTestServices, describeDiagnostics, exampleNames, examplesFolder } from '../helpers/language-services.js';
import { firstItems, itemAt } from '../helpers/items.js';

const services = await createTestServices();

/** Validates one document; its diagnostics as `line:col CODE message`. */
async function validateSource(text: string) {
    const document = await services.validate(text);
    return { document, diagnostics: describeDiagnostics(document) };
}

describe('the examples', () => {
    test.each(exampleNames)('%s loads with zero diagnostics', async name => {
        const workspace = await loadWorkspace(path.join(examplesFolder, name));
        expect(workspace.documents.length).toBeGreaterThan(2);
        expect(workspace.diagnostics.map(({ uri, diagnostic }) => `${path.basename(uri.fsPath)} ${diagnostic.code} ${diagnostic.message}`)).toEqual(
            []
        );
    });

    // A misspelled event, policy or provider in any example yields one diagnostic at the right place.
    // [example, file, text around the reference, the reference in it, kind]
    const misspellings: Array<[string, string, string, string, string]> = [
        ['seed', 'journeys.iom', 'input events "New Order"', '"New Order"', 'business event'],
        ['seed', 'journeys.iom', 'provider DOM action', 'DOM', 'provider'],
        ['quickstart-lab', 'journeys.iom', '"Fulfillment filter policy - Chicago"', '"Fulfillment filter policy - Chicago"', 'policy'],
        [
            'quickstart-lab',
            'journeys.iom',
            'input events "Validation of Order Header has Succeeded"',
            '"Validation of Order Header has Succeeded"',
            'business event'
        ],
        ['splitter-merge', 'journeys.iom', '"Filter Policy – Orderful"', '"Filter Policy – Orderful"', 'policy'],
        ['splitter-merge', 'providers.iom', 'from Orderful', 'Orderful', 'provider definition']
    ];
    test.each(misspellings)(
        '%s: a misspelled reference in %s (%s) is reported once, where it is',
        async (example, file, context, reference, kind) => {
            const folder = copyToTemp(path.join(examplesFolder, example));
            const filePath = path.join(folder, file);
            const text = fs.readFileSync(filePath, 'utf8');
            expect(text.indexOf(context)).toBeGreaterThanOrEqual(0);
            const at = text.indexOf(context) + context.indexOf(reference);
            // Misspell the name: inside the quotes, or at the start of the identifier.
            const nameStart = reference.startsWith('"') ? at + 1 : at;
            const misspelled = text.slice(0, nameStart) + 'Xx' + text.slice(nameStart);
            fs.writeFileSync(filePath, misspelled);
            const workspace = await loadWorkspace(folder);
            const diagnostics = workspace.diagnostics.filter(({ diagnostic }) => diagnostic.severity === 1);
            expect(diagnostics).toHaveLength(1);
            const { uri, diagnostic } = itemAt(diagnostics, 0);
            expect(uri.fsPath).toBe(filePath);
            const document = workspace.documents.find(d => d.uri.fsPath === filePath)!;
            expect(diagnostic.code).toBe('IOM1001');
            expect(diagnostic.message).toContain(`Cannot find ${kind} '`);
            const offset = document.textDocument.offsetAt(diagnostic.range.start);
            const end = document.textDocument.offsetAt(diagnostic.range.end);
            expect(offset).toBe(at);
            expect(misspelled.slice(offset, end)).toMatch(/^"?Xx/);
            fs.rmSync(folder, { recursive: true, force: true });
        }
    );
});

describe('references', () => {
    test('an unresolved reference is reported at the exact range of the name, with the name', async () => {
        const text = 'journey J {\n    step "S" : "Validate Order Header" {\n        input events "New Order", "No Such Event"\n    }\n}\n';
        const document = await services.validate(text);
        const unresolved = document.diagnostics!.filter(d => d.code === 'IOM1001');
        expect(unresolved).toHaveLength(1);
        expect(unresolved[0]?.message).toMatch(/^Cannot find business event 'No Such Event'\./);
        expect(unresolved[0]?.range).toEqual({ start: { line: 2, character: 34 }, end: { line: 2, character: 49 } });
    });

    test('declarations are visible from every file of the workspace', async () => {
        const [, journeys] = firstItems(
            await services.validateAll({
                'policies.iom':
                    'policy "Only US" { type filter criticality information entity Order published rule R { "Ship to Country/Region" = "US" } }',
                'journeys.iom': 'journey J { step "S" : "Validate Order Header" { input events "New Order" filter policies "Only US" } }'
            }),
            2
        );
        expect(describeDiagnostics(journeys).filter(d => d.includes('IOM1001'))).toEqual([]);
    });

    test('built-in items resolve by their IOM names and aliases', async () => {
        const document = await services.validate(
            'allow "New order" as input of "Fulfillment Determination"\nallow "New Order" as input of "Order Validation"'
        );
        expect(describeDiagnostics(document).filter(d => d.includes('IOM1001'))).toEqual([]);
        const [first, second] = firstItems(document.parseResult.value.elements as Array<{ events: Array<{ ref?: unknown }> }>, 2);
        expect(itemAt(first.events, 0).ref).toBeDefined();
        expect(itemAt(first.events, 0).ref).toBe(itemAt(second.events, 0).ref);
    });

    test("members resolve only within their owner: a provider's actions, an entity's fields", async () => {
        const document = await services.validate(`
            connection D { connector "Microsoft Dataverse" url "https://x" }
            provider DOM from "Dynamics 365 Distributed Order Management" { bind "Dynamics 365 Distributed Order Management Dataverse (current environment) Connection" to D activated }
            policy P { type filter entity Order rule R { Quantity > 1 } }
            journey J { step S : "Send to DOM" { input events "New Order" provider DOM action "Calculate Tax" } }`);
        const unresolved = describeDiagnostics(document).filter(d => d.includes('IOM1001'));
        expect(unresolved).toEqual([
            expect.stringContaining("Cannot find field 'Quantity' in entity 'Order'."),
            expect.stringContaining("Cannot find provider action 'Calculate Tax' in provider definition 'Dynamics 365 Distributed Order Management'.")
        ]);
    });

    test('fields inside a related-entity block resolve against the related entity', async () => {
        const document = await services.validate(`
            policy P { type filter entity "Order product" rule R { related Order { "Ship to Country/Region" = "US" Quantity > 1 } } }`);
        expect(describeDiagnostics(document).filter(d => d.includes('IOM1001'))).toEqual([
            expect.stringContaining("Cannot find field 'Quantity' in entity 'Order'.")
        ]);
    });
});

describe('error recovery', () => {
    test('a syntax error gives a clear coded message and the rest of the file still links', async () => {
        const { document, diagnostics } = await validateSource(`connection A { connector "Microsoft Dataverse" url "https://x" }
journey Broken { step "S" : "Validate Order Header" { input events } }
policy P { type filter entity Order rule R { Nope = 1 } }`);
        expect(diagnostics.some(d => /^2:\d+ IOM0002 /.test(d))).toBe(true);
        // The policy after the broken journey was parsed and linked: its unknown field is reported.
        expect(diagnostics).toContainEqual(expect.stringMatching(/^3:\d+ IOM1001 Cannot find field 'Nope'/));
        expect(document.parseResult.value.elements.map(e => e.$type)).toEqual(['Connection', 'Journey', 'Policy']);
    });

    test("syntax errors are one line in the language's terms", async () => {
        const { diagnostics } = await validateSource(`policy P {
    type filtr
}
journey J { step S : Custom { input events } }
connectio X`);
        expect(diagnostics.filter(d => d.includes('IOM0002'))).toEqual([
            "2:10 IOM0002 Expected 'filter' or 'execution' but found 'filtr'.",
            "4:44 IOM0002 Expected a name or a quoted string but found '}'.",
            "5:1 IOM0002 Expected a declaration (connection, connector, platform, provider, event, action type, allow, policy, journey) but found 'connectio'. Did you mean 'connection'?"
        ]);
    });

    test('a declaration with a syntax error in it is not also reported as incomplete', async () => {
        const { diagnostics } = await validateSource(`policy Broken {
    type filtr
    criticality information
    entity Order
}
policy Untyped {
    criticality information
    entity Order
}`);
        // The broken policy gets the syntax error only; the complete but untyped one is still checked.
        expect(diagnostics.filter(d => d.startsWith('1:') || d.startsWith('2:'))).toEqual([
            "2:10 IOM0002 Expected 'filter' or 'execution' but found 'filtr'."
        ]);
        expect(diagnostics).toContainEqual(expect.stringMatching(/^6:8 IOM5001 /));
    });

    test('an unrecognised character is reported with its own code', async () => {
        const document = await services.validate('connection A { connector "Microsoft Dataverse" url "https://x" } @');
        expect(describeDiagnostics(document)).toContainEqual(expect.stringMatching(/^1:\d+ IOM0001 /));
    });
});

describe('entity extensions and the state framework', () => {
    test("states and custom columns added by extend entity in another file resolve like the entity's own", async () => {
        const [, uses] = firstItems(
            await services.validateAll({
                'entities.iom':
                    'extend entity Order {\n    field "Loyalty tier" : choice { values "Gold", "Silver" }\n    state "Awaiting stock" { reason "Waiting for stock" }\n}',
                'uses.iom': [
                    'event "Stock missing" { entity Order }',
                    'transition on "Stock missing" { from New, "On Hold" to "Awaiting stock" reason "Waiting for stock" }',
                    'policy Gold { type filter criticality information entity Order published rule R { "Loyalty tier" = "Gold" } }'
                ].join('\n')
            }),
            2
        );
        expect(describeDiagnostics(uses)).toEqual([]);
        const elements = uses.parseResult.value.elements as unknown as Array<{
            $type: string;
            rows?: Array<{
                sources: Array<{ ref?: { name: string; $container: { $type: string } } }>;
                target: { ref?: { name: string; $container: { $type: string } } };
                reason?: { ref?: { name: string } };
            }>;
        }>;
        const row = itemAt(elements.find(e => e.$type === 'StateTransition')!.rows!, 0);
        expect(row.sources.map(source => [source.ref?.name, source.ref?.$container.$type])).toEqual([
            ['New', 'Entity'],
            ['On Hold', 'Entity']
        ]);
        expect([row.target.ref?.name, row.target.ref?.$container.$type]).toEqual(['Awaiting stock', 'EntityExtension']);
        expect(row.reason?.ref?.name).toBe('Waiting for stock');
    });

    test("a state of another entity resolves (to be reported as such), a reason only among the target state's", async () => {
        const { diagnostics } = await validateSource(`entity Return { table contoso_return field Reason : text state Received state Inspected }
event "Return inspected" { entity Return }
transition on "Return inspected" { from Received, "On Hold" to Inspected reason "Backorder Hold" }`);
        const codes = diagnostics.map(d => d.split(' ')[0]);
        expect(diagnostics.find(d => d.includes('IOM4011'))).toContain("State 'On Hold' belongs to Order");
        expect(diagnostics.find(d => d.includes('IOM1001'))).toContain("Cannot find state reason 'Backorder Hold'");
        expect(codes.length).toBeGreaterThan(0);
    });
});
