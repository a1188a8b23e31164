// IOM6014 among many published journeys: each unfiltered published journey names the first other one (in the
// workspace's order) that starts on one of its entry events, and the first of its own entry events they share. The
// check looks the others up by event (it used to scan every published journey for each one: quadratic in the
// follow-up validation of a workspace's journeys).
import { describe, expect, test } from 'vitest';
import { createTestServices } from '../helpers/language-services.js';
import { itemAt } from '../helpers/items.js';

const services = await createTestServices();

interface Spec {
    name: string;
    published: boolean;
    filtered: boolean;
    events: string[];
}

const JOURNEYS = 300;
const specs: Spec[] = Array.from({ length: JOURNEYS }, (_, i) => ({
    name: `J${i}`,
    published: i % 7 !== 0,
    filtered: i % 5 === 0,
    // One to three entry events of eight, in varying order; a few journeys share none with the others.
    events: i % 11 === 0 ? [`Lone${i}`] : [`E${i % 8}`, ...(i % 3 === 0 ? [`E${(i * 5) % 8}`] : []), ...(i % 4 === 0 ? [`E${(i + 3) % 8}`] : [])]
}));

const text = [
    'policy US { type filter criticality information entity Order published rule R { "Ship to Country/Region" = "US" } }',
    ...[...new Set(specs.flatMap(spec => spec.events))].map(event => `event ${event} { entity Order }`),
    ...specs.map(
        spec => `journey ${spec.name} {
    orchestration type "Order orchestration"${spec.published ? '\n    published' : ''}
    step A : Custom {
        action type "Order Validation"
        input events ${[...new Set(spec.events)].join(', ')}${spec.filtered ? '\n        filter policies US' : ''}
    }
}`
    )
].join('\n');

/** What the check reports, written out plainly: the first competing journey in order, the first shared event. */
function expected(): Map<string, string> {
    const result = new Map<string, string>();
    const competing = specs.filter(spec => spec.published && !spec.filtered);
    for (const spec of competing) {
        const other = competing.find(candidate => candidate !== spec && candidate.events.some(event => spec.events.includes(event)));
        if (!other) continue;
        const event = spec.events.find(e => other.events.includes(e))!;
        result.set(
            spec.name,
            `Published journeys '${spec.name}' and '${other.name}' both start on '${event}' without filter policies, so both will process every order.`
        );
    }
    return result;
}

describe('competing published journeys', () => {
    test(`${JOURNEYS} journeys: each report names the first competitor and the first shared entry event`, async () => {
        const document = itemAt(await services.validateAll({ 'journeys.iom': text }), 0);
        const reports = new Map<string, string>();
        for (const diagnostic of document.diagnostics!.filter(d => d.code === 'IOM6014')) {
            const message = String(diagnostic.message);
            const name = /^Published journeys '([^']+)'/.exec(message)![1]!;
            expect(reports.has(name)).toBe(false);
            reports.set(name, message);
        }
        const want = expected();
        expect(want.size).toBeGreaterThan(100);
        expect(reports).toEqual(want);
    }, 60_000);
});
