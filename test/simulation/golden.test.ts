import { beforeAll, describe, expect, test } from 'vitest';
import { ASSUMPTIONS } from '../../language/simulation/index.js';
import { createSimulator, step } from './helpers.js';
import { itemAt } from '../helpers/items.js';

/**
 * One golden trace per documented behaviour (domain reference 3.3, 3.5, 4.3, 4.4) and per documented choice
 * (docs/simulation.md). Each test also asserts the facts that matter, so a changed golden file is never the only
 * signal. Update the golden files with `npx vitest run test/simulation -u` after checking the difference.
 */
let simulator: Awaited<ReturnType<typeof createSimulator>>;
beforeAll(async () => {
    simulator = await createSimulator();
});

const policy = (name: string, type: 'filter' | 'execution', entity: string, rules: string, criticality = 'information') =>
    `policy "${name}" {\n    type ${type}\n    criticality ${criticality}\n    entity "${entity}"\n    published\n${rules}\n}\n`;

const header = (published = true, name = 'J') =>
    `journey "${name}" {\n    orchestration type "Order orchestration"\n${published ? '    published\n' : ''}`;

describe('journey entry (3.5)', () => {
    test('a published journey whose first step takes the event is entered; an unpublished one and one on another event are not', async () => {
        const { result, text } = await simulator.run(
            {
                'j.iom':
                    `${header(true, 'A')}    step S : "Validate Order Header" { input events "New Order" }\n}\n` +
                    `${header(false, 'B')}    step S : "Validate Order Header" { input events "New Order" }\n}\n` +
                    `${header(true, 'C')}    step S : "Validate Order Line" { input events "Validation of Order Header has Succeeded" }\n}\n`
            },
            { Order: {} }
        );
        expect(result.journeys.map(j => [j.journey, j.entered])).toEqual([
            ['A', true],
            ['B', false],
            ['C', false]
        ]);
        expect(result.journeys[1]?.reason).toContain('Unpublished');
        expect(result.journeys[2]?.reason).toContain('"Validation of Order Header has Succeeded"');
        await expect(text).toMatchFileSnapshot('golden/journey-entry.txt');
    });

    test('several journeys on one event all run, in name order, with an assumption line', async () => {
        const { result, text } = await simulator.run(
            {
                'j.iom':
                    `${header(true, 'Second')}    step S2 : "Validate Order Header" { input events "New Order" }\n}\n` +
                    `${header(true, 'First')}    step S1 : "Validate Order Header" { input events "New Order" }\n}\n`
            },
            { Order: {} }
        );
        expect(result.journeys.map(j => j.journey)).toEqual(['First', 'Second']);
        expect(result.journeys.every(j => j.entered)).toBe(true);
        expect(result.assumptions).toContain('several-journeys');
        await expect(text).toMatchFileSnapshot('golden/several-journeys.txt');
    });
});

