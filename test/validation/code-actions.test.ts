import { testCodeAction } from 'langium/test';
import { beforeAll, describe, test } from 'vitest';
import { createValidationRunner } from '../helpers/validation-cases.js';
import { isBuiltinDocument } from '../../language/model/builtin.js';

/**
 * Every quick fix end to end with langium/test `testCodeAction`: the diagnostic is reported once, exactly one action
 * is offered, applying it gives the expected text, and the fixed text no longer has that diagnostic.
 */
let check: ReturnType<typeof testCodeAction>;

beforeAll(async () => {
    const runner = await createValidationRunner();
    // Each text is its own workspace: testCodeAction keeps the text before the fix open while it validates the text
    // after it, and the two would otherwise see each other's declarations (duplicates, cross-document bindings).
    const { LangiumDocuments: documents, IndexManager: index } = runner.shared.workspace;
    const add = documents.addDocument.bind(documents);
    documents.addDocument = document => {
        for (const other of documents.all.toArray()) {
            if (!isBuiltinDocument(other)) {
                documents.deleteDocument(other.uri);
                index.remove(other.uri);
            }
        }
        add(document);
    };
    check = testCodeAction(runner.Iom);
});

const fix = (input: string, code: string, output: string) => check(input, code, output);

const journey = (body: string) => `journey J {\n    orchestration type "Order orchestration"\n${body}}\n`;
const step = (tile: string, settings: string) => `    step A : ${tile} {\n${settings}    }\n`;
const conn = (name: string) =>
    `connection ${name} {\n    connector "Microsoft Dataverse"\n    url "https://make.powerautomate.com/environments/Default-1/connections?apiName=x&connectionName=y"\n}\n`;
const definition =
    'provider definition D {\n    logical name contoso_D\n    active\n    connection reference Ref { connector "Microsoft Dataverse" }\n}\n';

