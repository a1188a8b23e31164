import { describe, expect, test } from 'vitest';
import {
    type ActionType,
    type ActionTypeInput,
    type BusinessEvent,
    type Comparison,
    type ConditionElement,
    type ConditionGroup,
    type Connection,
    type Connector,
    isComparison,
    isConditionElement,
    isConditionGroup,
    isRelatedCondition,
    isSplitter,
    isStep,
    type Journey,
    type Platform,
    type Policy,
    type ProviderDefinition,
    type ProviderInstance,
    type RelatedCondition,
    type Splitter,
    type Step
} from '../../language/generated/ast.js';
import { createTestServices, describeDiagnostics } from '../helpers/language-services.js';
import { itemAt } from '../helpers/items.js';

const services = await createTestServices();

/** Parses and links; these tests are about syntax and references, so only those diagnostics must be absent. */
async function parseClean(text: string) {
    const document = await services.validate(text);
    expect(describeDiagnostics(document).filter(d => / IOM(0\d{3}|1001) /.test(d))).toEqual([]);
    return document.parseResult.value;
}

describe('every construct parses into the expected AST', () => {
    test('a connection with its connector and URL, and a custom connector', async () => {
        const model = await parseClean(`
            /** The lab's RequestBin. */
            connector RequestBin { description "Custom connector" }
            connection Bin {
                connector RequestBin
                url "https://make.powerautomate.com/connections/1"
                description "Chicago store"
            }`);
        const [connector, connection] = model.elements as [Connector, Connection];
        expect(connector).toMatchObject({ $type: 'Connector', name: 'RequestBin', description: 'Custom connector' });
        expect(connection).toMatchObject({
            $type: 'Connection',
            name: 'Bin',
            url: 'https://make.powerautomate.com/connections/1',
            description: 'Chicago store'
        });
        expect(connection.connector?.ref).toBe(connector);
    });

    test('platform references bound to connections, and the system activated', async () => {
        const model = await parseClean(`
            connection Dataverse { connector "Microsoft Dataverse" url "https://x/1" }
            platform {
                bind "Microsoft Dataverse" to Dataverse
                bind "Microsoft Dataverse - Application" to Dataverse
                activated
            }`);
        const platform = model.elements[1] as Platform;
        expect(platform.activated).toBe(true);
        expect(platform.bindings.map(b => [b.reference.ref?.name, b.connection.ref?.name])).toEqual([
            ['Microsoft Dataverse', 'Dataverse'],
            ['Microsoft Dataverse - Application', 'Dataverse']
        ]);
    });

    test('a provider definition with every component', async () => {
        const model = await parseClean(`
            provider definition Lab {
                logical name msdyn_Lab
                service type "Fulfillment"
                description "A lab provider"
                active
                connection reference "Microsoft Dataverse" { connector "Microsoft Dataverse" }
                parameter Email { display name "Outbound email" type Text required }
                transformation "Order to order" {
                    logical name msdyn_OrderToOrder
                    source type JsonPayload
                    source object "order"
                    destination object "salesorder"
                    query """
                        let Source = Payload
                        in Source
                    """
                }
                logic "Send it" {
                    type provider action
                    action type "Send to Fulfillment"
                    workflow "Send it flow"
                    timeout 10
                    retries 3
                    client data "{{Email}}"
                }
                logic "Pull" { type message puller }
                event "Lab order shipped" { entity Order state "Completed" status "Shipped" }
            }`);
        const definition = model.elements[0] as ProviderDefinition;
        expect(definition).toMatchObject({ name: 'Lab', logicalName: 'msdyn_Lab', serviceType: 'Fulfillment', active: true });
        expect(definition.connectionReferences[0]?.connector?.ref?.name).toBe('Microsoft Dataverse');
        expect(definition.parameters[0]).toMatchObject({ name: 'Email', displayName: 'Outbound email', dataType: 'Text', required: true });
        expect(definition.transformations[0]).toMatchObject({
            name: 'Order to order',
            sourceType: 'JsonPayload',
            sourceObject: 'order',
            destinationObject: 'salesorder',
            query: 'let Source = Payload\nin Source'
        });
        expect(definition.logicDefinitions[0]).toMatchObject({
            logicType: 'provider action',
            workflow: 'Send it flow',
            timeoutMinutes: 10,
            maxRetries: 3,
            clientData: '{{Email}}'
        });
        expect(definition.logicDefinitions[0]?.actionType?.ref?.name).toBe('Send to Fulfillment');
        expect(definition.logicDefinitions[1]?.logicType).toBe('message puller');
        expect(definition.events[0]).toMatchObject({ name: 'Lab order shipped', state: 'Completed', status: 'Shipped' });
    });

    test('a provider instance from a catalog entry, with bindings, parameters and mapping group', async () => {
        const model = await parseClean(`
            connection Dataverse { connector "Microsoft Dataverse" url "https://x/1" }
            connection Store { connector BigCommerce url "https://x/2" }
            provider Shop from BigCommerce {
                bind "BigCommerce Common Data Service Connection" to Dataverse
                bind "BigCommerce connection" to Store
                parameter "BigCommerce store hash" = "abc"
                mapping group "Default mapping group"
                activated
            }`);
        const instance = model.elements[2] as ProviderInstance;
        expect(instance).toMatchObject({ name: 'Shop', activated: true });
        expect(instance.mappingGroup?.ref?.name).toBe('Default mapping group');
        expect(instance.definition.ref?.logicalName).toBe('msdyn_BigCommerce');
        expect(instance.bindings.map(b => b.reference.ref?.name)).toEqual(['BigCommerce Common Data Service Connection', 'BigCommerce connection']);
        expect(instance.parameters[0]?.parameter.ref?.name).toBe('BigCommerce store hash');
        expect(instance.parameters[0]?.value).toMatchObject({ $type: 'StringLiteral', value: 'abc' });
    });

    test('business events, action types and their allowed input events', async () => {
        const model = await parseClean(`
            event "Order packed" { entity Order description "Raised by the warehouse" }
            action type "Pack order" {
                input events "Order packed", "New Order"
                description "Packs the order"
            }
            allow "Order packed", "New order" as input of "Send to Fulfillment"`);
        const [event, actionType, allow] = model.elements as [BusinessEvent, ActionType, ActionTypeInput];
        expect(event).toMatchObject({ name: 'Order packed', description: 'Raised by the warehouse' });
        expect(event.entity?.ref?.table).toBe('salesorder');
        expect(actionType.inputEvents.map(e => e.ref?.name)).toEqual(['Order packed', 'New Order']);
        expect(allow.events.map(e => e.ref?.name)).toEqual(['Order packed', 'New Order']);
        expect(allow.actionType.ref?.name).toBe('Send to Fulfillment');
    });

    test('a policy with rows, nested And/Or groups, related-entity conditions and Set Value actions', async () => {
        const model = await parseClean(`
            policy "Assignment" {
                type execution
                criticality information
                entity "Order product"
                published
                rule "Big lines" {
                    Quantity >= 100
                    "Product Name" does not contain data
                    group or {
                        Quantity < 5
                        group and { "Price Per Unit" != 0 "Fulfillment Source" contains data }
                    }
                    related Order { "Ship to Country/Region" = "US" }
                    set "Fulfillment Source" = "Seattle store"
                    set "Price Per Unit" = 20.5
                }
            }`);
        const policy = model.elements[0] as Policy;
        expect(policy).toMatchObject({ policyType: 'execution', criticality: 'information', published: true });
        const rule = itemAt(policy.rules, 0);
        const [row, unary, group, related] = rule.conditions as [Comparison, Comparison, ConditionGroup, RelatedCondition];
        expect(row).toMatchObject({ operator: '>=', value: { value: 100 } });
        expect(row.field.ref?.fieldType).toBe('number');
        expect(unary.operator).toBe('does not contain data');
        expect(unary.value).toBeUndefined();
        expect(isConditionGroup(group) && group.combinator).toBe('or');
        const inner = group.conditions[1] as ConditionGroup;
        expect(inner.combinator).toBe('and');
        expect(inner.conditions.map(c => isComparison(c) && c.operator)).toEqual(['!=', 'contains data']);
        expect(isRelatedCondition(related) && related.relation.ref?.target.ref?.name).toBe('Order');
        expect((related.conditions[0] as Comparison).field.ref?.name).toBe('Ship to Country/Region');
        expect(rule.actions.map(a => [a.field.ref?.name, a.value.$type])).toEqual([
            ['Fulfillment Source', 'StringLiteral'],
            ['Price Per Unit', 'NumberLiteral']
        ]);
    });

    test('a journey with steps, Condition-Merge paths and nested Splitter branches', async () => {
        const model = await parseClean(`
            policy F { type filter criticality information entity Order published rule R { Name contains data } }
            journey "Nested" {
                orchestration type "Order orchestration"
                description "Nested control elements"
                published
                step "Validate" : "Validate Order Header" {
                    input event "New Order"
                    output events "Validation of Order Header has Succeeded"
                    description "Checks the header"
                }
                condition merge "Valid?" {
                    yes {
                        splitter "By source" {
                            branch "One" { step "A" : Custom { action type "Order Validation" input events "New Order" filter policy F } }
                            branch "Two" {
                                splitter merge "Inner" {
                                    branch X { step "B" : "Send email" { action type "Order Validation" input events "New Order" email template "Order Confirmation" } }
                                    branch Y { }
                                }
                            }
                        }
                    }
                    no { }
                }
            }`);
        const journey = model.elements[1] as Journey;
        expect(journey).toMatchObject({ name: 'Nested', orchestrationType: 'Order orchestration', published: true });
        const [step, condition] = journey.elements as [Step, ConditionElement];
        expect(isStep(step) && step.tile.ref?.actionType?.ref?.name).toBe('Order Validation');
        expect(step.inputEvents.map(e => e.ref?.name)).toEqual(['New Order']);
        expect(isConditionElement(condition) && condition.merge).toBe(true);
        expect(condition.paths.map(p => p.kind)).toEqual(['yes', 'no']);
        const splitter = itemAt(condition.paths, 0).elements[0] as Splitter;
        expect(isSplitter(splitter) && splitter.merge).toBe(false);
        expect(splitter.branches.map(b => b.name)).toEqual(['One', 'Two']);
        expect((splitter.branches[0]?.elements[0] as Step).filterPolicies[0]?.ref?.name).toBe('F');
        const inner = itemAt(splitter.branches, 1).elements[0] as Splitter;
        expect(inner.merge).toBe(true);
        expect((inner.branches[0]?.elements[0] as Step).emailTemplate?.$refText).toBe('Order Confirmation');
    });

    test('quoted names keep spaces, punctuation and en dashes; escapes are decoded', async () => {
        const model = await parseClean(`
            policy "Filter Policy – BigCommerce" { type filter entity Order rule "Say \\"hi\\"" { Name = "a\\\\b" } }`);
        const policy = model.elements[0] as Policy;
        expect(policy.name).toBe('Filter Policy – BigCommerce');
        expect(policy.rules[0]?.name).toBe('Say "hi"');
        expect(((policy.rules[0]?.conditions[0] as Comparison).value as { value: string }).value).toBe('a\\b');
    });

    test('doc comments are attached to the declaration that follows them', async () => {
        const document = await services.validate(`
            /** Sends every order to DOM. */
            journey J { orchestration type "Order orchestration" }`);
        const journey = itemAt(document.parseResult.value.elements, 0);
        expect(services.Iom.documentation.DocumentationProvider.getDocumentation(journey)).toBe('Sends every order to DOM.');
    });
});