describe('filter policies (4.1, 4.3)', () => {
    const files = (rules: string) => ({
        'p.iom': policy('F', 'filter', 'Order', rules),
        'j.iom': `${header()}    step S : "Validate Order Header" { input events "New Order" filter policies F }\n}\n`
    });

    test('each row shows the value it read; the step runs when the policy holds', async () => {
        const { result, text } = await simulator.run(files('    rule R { "Ship to Country/Region" = "US" }'), {
            Order: { 'Ship to Country/Region': 'US' }
        });
        expect(step(result, 'S')?.status).toBe('ran');
        expect(text).toContain('Ship to Country/Region Equals "US": read "US" → true');
        await expect(text).toMatchFileSnapshot('golden/filter-holds.txt');
    });

    test('the step is skipped when the filter fails', async () => {
        const { result, text } = await simulator.run(files('    rule R { "Ship to Country/Region" = "US" }'), {
            Order: { 'Ship to Country/Region': 'CA' }
        });
        expect(step(result, 'S')?.status).toBe('skipped');
        expect(result.journeys[0]?.skipped).toContain(step(result, 'S')!.node);
        await expect(text).toMatchFileSnapshot('golden/filter-fails.txt');
    });

    test('And and Or groups nest; the top level is And', async () => {
        const rules =
            '    rule R {\n        "Ship to City" contains data\n        group or {\n            "Ship to Country/Region" = "US"\n            group and { "Ship to Country/Region" = "CA" "Total Amount" > 100 }\n        }\n    }';
        const pass = await simulator.run(files(rules), { Order: { 'Ship to City': 'Toronto', 'Ship to Country/Region': 'CA', 'Total Amount': 150 } });
        const fail = await simulator.run(files(rules), { Order: { 'Ship to City': 'Toronto', 'Ship to Country/Region': 'CA', 'Total Amount': 50 } });
        expect(step(pass.result, 'S')?.status).toBe('ran');
        expect(step(fail.result, 'S')?.status).toBe('skipped');
        expect(pass.result.assumptions).toContain('top-level-and');
        await expect(pass.text).toMatchFileSnapshot('golden/groups.txt');
    });

    test('rules of one policy: every rule without actions must hold', async () => {
        const rules = '    rule A { "Ship to Country/Region" = "US" }\n    rule B { "Ship to City" contains data }';
        const { result, text } = await simulator.run(files(rules), { Order: { 'Ship to Country/Region': 'US' } });
        expect(step(result, 'S')?.status).toBe('skipped');
        expect(result.assumptions).toContain('rule-combination');
        await expect(text).toMatchFileSnapshot('golden/rule-combination.txt');
    });

    test('a one-to-many related-entity condition holds when any related record satisfies it', async () => {
        const rules = '    rule R { related "Order products" { Quantity > 50 } }';
        const any = await simulator.run(files(rules), { Order: {}, 'Order product': [{ Quantity: 10 }, { Quantity: 60 }] });
        const none = await simulator.run(files(rules), { Order: {}, 'Order product': [{ Quantity: 10 }] });
        expect(step(any.result, 'S')?.status).toBe('ran');
        expect(step(none.result, 'S')?.status).toBe('skipped');
        expect(any.result.assumptions).toContain('related-any');
        await expect(any.text).toMatchFileSnapshot('golden/related-one-to-many.txt');
    });

    test('a many-to-one related-entity condition reads the one related record', async () => {
        const { result, text } = await simulator.run(
            {
                'p.iom': policy('F', 'filter', 'Order product', '    rule R { related Order { "Ship to Country/Region" = "US" } }'),
                'a.iom': 'allow "Validation of Order Header has Succeeded" as input of "Order Line Validation"\n',
                'j.iom': `${header()}    step H : "Validate Order Header" { input events "New Order" }\n    step L : "Validate Order Line" { input events "Validation of Order Header has Succeeded" filter policies F }\n}\n`
            },
            { Order: { 'Ship to Country/Region': 'US' }, 'Order product': [{ Quantity: 1 }] }
        );
        expect(step(result, 'L')?.status).toBe('ran');
        await expect(text).toMatchFileSnapshot('golden/related-many-to-one.txt');
    });

    test('text compares without regard to case; an empty field compares false', async () => {
        const caseless = await simulator.run(files('    rule R { "Ship to Country/Region" = "us" }'), { Order: { 'Ship to Country/Region': 'US' } });
        const empty = await simulator.run(files('    rule R { "Ship to Country/Region" != "US" }'), { Order: {} });
        expect(step(caseless.result, 'S')?.status).toBe('ran');
        expect(caseless.result.assumptions).toContain('text-case');
        expect(step(empty.result, 'S')?.status).toBe('skipped');
        expect(empty.result.assumptions).toContain('empty-values');
        await expect(caseless.text + empty.text).toMatchFileSnapshot('golden/comparisons.txt');
    });
});

describe('execution policies (4.4, 3.5)', () => {
    const journey = (criticality: string, extra = '') => ({
        'p.iom':
            policy('E', 'execution', 'Order', '    rule R { "Ship to Country/Region" = "US" }', criticality) +
            policy(
                'Set',
                'execution',
                'Order product',
                '    rule Big { Quantity >= 100 set "Fulfillment Source" = "Seattle store" }\n    rule Small { Quantity < 100 set "Fulfillment Source" = "Chicago store" }'
            ),
        'j.iom':
            `${header()}    step H : "Validate Order Header" { input events "New Order" execution policies E }\n` +
            `    step L : "Validate Order Line" { input events "Validation of Order Header has Succeeded" execution policies Set }\n${extra}}\n`
    });

    test("Set Value actions write the records of the policy's entity; the values show at the end", async () => {
        const { result, text } = await simulator.run(journey('critical'), {
            Order: { 'Ship to Country/Region': 'US' },
            'Order product': [{ Quantity: 150 }, { Quantity: 5 }]
        });
        expect(result.order.records.filter(r => r.entity === 'Order product').map(r => r.fields['Fulfillment Source'])).toEqual([
            'Seattle store',
            'Chicago store'
        ]);
        expect(text).toContain('Set Fulfillment Source = "Seattle store" on Order product 1 (was (empty))');
        await expect(text).toMatchFileSnapshot('golden/set-values.txt');
    });

    test('a failing Critical policy stops the flow: later steps are skipped, no event is raised', async () => {
        const { result, text } = await simulator.run(journey('critical'), {
            Order: { 'Ship to Country/Region': 'CA' },
            'Order product': [{ Quantity: 150 }]
        });
        expect(result.journeys[0]?.stoppedBy).toMatchObject({ policy: 'E', step: 'H' });
        expect(step(result, 'H')?.status).toBe('failed');
        expect([result.journeys[0]?.visited.length, result.journeys[0]?.skipped.length]).toEqual([1, 1]);
        expect(result.raised.map(e => e.event)).toEqual(['New Order']);
        await expect(text).toMatchFileSnapshot('golden/critical-stop.txt');
    });

    test('a failing Information policy lets the flow continue', async () => {
        const { result, text } = await simulator.run(journey('information'), {
            Order: { 'Ship to Country/Region': 'CA' },
            'Order product': [{ Quantity: 150 }]
        });
        expect(result.journeys[0]?.stoppedBy).toBeNull();
        expect(step(result, 'H')?.status).toBe('ran');
        expect(step(result, 'L')?.status).toBe('ran');
        await expect(text).toMatchFileSnapshot('golden/information-continues.txt');
    });
});

