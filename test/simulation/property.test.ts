import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { createSimulator } from './helpers.js';
import { itemAt } from '../helpers/items.js';

/**
 * Property: whatever the order, a Splitter takes exactly the branches whose first action's filter policy the order
 * satisfies (evaluated independently with the documented comparison semantics), and a branch's step runs exactly
 * when its branch is taken.
 */
let simulator: Awaited<ReturnType<typeof createSimulator>>;
beforeAll(async () => {
    simulator = await createSimulator();
});

const branches = [
    { name: 'Big', field: 'Total Amount', operator: '>=', value: 500 },
    { name: 'Small', field: 'Total Amount', operator: '<', value: 100 },
    { name: 'US', field: 'Ship to Country/Region', operator: '=', value: '"US"' },
    { name: 'NotCA', field: 'Ship to Country/Region', operator: '!=', value: '"CA"' },
    { name: 'Manual', field: 'Is manual', operator: '=', value: true }
];

const files = {
    'p.iom': branches
        .map(
            b =>
                `policy "F ${b.name}" {\n    type filter\n    criticality information\n    entity Order\n    published\n    rule R { "${b.field}" ${b.operator} ${b.value} }\n}\n`
        )
        .join(''),
    'j.iom':
        'journey J {\n    orchestration type "Order orchestration"\n    published\n    splitter Split {\n' +
        branches
            .map(
                b =>
                    `        branch ${b.name} { step "S ${b.name}" : "Validate Order Header" { input events "New Order" filter policies "F ${b.name}" } }\n`
            )
            .join('') +
        '    }\n}\n'
};

test('any order takes exactly the branches whose filters it satisfies', async () => {
    const order = fc.record(
        {
            'Total Amount': fc.option(fc.integer({ min: -10, max: 1000 }), { nil: undefined }),
            'Ship to Country/Region': fc.option(fc.constantFrom('US', 'us', 'CA', 'DE', ''), { nil: undefined }),
            'Is manual': fc.option(fc.boolean(), { nil: undefined })
        },
        { requiredKeys: [] }
    );
    await fc.assert(
        fc.asyncProperty(order, async fields => {
            const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
            const { result } = await simulator.run(files, { Order: defined });
            // The documented semantics, written out independently: an empty field never compares (except data checks),
            // text compares without regard to case.
            const amount = defined['Total Amount'] as number | undefined;
            const country = (defined['Ship to Country/Region'] as string | undefined) || undefined;
            const expected = [
                amount !== undefined && amount >= 500 ? 'Big' : '',
                amount !== undefined && amount < 100 ? 'Small' : '',
                country !== undefined && country.toLowerCase() === 'us' ? 'US' : '',
                country !== undefined && country.toLowerCase() !== 'ca' ? 'NotCA' : '',
                defined['Is manual'] === true ? 'Manual' : ''
            ].filter(Boolean);
            const journey = itemAt(result.journeys, 0);
            expect([...itemAt(journey.branches, 0).taken].sort()).toEqual([...expected].sort());
            for (const b of branches) {
                expect(journey.steps.find(s => s.name === `S ${b.name}`)?.status ?? 'skipped').toBe(expected.includes(b.name) ? 'ran' : 'skipped');
            }
        }),
        { numRuns: 60 }
    );
}, 120_000);
