/**
 * The simulator's cost (docs/simulation.md, docs/performance.md "Simulator"): a published journey of 100 steps, each
 * with a filter policy and an execution policy that sets a value, and 1,000 generated sample orders run through it.
 * Kept apart from the main benchmark (bench/run.ts). Run: npm run bench:simulation [-- --orders N --steps N]
 */
import '../language/groupby-polyfill.mjs';
import { EmptyFileSystem, URI } from 'langium';
import { createIomServices } from '../language/iom-module.js';
import { present } from '../language/model/collections.js';
import { buildModel, type OrderData, simulate } from '../language/simulation/index.js';
import { builtinDocuments } from '../language/workspace/iom-workspace-manager.js';

const argument = (name: string, fallback: number) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const STEPS = argument('steps', 100);
const ORDERS = argument('orders', 1000);

function workspaceText(steps: number): string {
    const out: string[] = [];
    for (let i = 0; i < steps; i++) {
        out.push(
            `policy "Filter ${i}" {\n    type filter\n    criticality information\n    entity Order\n    published\n` +
                `    rule R { group or { "Total Amount" >= ${i * 10} "Ship to Country/Region" = "US" } related "Order products" { Quantity > ${i % 7} } }\n}`
        );
        out.push(
            `policy "Set ${i}" {\n    type execution\n    criticality information\n    entity "Order Product"\n    published\n` +
                `    rule Big { Quantity >= ${i % 50} set "Split Group" = "big ${i}" }\n    rule Small { Quantity < ${i % 50} set "Split Group" = "small ${i}" }\n}`
        );
    }
    const body = Array.from(
        { length: steps },
        (_, i) =>
            `    step "Step ${i}" : "Validate Order Header" {\n        input events "New Order"\n        filter policies "Filter ${i}"\n        execution policies "Set ${i}"\n    }`
    );
    out.push(`journey "Bench journey" {\n    orchestration type "Order orchestration"\n    published\n${body.join('\n')}\n}`);
    return out.join('\n');
}

function orders(count: number): OrderData[] {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    return Array.from({ length: count }, (_, n) => ({
        records: [
            {
                entity: 'Order',
                id: 'Order',
                parent: null,
                fields: { 'Total Amount': Math.floor(random() * 1500), 'Ship to Country/Region': random() < 0.5 ? 'US' : 'CA', Name: `B-${n}` }
            },
            ...Array.from({ length: 1 + Math.floor(random() * 4) }, (_, line) => ({
                entity: 'Order product',
                id: `Order product ${line + 1}`,
                parent: 'Order',
                fields: { Quantity: Math.floor(random() * 120) }
            }))
        ]
    }));
}

async function main(): Promise<void> {
    const { shared } = createIomServices(EmptyFileSystem);
    const builtins = builtinDocuments().map(({ uri, text }) => {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    const document = shared.workspace.LangiumDocumentFactory.fromString(workspaceText(STEPS), URI.file('/bench/simulation.iom'));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([...builtins, document], { validation: false });

    let started = performance.now();
    const { model } = buildModel('/bench', [document]);
    const modelMs = performance.now() - started;
    const samples = orders(ORDERS);
    simulate(model, present(samples[0], 'a sample order')); // warm-up
    started = performance.now();
    let lines = 0,
        ran = 0;
    for (const sample of samples) {
        const result = simulate(model, sample);
        lines += result.lines.length;
        ran += present(result.journeys[0], "the bench journey's result").steps.filter(step => step.status === 'ran').length;
    }
    const totalMs = performance.now() - started;
    console.log(`Simulator: a ${STEPS}-step journey over ${ORDERS} sample orders`);
    console.log(`  model from the lowered records: ${modelMs.toFixed(1)} ms (once)`);
    console.log(`  simulation: ${totalMs.toFixed(0)} ms in all, ${(totalMs / ORDERS).toFixed(2)} ms per order`);
    console.log(`  ${Math.round(lines / ORDERS)} trace lines and ${(ran / ORDERS).toFixed(1)} steps run per order on average`);
}

main().catch(error => {
    console.error(error);
    process.exitCode = 1;
});
