/**
 * Deterministic generator of synthetic but realistic IOM workspaces for the benchmark.
 *
 * A workspace is built from "regions". Each region is one company division's slice of an IOM estate, written as
 * two files of about 100 lines each:
 *  - a provider file: Power Automate connections, business events, action types with `allow … as input of …`
 *    rows, a user provider definition (connection references, parameters, transformations, logic definitions,
 *    events), its activated instance, and now and then an installed (not activated) instance of a catalog provider;
 *  - a journey file: filter and execution policies with nested rules (groups, related-entity conditions, Set Value
 *    actions) and one published journey with a Condition (Yes/No paths) and a Splitter (2–3 branches), whose steps
 *    reference the provider file's events, action types and provider actions (cross-file references).
 * Two shared files hold what exists once per environment: the platform bindings with their connections, the
 * activated catalog providers, and the catalog `allow` rows. A third shared file, the carrier hub
 * (`hub/carrier-hub.iom`), holds one provider and its events that every journey file references: the fan-in of
 * hundreds to thousands of files onto one provider and one event that real estates have.
 *
 * The density follows a workspace measured from outside (issue 12: 1,500 files, 122k lines, 1,211 policies with
 * 3,077 rules, 4,519 and/or groups, 2,291 related-entity blocks, 414 journeys with 3,173 steps): per region, rules
 * with nested `group and/or` and `related` blocks (related inside related, groups inside related), a journey with a
 * Condition holding a Splitter whose first branch holds another Condition (journey elements nested four deep), and
 * a provider definition with several events each (several thousand event candidates for one completion).
 *
 * Every name is unique per kind across the workspace (the region number is part of each name), and the content
 * follows the domain rules (docs/diagnostics.md), so a generated workspace validates with 0 diagnostics; the
 * benchmark asserts that.
 *
 * Everything is derived from a seeded PRNG: the same options always give the same text.
 */
import { catalog, type CatalogSetting } from '../language/catalog/catalog.js';
import { present } from '../language/model/collections.js';

export interface GeneratedFile {
    /** Workspace-relative path, e.g. `regions/r0001-providers.iom`. */
    path: string;
    text: string;
    lines: number;
}