describe('quick fixes', () => {
    test('IOM4001: allow the event as input of the action type', async () => {
        const input = journey(step('"Validate Order Line"', '        input events "New Order"\n'));
        await fix(input, 'IOM4001', `${input}\nallow "New Order" as input of "Order Line Validation"\n`);
    });

    test('IOM1001: replace a misspelled reference with the suggestion', async () => {
        await fix(
            journey(step('"Validate Order Header"', '        input events "New Ordr"\n')),
            'IOM1001',
            journey(step('"Validate Order Header"', '        input events "New Order"\n'))
        );
    });

    test('IOM1001: create a missing event', async () => {
        const input = 'allow Returned as input of "Order Validation"\n';
        await fix(input, 'IOM1001', `${input}\nevent Returned\n`);
    });

    test('IOM1001: create a missing connection', async () => {
        const input = `${definition}provider P from D {\n    bind Ref to Mailbox\n}\n`;
        await fix(input, 'IOM1001', `${input}\nconnection Mailbox {\n    url ""\n}\n`);
    });

    test('IOM1001: create a missing filter policy', async () => {
        const input = journey(step('"Validate Order Header"', '        input events "New Order"\n        filter policies Wholesale\n'));
        await fix(
            input,
            'IOM1001',
            `${input}\npolicy Wholesale {\n    type filter\n    criticality information\n    entity Order\n    published\n}\n`
        );
    });

    test('IOM6004: switch the policy to a filter policy', async () => {
        const policy = (type: string) =>
            `policy P {\n    type ${type}\n    criticality information\n    entity Order\n    rule R { Name contains data }\n}\n`;
        const rest = journey(step('"Validate Order Header"', '        input events "New Order"\n        filter policies P\n'));
        await fix(policy('execution') + rest, 'IOM6004', policy('filter') + rest);
    });

    test('IOM5005: switch a filter policy with Set Value actions to an execution policy', async () => {
        const policy = (type: string) =>
            `policy P {\n    type ${type}\n    criticality information\n    entity "Order product"\n    rule R {\n        Quantity >= 100\n        set "Fulfillment Source" = "Seattle store"\n    }\n}\n`;
        await fix(policy('filter'), 'IOM5005', policy('execution'));
    });

    test('IOM3002: add the missing required parameter', async () => {
        const def = 'provider definition D {\n    logical name contoso_D\n    active\n    parameter Email { type Text required }\n}\n';
        await fix(
            `${def}provider P from D {\n    mapping group "Default mapping group"\n}\n`,
            'IOM3002',
            `${def}provider P from D {\n    mapping group "Default mapping group"\n    parameter Email = ""\n}\n`
        );
    });

    test('IOM2007: remove the unused connection', async () => {
        const used = `${definition}provider P from D {\n    bind Ref to C\n}\n${conn('C')}`;
        await fix(`${used}\n/** Not used. */\n${conn('Spare')}`, 'IOM2007', `${used}\n`);
    });

    test('IOM4006: remove the redundant allow', async () => {
        await fix('event Other\nallow "New Order" as input of "Order Validation"\n', 'IOM4006', 'event Other\n');
    });

    test('IOM6006: add the missing no path', async () => {
        const before = '    condition Ok {\n        yes { }\n    }\n';
        const after = '    condition Ok {\n        yes { }\n        no { }\n    }\n';
        const first = step('"Validate Order Header"', '        input events "New Order"\n');
        await fix(journey(first + before), 'IOM6006', journey(first + after));
    });

    test('IOM4005: use the action type the tile implies', async () => {
        const input =
            'allow "New Order" as input of "Order Line Validation"\n' +
            journey(step('"Validate Order Header"', '        action type "Order Line Validation"\n        input events "New Order"\n'));
        await fix(input, 'IOM4005', input.replace('action type "Order Line Validation"', 'action type "Order Validation"'));
    });

    test('IOM6001: add the orchestration type', async () => {
        const body = step('"Validate Order Header"', '        input events "New Order"\n');
        await fix(`journey J {\n${body}}\n`, 'IOM6001', journey(body));
    });

    test('IOM6012: make the condition a Condition-Merge', async () => {
        const first = step('"Validate Order Header"', '        input events "New Order"\n');
        const rest =
            '        yes { }\n        no { }\n    }\n    step B : "Validate Order Line" { input events "Validation of Order Header has Succeeded" }\n';
        await fix(journey(`${first}    condition Ok {\n${rest}`), 'IOM6012', journey(`${first}    condition merge Ok {\n${rest}`));
    });

    test('IOM9001: remove the unused suppression', async () => {
        await fix('// iom-disable-next-line IOM2007\nevent Spare\n', 'IOM9001', 'event Spare\n');
    });

    test('IOM3017: add the source object of a Dataverse-entity transformation', async () => {
        const def = (settings: string) =>
            `provider definition D {\n    logical name contoso_D\n    transformation T {\n        logical name contoso_T\n${settings}    }\n}\n`;
        await fix(
            def('        source type DataverseEntity\n        destination object "Fulfillment email"\n'),
            'IOM3017',
            def('        source type DataverseEntity\n        destination object "Fulfillment email"\n        source object ""\n')
        );
    });

    test('IOM3018: add the destination object, also to a one-line transformation', async () => {
        const def = (transformation: string) => `provider definition D {\n    logical name contoso_D\n${transformation}}\n`;
        await fix(
            def('    transformation T { logical name contoso_T source type JsonPayload }\n'),
            'IOM3018',
            def('    transformation T {\n        logical name contoso_T source type JsonPayload\n        destination object ""\n    }\n')
        );
    });

    test('IOM3009: activate the provider', async () => {
        const def =
            'provider definition AD {\n    logical name contoso_AD\n    active\n    logic Act { type provider action action type "Order Validation" }\n}\n';
        const rest = journey(step('"Validate Order Header"', '        input events "New Order"\n        provider AP action Act\n'));
        await fix(
            `${def}provider AP from AD {\n    mapping group "Default mapping group"\n}\n${rest}`,
            'IOM3009',
            `${def}provider AP from AD {\n    mapping group "Default mapping group"\n    activated\n}\n${rest}`
        );
    });
});