describe('provider actions, conditions, splitters (3.3, 2.4)', () => {
    const files = {
        'c.iom':
            'connection D { connector "Microsoft Dataverse" url "https://make.powerautomate.com/environments/x/connections?apiName=shared_commondataserviceforapps&connectionName=1" }\n' +
            'provider DOM from "Dynamics 365 Distributed Order Management" {\n    bind "Dynamics 365 Distributed Order Management Dataverse (current environment) Connection" to D\n    activated\n}\n' +
            'allow "New Order" as input of "Fulfillment Determination"\n',
        'j.iom':
            `${header()}    step "Send to DOM" : "Send to DOM" { input events "New Order" provider DOM action "Send Order to Retail DOM" output events "Send Order to Fulfillment Determination" }\n` +
            '    condition "Sent?" {\n        yes { step Ok : "Validate Order Header" { input events "New Order" } }\n        no { step Ko : "Validate Order Line" { input events "New Order" } }\n    }\n}\n'
    };

    test('a provider action succeeds by default: its output events are raised; the Condition takes Yes', async () => {
        const { result, text } = await simulator.run(files, { Order: {} });
        expect(step(result, 'Send to DOM')?.status).toBe('ran');
        expect(result.raised.map(e => e.event)).toContain('Send Order to Fulfillment Determination');
        expect(result.journeys[0]?.conditions[0]?.path).toBe('Yes');
        expect(step(result, 'Ko')?.status).toBeUndefined();
        await expect(text).toMatchFileSnapshot('golden/provider-success.txt');
    });

    test('a mocked failure raises nothing and takes the No path', async () => {
        const { result, text } = await simulator.run(
            files,
            { Order: {} },
            { mocks: [{ provider: 'DOM', action: 'Send Order to Retail DOM', outcome: 'failure' }] }
        );
        expect(step(result, 'Send to DOM')?.status).toBe('failed');
        expect(result.raised.map(e => e.event)).not.toContain('Send Order to Fulfillment Determination');
        expect(result.journeys[0]?.conditions[0]?.path).toBe('No');
        await expect(text).toMatchFileSnapshot('golden/provider-failure.txt');
    });

    test('a mock can give the output events', async () => {
        const { result } = await simulator.run(
            files,
            { Order: {} },
            { mocks: [{ provider: 'DOM', action: 'Send Order to Retail DOM', outcome: 'success', events: ['On Hand Check Success'] }] }
        );
        expect(result.raised.filter(e => e.step === 'Send to DOM').map(e => e.event)).toEqual(['On Hand Check Success']);
    });

    const splitter = (merge: boolean) => ({
        'p.iom':
            policy('BC', 'filter', 'Order', '    rule R { "Order Source" = "BigCommerce" }') +
            policy('OF', 'filter', 'Order', '    rule R { "Order Source" = "Orderful" }'),
        'j.iom':
            `${header()}    splitter${merge ? ' merge' : ''} Split {\n        branch One { step A : "Validate Order Header" { input events "New Order" filter policies BC } }\n` +
            '        branch Two { step B : "Validate Order Header" { input events "New Order" filter policies OF } }\n    }\n' +
            (merge ? '    step After : "Validate Order Line" { input events "Validation of Order Header has Succeeded" }\n' : '') +
            '}\n'
    });

    test("a Splitter takes the branch whose first action's filter holds; a Splitter-Merge rejoins", async () => {
        const { result, text } = await simulator.run(splitter(true), { Order: { 'Order Source': 'Orderful' } });
        expect(result.journeys[0]?.branches[0]).toMatchObject({ taken: ['Two'], notTaken: ['One'] });
        expect(step(result, 'B')?.status).toBe('ran');
        expect(step(result, 'After')?.status).toBe('ran');
        expect(text).toContain('Merge: the taken paths of "Split" rejoin before "After"');
        await expect(text).toMatchFileSnapshot('golden/splitter-merge.txt');
    });

    test('a record that matches no branch goes no further (assumption line)', async () => {
        const { result, text } = await simulator.run(splitter(false), { Order: { 'Order Source': 'Shopify' } });
        expect(result.journeys[0]?.branches[0]?.taken).toEqual([]);
        expect(result.assumptions).toContain('no-branch');
        await expect(text).toMatchFileSnapshot('golden/splitter-no-branch.txt');
    });

    test("visited and skipped partition the journey's node ids", async () => {
        const { result } = await simulator.run(splitter(true), { Order: { 'Order Source': 'BigCommerce' } });
        const journey = itemAt(result.journeys, 0);
        expect(new Set([...journey.visited, ...journey.skipped]).size).toBe(journey.visited.length + journey.skipped.length);
        expect(journey.visited.length + journey.skipped.length).toBe(4);
    });
});