export interface GeneratedWorkspace {
    files: GeneratedFile[];
    lines: number;
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
export function createRandom(seed: number): Random {
    let state = seed >>> 0;
    const next = (): number => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return {
        next,
        int: (min, max) => min + Math.floor(next() * (max - min + 1)),
        pick: items => present(items[Math.floor(next() * items.length)], 'an item to pick (the list is empty)'),
        chance: p => next() < p,
        hex: length => {
            let out = '';
            for (let i = 0; i < length; i++) out += Math.floor(next() * 16).toString(16);
            return out;
        }
    };
}

export interface Random {
    next(): number;
    int(min: number, max: number): number;
    pick<T>(items: readonly T[]): T;
    chance(p: number): boolean;
    hex(length: number): string;
}

const q = (text: string): string => JSON.stringify(text);

function countLines(text: string): number {
    let lines = 1;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
    return text.endsWith('\n') ? lines - 1 : lines;
}

const ENVIRONMENT = 'Default-5f1c2a40-7d0e-4c55-9a3e-2b8d6c1e0f71';

function connectionUrl(random: Random, api: string): string {
    return `https://make.powerautomate.com/environments/${ENVIRONMENT}/connections?apiName=${api}&connectionName=${random.hex(32)}`;
}

/** A connection with the settings its catalog connector requires (credentials as secret references, as users write them). */
function connectionLines(random: Random, name: string, connector: string, api: string): string[] {
    const settings = catalog.connectors.find(candidate => candidate.name === connector)?.settings ?? [];
    const value = (setting: CatalogSetting): string => {
        if (setting.secret) return `secret env ${q(setting.name.toUpperCase().replace(/\W+/g, '_'))}`;
        if (setting.type === 'boolean') return 'true';
        if (setting.type === 'number') return '1';
        if (setting.type === 'url') return q('https://contoso-iom.crm.dynamics.com');
        return q(name);
    };
    return [
        `connection ${q(name)} {`,
        `    connector ${q(connector)}`,
        `    url ${q(connectionUrl(random, api))}`,
        ...settings.filter(setting => setting.required).map(setting => `    setting ${q(setting.name)} = ${value(setting)}`),
        `}`
    ];
}

const REGIONS = [
    'Pacific Northwest',
    'Great Lakes',
    'New England',
    'Gulf Coast',
    'Rocky Mountains',
    'Mid-Atlantic',
    'Southwest',
    'Central Plains',
    'Southeast',
    'Northern California',
    'Southern California',
    'Ontario',
    'Quebec',
    'Alberta'
];
const COUNTRIES = ['US', 'CA', 'MX', 'GB', 'DE', 'FR', 'NL', 'AU', 'JP'];
const CITIES = ['Seattle', 'Chicago', 'Boston', 'Houston', 'Denver', 'Atlanta', 'Phoenix', 'Toronto', 'Montreal', 'Calgary'];
/** The shipment statuses a region's provider raises events for: several thousand event names in a workspace. */
const SHIPMENT_STATUSES = ['Picked Up', 'In Transit', 'Out for Delivery', 'Delivered', 'Delivery Failed', 'Returned', 'Invoiced', 'Backordered'];

/** The carrier hub: one provider, action type and events that every journey file references (fan-in). */
export const HUB = {
    path: 'hub/carrier-hub.iom',
    definition: 'Carrier Hub Provider',
    instance: 'Carrier Hub',
    actionType: 'Hand Over to Carrier Hub',
    action: 'Hand Over to Carrier Hub',
    requested: 'Carrier Hub Handover Requested',
    completed: 'Carrier Hub Handover Completed'
} as const;

/** A connection reference of a catalog provider: its name, its connector and the connector's API. */
interface ConnectionReference {
    name: string;
    connector: string;
    api: string;
}

/** A provider of the catalog, as a region installs it: its connection references and its required parameters. */
interface CatalogProvider {
    name: string;
    short: string;
    references: readonly ConnectionReference[];
    parameters: readonly string[];
}

/** A connection reference to a connector's API (`shared_<api>`). */
function reference(name: string, connector: string, api: string): ConnectionReference {
    return { name, connector, api: `shared_${api}` };
}

/** A connection reference to the environment's Dataverse. */
function dataverseReference(name: string): ConnectionReference {
    return reference(name, 'Microsoft Dataverse', 'commondataserviceforapps');
}

/** A catalog provider whose short name is its name. */
function catalogEntry(name: string, references: ConnectionReference[], parameters: string[]): CatalogProvider {
    return { name, short: name, references, parameters };
}

/**
 * Catalog providers a region may install (not activate) next to the shared activated instance: each with the
 * connectors of its connection references and its required parameters.
 */
const INSTALLABLE_CATALOG_PROVIDERS: readonly CatalogProvider[] = [
    catalogEntry(
        'Avalara',
        [reference('Avalara Connection', 'Avalara', 'avalara'), dataverseReference('Avalara Dataverse (current environment) Connection')],
        ['Avalara Company Code']
    ),
    catalogEntry(
        'ShipStation',
        [
            reference('ShipStation connection', 'ShipStation', 'shipstation'),
            dataverseReference('ShipStation Dataverse connection (current environment)')
        ],
        []
    ),
    catalogEntry(
        'Uber Freight',
        [dataverseReference('Uber Freight Dataverse (current environment)'), reference('Uber Freight connection', 'Uber Freight', 'uberfreight')],
        ['Uber Freight customer ID']
    )
];

/** The order intake provider: activated once, it imports the orders that raise New Order (the journeys' entry). */
const INTAKE_PROVIDER = catalogEntry(
    'BigCommerce',
    [dataverseReference('BigCommerce Common Data Service Connection'), reference('BigCommerce connection', 'BigCommerce', 'bigcommerce')],
    ['BigCommerce store hash']
);

/** Names of one region's declarations; the region number keeps every name unique per kind. */
function regionNames(r: number) {
    const n = String(r).padStart(4, '0');
    return {
        n,
        dataverse: `Dataverse R${n}`,
        outlook: `Outlook R${n}`,
        rejected: `Order Header Rejected R${n}`,
        review: `Review Rejected Order R${n}`,
        close: `Close Order R${n}`,
        sent: `Fulfillment Sent R${n}`,
        definition: `Fulfillment Provider R${n}`,
        instance: `Fulfillment R${n}`,
        refDataverse: `Provider Dataverse R${n}`,
        refOutlook: `Provider Outlook R${n}`,
        parameter: `OutboundEmailR${n}`,
        sendAction: `Send to Fulfillment R${n}`,
        reviewAction: `Review Rejected Order R${n}`,
        closeAction: `Close Order R${n}`,
        sourceFilter: `Order Source Filter R${n}`,
        headerPolicy: `Header Validation R${n}`,
        linePolicy: `Line Assignment R${n}`,
        branchFilter: (b: number) => `Fulfillment Filter R${n} B${b}`,
        journey: `Order Journey R${n}`,
        store: (b: number) => `${CITIES[(r + b) % CITIES.length]} store R${n}`,
        shipmentEvent: (status: string) => `Shipment ${status} R${n}`
    };
}

/** The provider file of region r: connections, events, action types, a provider definition and its instances. */
export function providerFile(r: number, random: Random): string {
    const names = regionNames(r);
    const region = REGIONS[r % REGIONS.length];
    const out: string[] = [];
    out.push(`// Region ${names.n} (${region}): connections, events, action types and providers.`, '');
    out.push(
        `connection ${q(names.dataverse)} {`,
        `    connector "Microsoft Dataverse"`,
        `    url ${q(connectionUrl(random, 'shared_commondataserviceforapps'))}`,
        `    description ${q(`Dataverse connection of the ${region} division`)}`,
        `}`,
        ''
    );
    out.push(`connection ${q(names.outlook)} {`, `    connector "Outlook.com"`, `    url ${q(connectionUrl(random, 'shared_outlook'))}`, `}`, '');

    out.push(
        `/** Raised when an order header of region ${names.n} fails validation. */`,
        `event ${q(names.rejected)} { entity Order  status "Order Validation Failed" }`,
        ''
    );

    out.push(
        `action type ${q(names.review)} {`,
        `    input event ${q(names.rejected)}`,
        `    description "Manual review of orders whose header failed validation."`,
        `}`,
        ''
    );
    out.push(`action type ${q(names.close)} {`, `    description ${q(`Closes ${region} orders once fulfillment was sent.`)}`, `}`, '');
    out.push(`allow ${q(names.sent)} as input of ${q(names.close)}`, '');

    const seconds = random.int(5, 30);
    out.push(
        `/** Sends fulfillment orders of the ${region} division by email. */`,
        `provider definition ${q(names.definition)} {`,
        `    logical name contoso_FulfillmentProviderR${names.n}`,
        `    service type "Fulfillment"`,
        `    active`,
        `    connection reference ${q(names.refDataverse)} { connector "Microsoft Dataverse" }`,
        `    connection reference ${q(names.refOutlook)} { connector "Outlook.com" }`,
        `    parameter ${names.parameter} { display name "Outbound fulfillment email"  type Text  required }`,
        ...(r % 3 === 0
            ? [
                  `    transformation ${q(`Fulfillment Order to Email R${names.n}`)} {`,
                  `        logical name contoso_FulfillmentOrderToEmailR${names.n}`,
                  `        source type DataverseEntity`,
                  `        source object "msdyn_fulfillmentorder"`,
                  `        destination object ${q(`Fulfillment email R${names.n}`)}`,
                  `    }`
              ]
            : []),
        `    logic ${q(names.sendAction)} {`,
        `        logical name contoso_SendToFulfillmentR${names.n}`,
        `        type provider action`,
        `        workflow ${q(`IOM Send to Fulfillment R${names.n}`)}`,
        `        timeout ${seconds}`,
        `        retries ${random.int(1, 5)}`,
        `        action type "Send to Fulfillment"`,
        `        client data ${q(`{"to": "{{${names.parameter}}}", "subject": "Fulfillment order"}`)}`,
        `    }`,
        `    logic ${q(names.reviewAction)} {`,
        `        logical name contoso_ReviewRejectedOrderR${names.n}`,
        `        type provider action`,
        `        action type ${q(names.review)}`,
        `    }`,
        `    logic ${q(names.closeAction)} {`,
        `        logical name contoso_CloseOrderR${names.n}`,
        `        type provider action`,
        `        action type ${q(names.close)}`,
        `    }`,
        `    event ${q(names.sent)} { entity "Fulfillment order" }`,
        ...SHIPMENT_STATUSES.map(status => `    event ${q(names.shipmentEvent(status))} { entity "Fulfillment order" }`),
        `}`,
        ''
    );

    out.push(
        `provider ${q(names.instance)} from ${q(names.definition)} {`,
        `    bind ${q(names.refDataverse)} to ${q(names.dataverse)}`,
        `    bind ${q(names.refOutlook)} to ${q(names.outlook)}`,
        `    parameter ${names.parameter} = ${q(`fulfillment-r${names.n}@contoso.com`)}`,
        `    mapping group "Default mapping group"`,
        `    activated`,
        `}`
    );

    if (random.chance(0.35)) {
        // A catalog provider installed for evaluation, not activated (the shared files hold the active one).
        const catalogProvider = random.pick(INSTALLABLE_CATALOG_PROVIDERS);
        const binds: string[] = [];
        catalogProvider.references.forEach((reference, i) => {
            const connection = `${catalogProvider.short} ${i + 1} R${names.n}`;
            out.push('', ...connectionLines(random, connection, reference.connector, reference.api));
            binds.push(`    bind ${q(reference.name)} to ${q(connection)}`);
        });
        out.push(
            '',
            `provider ${q(`${catalogProvider.short} Staging R${names.n}`)} from ${q(catalogProvider.name)} {`,
            ...binds,
            ...catalogProvider.parameters.map(p => `    parameter ${q(p)} = ${q(`R${names.n}-${random.hex(6)}`)}`),
            `    description "Installed for evaluation; the shared instance is the active one."`,
            `}`
        );
    }
    return out.join('\n') + '\n';
}

/** A comparison on an Order field, as a policy rule row. */
function orderComparison(random: Random): string {
    switch (random.int(0, 4)) {
        case 0:
            return `"Ship to Country/Region" = ${q(random.pick(COUNTRIES))}`;
        case 1:
            return `"Total Amount" ${random.pick(['>', '>=', '<', '<='])} ${random.int(1, 5000)}`;
        case 2:
            return `"Is manual" = ${random.pick(['true', 'false'])}`;
        case 3:
            return `"Order Number" contains data`;
        default:
            return `"Status Reason" != "Canceled"`;
    }
}

/** The journey file of region r: policies with nested rules, and one journey with nested Conditions and a Splitter. */
export function journeyFile(r: number, random: Random, options: { hub?: boolean } = {}): string {
    const names = regionNames(r);
    const region = REGIONS[r % REGIONS.length];
    const branches = random.chance(0.7) ? 2 : 3;
    const hub = options.hub ?? true;
    const out: string[] = [];
    out.push(`// Region ${names.n} (${region}): policies and the order journey.`, '');

    out.push(
        `policy ${q(names.sourceFilter)} {`,
        `    type filter`,
        `    criticality information`,
        `    entity Order`,
        `    published`,
        `    rule ${q(`Orders of region R${names.n}`)} { "Order Source" = ${q(`${region} storefront R${names.n}`)} }`,
        `}`,
        ''
    );

    // Rules with nested groups and related-entity blocks (related inside related, groups inside related); the
    // innermost blocks are written on one line, as people do for short ones.
    out.push(
        `policy ${q(names.headerPolicy)} {`,
        `    type execution`,
        `    criticality critical`,
        `    entity Order`,
        `    published`,
        `    rule ${q(`Ship-to country R${names.n}`)} {`,
        `        group or {`,
        `            "Ship to Country/Region" = ${q(random.pick(COUNTRIES))}`,
        `            group and { "Ship to Country/Region" = ${q(random.pick(COUNTRIES))}  ${orderComparison(random)} }`,
        `        }`,
        `        ${orderComparison(random)}`,
        `    }`,
        `    rule ${q(`Line quantities R${names.n}`)} {`,
        `        related "Order products" {`,
        `            group or { Quantity >= ${random.int(1, 5)}  group and { "Price Per Unit" > 0  "Product Name" contains data } }`,
        `        }`,
        `    }`,
        `    rule ${q(`Customer and shipments R${names.n}`)} {`,
        `        related Customer { group or { "Country/Region" = ${q(random.pick(COUNTRIES))}  "Account Name" contains data } }`,
        `        related "Fulfillment orders" {`,
        `            "Status Reason" != "Canceled"`,
        `            related "Fulfillment order products" { Quantity > 0 }`,
        `        }`,
        `    }`
    );
    if (random.chance(0.35)) {
        // Now and then a deeper rule: groups three levels down.
        out.push(
            `    rule ${q(`Priority orders R${names.n}`)} {`,
            `        group and {`,
            `            group or { "Total Amount" > ${random.int(1000, 9000)}  group and { "Is manual" = true  "Order Number" contains data } }`,
            `            "Status Reason" != "Canceled"`,
            `        }`,
            `    }`
        );
    }
    out.push(`}`, '');

    const threshold = random.int(20, 200);
    out.push(
        `policy ${q(names.linePolicy)} {`,
        `    type execution`,
        `    criticality information`,
        `    entity "Order product"`,
        `    published`,
        `    rule ${q(`Large quantities R${names.n}`)} {`,
        `        Quantity >= ${threshold}`,
        `        related Order { group or { "Total Amount" > ${random.int(100, 900)}  "Is manual" = false } }`,
        `        set "Fulfillment Source" = ${q(names.store(1))}`,
        `        set "Split Group" = "bulk"`,
        `    }`,
        `    rule ${q(`Small quantities R${names.n}`)} {`,
        `        Quantity < ${threshold}`,
        `        set "Fulfillment Source" = ${q(names.store(2))}`,
        `    }`,
        `}`,
        ''
    );

    for (let b = 1; b <= branches; b++) {
        out.push(
            `policy ${q(names.branchFilter(b))} {`,
            `    type filter`,
            `    criticality information`,
            `    entity "Fulfillment order"`,
            `    published`,
            `    rule ${q(`Fulfilled by ${names.store(b)}`)} {`,
            `        group and { "Fulfillment Source" = ${q(names.store(b))}  "Status Reason" != "Canceled" }`,
            `        related "Fulfillment order products" { Quantity > 0 }`,
            `    }`,
            `}`,
            ''
        );
    }

    const hubStep = (indent: string, name: string): string[] =>
        hub
            ? [
                  `${indent}step ${q(name)} : Custom {`,
                  `${indent}    action type ${q(HUB.actionType)}`,
                  `${indent}    input event ${q(HUB.requested)}`,
                  `${indent}    provider ${q(HUB.instance)} action ${q(HUB.action)}`,
                  `${indent}    output event ${q(HUB.completed)}`,
                  `${indent}}`
              ]
            : [];

    out.push(
        `journey ${q(names.journey)} {`,
        `    orchestration type "Order orchestration"`,
        `    description ${q(`Validates and fulfills orders of the ${region} division.`)}`,
        `    published`,
        `    step ${q(`Validate header R${names.n}`)} : "Validate Order Header" {`,
        `        action type "Order Validation"`,
        `        input event "New Order"`,
        `        filter policy ${q(names.sourceFilter)}`,
        `        execution policy ${q(names.headerPolicy)}`,
        `        output events "Validation of Order Header has Succeeded", ${q(names.rejected)}`,
        `    }`,
        `    condition ${q(`Header valid R${names.n}`)} {`,
        `        yes {`,
        `            step ${q(`Validate lines R${names.n}`)} : "Validate Order Line" {`,
        `                action type "Order Line Validation"`,
        `                input event "Validation of Order Header has Succeeded"`,
        `                output event "Validation of Order Lines has Succeeded"`,
        `            }`,
        `            step ${q(`Assign fulfillment R${names.n}`)} : Custom {`,
        `                action type "Policy Based Fulfillment Determination"`,
        `                input event "Validation of Order Lines has Succeeded"`,
        `                execution policy ${q(names.linePolicy)}`,
        `                output event "Creation of Fulfillment Order has Succeeded"`,
        `            }`,
        `            splitter ${q(`Fulfillment split R${names.n}`)} {`
    );
    for (let b = 1; b <= branches; b++) {
        const city = names.store(b);
        out.push(
            `                branch ${q(`${city} branch`)} {`,
            `                    step ${q(`Send to ${city}`)} : "Send to Fulfillment" {`,
            `                        action type "Send to Fulfillment"`,
            `                        input event "Creation of Fulfillment Order has Succeeded"`,
            `                        filter policy ${q(names.branchFilter(b))}`,
            `                        provider ${q(names.instance)} action ${q(names.sendAction)}`,
            `                        output event ${q(names.sent)}`,
            `                    }`
        );
        if (b === 1) {
            // The division closes orders after the first branch's fulfillment only; a failed handover goes to the hub.
            out.push(
                `                    condition ${q(`Sent to ${city}`)} {`,
                `                        yes {`,
                `                            step ${q(`Close ${city}`)} : Custom {`,
                `                                action type ${q(names.close)}`,
                `                                input event ${q(names.sent)}`,
                `                                provider ${q(names.instance)} action ${q(names.closeAction)}`,
                `                            }`,
                `                        }`,
                `                        no {`,
                ...(hub
                    ? hubStep('                            ', `Reroute ${city}`)
                    : [
                          `                            step ${q(`Review ${city}`)} : Custom {`,
                          `                                action type ${q(names.review)}`,
                          `                                input event ${q(names.rejected)}`,
                          `                                provider ${q(names.instance)} action ${q(names.reviewAction)}`,
                          `                            }`
                      ]),
                `                        }`,
                `                    }`
            );
        }
        out.push(`                }`);
    }
    out.push(
        `            }`,
        `        }`,
        `        no {`,
        `            step ${q(`Review rejection R${names.n}`)} : Custom {`,
        `                action type ${q(names.review)}`,
        `                input event ${q(names.rejected)}`,
        `                provider ${q(names.instance)} action ${q(names.reviewAction)}`,
        `                description "A planner reviews the rejected order."`,
        `            }`,
        `        }`,
        `    }`,
        `}`
    );
    return out.join('\n') + '\n';
}

/** The platform: its connections, the bindings of every platform connection reference, and activation. */
export function platformFile(random: Random): string {
    const connections: Array<[string, string, string]> = [
        ['Platform Dataverse', 'Microsoft Dataverse', 'shared_commondataserviceforapps'],
        ['Platform Power Automate Management', 'Power Automate Management', 'shared_flowmanagement'],
        ['Platform Data Transformer', 'IOM Data Transformer', 'shared_iomdatatransformer'],
        ['Platform Entra HTTP', 'HTTP with Microsoft Entra ID (preauthorized)', 'shared_webcontents']
    ];
    const out: string[] = ["// The environment's platform connections and the system activation.", ''];
    for (const [name, connector, api] of connections) {
        out.push(...connectionLines(random, name, connector, api), '');
    }
    out.push(
        `platform {`,
        `    bind "Microsoft Dataverse" to "Platform Dataverse"`,
        `    bind "Microsoft Dataverse - Application" to "Platform Dataverse"`,
        `    bind "Microsoft Dataverse - Integration" to "Platform Dataverse"`,
        `    bind "Power Automate Management" to "Platform Power Automate Management"`,
        `    bind "IOM Data Transformer" to "Platform Data Transformer"`,
        `    bind "HTTP with Microsoft Entra ID (preauthorized)" to "Platform Entra HTTP"`,
        `    activated`,
        `}`
    );
    return out.join('\n') + '\n';
}

/** The activated catalog providers shared by every region, and the catalog action type inputs the journeys need. */
export function sharedProvidersFile(random: Random): string {
    const out: string[] = ['// Catalog providers activated once for the environment, and catalog action type inputs.', ''];
    out.push(`allow "Validation of Order Lines has Succeeded" as input of "Policy Based Fulfillment Determination"`, '');
    for (const provider of [INTAKE_PROVIDER, ...INSTALLABLE_CATALOG_PROVIDERS]) {
        const binds: string[] = [];
        provider.references.forEach((reference, i) => {
            const connection = `${provider.short} ${i + 1}`;
            out.push(...connectionLines(random, connection, reference.connector, reference.api), '');
            binds.push(`    bind ${q(reference.name)} to ${q(connection)}`);
        });
        out.push(
            `provider ${q(provider.short)} from ${q(provider.name)} {`,
            ...binds,
            ...provider.parameters.map(p => `    parameter ${q(p)} = ${q(random.hex(8))}`),
            `    mapping group "Default mapping group"`,
            `    activated`,
            `}`,
            ''
        );
    }
    return out.join('\n');
}

/**
 * The carrier hub: a provider that every journey file hands orders over to (fan-in of every journey file onto one
 * provider instance, one action type and two events).
 */
export function hubFile(random: Random): string {
    const out: string[] = ['// The carrier hub: one provider every division hands orders over to.', ''];
    out.push(
        `connection "Carrier Hub Dataverse" {`,
        `    connector "Microsoft Dataverse"`,
        `    url ${q(connectionUrl(random, 'shared_commondataserviceforapps'))}`,
        `}`,
        ''
    );
    out.push(
        `action type ${q(HUB.actionType)} {`,
        `    input event ${q(HUB.requested)}`,
        `    description "Hands an order over to the carrier hub."`,
        `}`,
        ''
    );
    out.push(
        `/** The carrier hub's integration: every division's journey uses its handover action. */`,
        `provider definition ${q(HUB.definition)} {`,
        `    logical name contoso_CarrierHubProvider`,
        `    service type "Fulfillment"`,
        `    active`,
        `    connection reference "Carrier Hub Dataverse Reference" { connector "Microsoft Dataverse" }`,
        `    logic ${q(HUB.action)} {`,
        `        logical name contoso_HandOverToCarrierHub`,
        `        type provider action`,
        `        action type ${q(HUB.actionType)}`,
        `    }`,
        `    event ${q(HUB.requested)} { entity Order }`,
        `    event ${q(HUB.completed)} { entity Order }`,
        `}`,
        ''
    );
    out.push(
        `provider ${q(HUB.instance)} from ${q(HUB.definition)} {`,
        `    bind "Carrier Hub Dataverse Reference" to "Carrier Hub Dataverse"`,
        `    description "The hub every division's journey hands over to."`,
        `    activated`,
        `}`
    );
    return out.join('\n') + '\n';
}

export interface WorkspaceOptions {
    seed?: number;
    /** Number of regions (each is two files of about 100 lines); see `workspaceOfFiles` for a number of files. */
    regions: number;
    /** One more provider file after the last region (without its journey file): makes any number of files possible. */
    extraProviderFile?: boolean;
    /** Put everything into a single file instead of one file per region half. */
    singleFile?: boolean;
    /** First region number (keeps names unique when several generated parts share a workspace). */
    firstRegion?: number;
    /** Leave out the shared platform, catalog provider and carrier hub files (and the journeys' hub steps). */
    withoutShared?: boolean;
}

/**
 * Generates a workspace: three shared files (platform, catalog providers, carrier hub) plus two files per region, or
 * all of it in one file.
 */
export function generateWorkspace(options: WorkspaceOptions): GeneratedWorkspace {
    const random = createRandom(options.seed ?? 20261127);
    const first = options.firstRegion ?? 1;
    const parts: Array<{ path: string; text: string }> = [];
    if (!options.withoutShared) {
        parts.push({ path: 'platform.iom', text: platformFile(random) });
        parts.push({ path: 'catalog-providers.iom', text: sharedProvidersFile(random) });
        parts.push({ path: HUB.path, text: hubFile(random) });
    }
    for (let r = first; r < first + options.regions; r++) {
        const n = String(r).padStart(4, '0');
        parts.push({ path: `regions/r${n}-providers.iom`, text: providerFile(r, random) });
        parts.push({ path: `regions/r${n}-journey.iom`, text: journeyFile(r, random, { hub: !options.withoutShared }) });
    }
    if (options.extraProviderFile) {
        const r = first + options.regions;
        parts.push({ path: `regions/r${String(r).padStart(4, '0')}-providers.iom`, text: providerFile(r, random) });
    }
    const files: GeneratedFile[] = options.singleFile
        ? [{ path: 'estate.iom', text: parts.map(p => p.text).join('\n'), lines: 0 }]
        : parts.map(p => ({ ...p, lines: 0 }));
    for (const file of files) file.lines = countLines(file.text);
    return { files, lines: files.reduce((sum, f) => sum + f.lines, 0) };
}

/** The files of the shared part of a workspace (platform, catalog providers, carrier hub). */
export const SHARED_FILES = 3;

/** A workspace of exactly `files` files (at least 4): the shared files, then regions. */
export function workspaceOfFiles(
    files: number,
    options: Omit<WorkspaceOptions, 'regions' | 'extraProviderFile' | 'withoutShared' | 'singleFile'> = {}
): GeneratedWorkspace {
    const regional = Math.max(1, files - SHARED_FILES);
    return generateWorkspace({ ...options, regions: Math.floor(regional / 2), extraProviderFile: regional % 2 === 1 });
}

/** The number of regions whose files add up to about `lines` lines. */
export function regionsForLines(lines: number): number {
    // A region (its provider and journey files) is about 232 lines.
    return Math.max(1, Math.round(lines / 232));
}