describe('states (2.7)', () => {
    const files = (transitions: string) => ({
        's.iom': transitions,
        'j.iom': `${header()}    step S : "Validate Order Header" { input events "New Order" }\n}\n`
    });

    test("a raised event whose transition starts from the record's state moves it, with the reason", async () => {
        const { result, text, errors } = await simulator.run(
            files('transition on "New Order" {\n    from New to "In Progress" reason "Inventory Check Successful"\n}\n'),
            { Order: {} }
        );
        expect(errors).toEqual([]);
        expect(result.assumptions).toContain('initial-state');
        expect(result.states['Order']).toEqual({ state: 'In Progress', reason: 'Inventory Check Successful' });
        expect(text).toContain('State of Order: starts "New" (reason "New")');
        expect(text).toContain('State of Order: "New" → "In Progress" (reason "Inventory Check Successful") on "New Order"');
        expect(text).toMatch(/Order: state "In Progress" \(reason "Inventory Check Successful"\)/);
        await expect(text).toMatchFileSnapshot('golden/state-transition.txt');
    });

    test("a transition whose source states do not include the record's state leaves it unchanged", async () => {
        const { result, text, errors } = await simulator.run(
            files('transition on "New Order" {\n    from "On Hold" to "In Progress" reason "Inventory Check Successful"\n}\n'),
            { Order: {} }
        );
        expect(errors).toEqual([]);
        expect(result.states['Order']).toEqual({ state: 'New', reason: 'New' });
        expect(text).toContain('State of Order: stays "New": the transition on "New Order" moves only from "On Hold"');
        expect(result.eventsWithoutTransition).not.toContain('New Order');
        await expect(text).toMatchFileSnapshot('golden/state-source-mismatch.txt');
    });

    test('an event with no transition sets no state, and the trace says so once', async () => {
        const { result, text, errors } = await simulator.run(files(''), { Order: {} });
        expect(errors).toEqual([]);
        expect(result.states['Order']).toEqual({ state: 'New', reason: 'New' });
        expect(result.eventsWithoutTransition).toEqual(['New Order', 'Validation of Order Header has Succeeded']);
        expect(text.match(/No state transition on/g)).toHaveLength(1);
        expect(text).toContain('No state transition on "New Order", "Validation of Order Header has Succeeded": they set no state');
        expect(text).not.toMatch(/State of Order: (stays|"New" →)/);
        await expect(text).toMatchFileSnapshot('golden/state-no-transition.txt');
    });

    test('a workspace state is a target; a later event moves on from it', async () => {
        const { result, errors } = await simulator.run(
            {
                ...files(
                    'extend entity Order {\n    state "Awaiting stock" { reason "Waiting for stock" timeline position 3 }\n}\n' +
                        'transition on "New Order" {\n    from New to "Awaiting stock" reason "Waiting for stock"\n}\n' +
                        'transition on "Validation of Order Header has Succeeded" {\n    from "Awaiting stock" to "In Progress" reason "Inventory Check Successful"\n}\n'
                )
            },
            { Order: {} }
        );
        expect(errors).toEqual([]);
        expect(result.states['Order']).toEqual({ state: 'In Progress', reason: 'Inventory Check Successful' });
    });
});

test('every assumption key is documented in docs/simulation.md', async () => {
    const fs = await import('node:fs');
    const docs = fs.readFileSync(new URL('../../docs/simulation.md', import.meta.url), 'utf8');
    for (const key of Object.keys(ASSUMPTIONS)) expect(docs, key).toContain(`\`${key}\``);
});
