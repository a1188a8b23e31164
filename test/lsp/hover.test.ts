import { expectHover, parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { createLspTestServices, withCursor } from './helpers.js';

const services = await createLspTestServices();
const hover = expectHover(services.Iom);
const parse = parseHelper(services.Iom);

async function hoverText(textWithCursor: string): Promise<string | undefined> {
    const { text, offset } = withCursor(textWithCursor);
    const document = await parse(text);
    const result = await services.Iom.lsp.HoverProvider!.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(offset)
    });
    return (result?.contents as { value: string } | undefined)?.value;
}

const journey = `
/** Sends orders on. */
journey "Main" {
    orchestration type "Order orchestration"
    step "Check" : "Validate Order Header" {
        input events "New Order"
        output events Done
        execution policies Checks
    }
    step "Next" : Custom {
        action type "Order Line Validation"
        input events D<|>one
    }
}
/** Raised when checks pass. */
event Done { entity Order }
policy Checks { type execution criticality critical entity Order published rule R { "Order Number" contains data } }
`;

describe('hover', () => {
    test('a declaration: code line, kind, doc comment and key settings', async () => {
        await hover({
            text: '/** The main flow. */\njourney "M<|>ain" {\n    orchestration type "Order orchestration"\n    published\n    step s : Custom { }\n}',
            index: 0,
            hover: /^```iom\njourney Main\n```\n\nJourney\.\n\nThe main flow\.\n\n- Orchestration type: Order orchestration\n- Published\n- Steps: 1$/
        });
    });

    test('an event: the steps that raise and consume it in this workspace', async () => {
        const text = await hoverText(journey);
        expect(text).toContain('Raised when checks pass.');
        expect(text).toContain('Raised by: `Check` (journey `Main`)');
        expect(text).toContain('Consumed by: `Next` (journey `Main`)');
        expect(text).toContain('Entity: `Order`');
    });

    test('a built-in catalog item: its catalog documentation', async () => {
        const text = await hoverText('journey J {\n    step s : Custom {\n        input events "New O<|>rder"\n    }\n}');
        expect(text).toMatch(/^```iom\nevent "New Order"\n```\n\nBuilt-in business event \(IOM catalog\)\./);
        expect(text).toContain('Entry event of a journey.');
        expect(text).toContain('Consumed by: `s` (journey `J`)');
    });

    test('a tile: what it does and the action type it implies', async () => {
        const text = await hoverText('journey J {\n    step s : "Validate Order <|>Header" { }\n}');
        expect(text).toContain('Built-in tile');
        expect(text).toContain('Checks the order header');
        expect(text).toContain('Implies action type `Order Validation`');
        const custom = await hoverText('journey J {\n    step s : Cus<|>tom { }\n}');
        expect(custom).toContain('Implies no action type: set `action type` on the step');
    });

    test('a field: its type and entity', async () => {
        const text = await hoverText('policy P {\n    entity "Order Product"\n    rule R {\n        Quan<|>tity >= 5\n    }\n}');
        expect(text).toMatch(/^```iom\nfield Quantity : number\n```/);
        expect(text).toContain('- Type: `number`');
        expect(text).toContain('- Entity: `Order product`');
        expect(text).toContain('- Column: `quantity`');
    });

    test('a step: the action type its tile implies', async () => {
        const text = await hoverText('journey J {\n    step "Che<|>ck" : "Validate Order Header" { }\n}');
        expect(text).toContain('Action type: `Order Validation` (implied by the tile)');
    });

    test('a provider action and a provider: definition and actions', async () => {
        const text = await hoverText(
            'provider DOM from "Dynamics 365 Distributed Order Management" { activated }\njourney J {\n    step s : "Send to DOM" {\n        provider DOM action "Send Order to <|>Retail DOM"\n    }\n}'
        );
        expect(text).toContain('Built-in provider action');
        expect(text).toContain('Provider definition: `Dynamics 365 Distributed Order Management`');
        const provider = await hoverText('provider D<|>OM from "Dynamics 365 Distributed Order Management" { activated }');
        expect(provider).toContain('Definition: `Dynamics 365 Distributed Order Management`');
        expect(provider).toContain('Activated');
    });

    test('keywords say what they introduce, operators what they mean', async () => {
        expect(await hoverText('jour<|>ney J { }')).toContain('Declares an orchestration journey');
        expect(await hoverText('journey J { step s : Custom { input ev<|>ents "New Order" } }')).toBe(
            '`input events`: The business events that start this step.'
        );
        expect(await hoverText('journey J { step s : Custom <|>{ } }')).toBeUndefined();
        expect(await hoverText('policy P { entity Order rule R { "Order Number" !<|>= "x" } }')).toContain("Doesn't equal");
    });

    test('on the opening quote of a quoted name', async () => {
        expect(await hoverText('journey J {\n    step s : <|>"Send to DOM" { }\n}')).toContain('Built-in tile');
    });

    test('hover next to comments and in half-typed code still works', async () => {
        const text = await hoverText('// a comment\njourney J { // more\n    step s : Cus<|>tom {\n        input events\n');
        expect(text).toContain('Built-in tile');
    });
});

describe('hover: state framework', () => {
    test('an event shows its state transitions, or that IOM sets no state without one', async () => {
        const withTransitions = await hoverText('transition on "On Hand Check F<|>ailed" { from New to "On Hold" reason "Backorder Hold" }');
        expect(withTransitions).toContain('State transitions: `New` → `On Hold` (`Backorder Hold`)');
        const without = await hoverText('event Shi<|>pped { entity Order }');
        expect(without).toContain('State transitions: none (IOM sets no state when this event is raised)');
    });

    test('a state shows its entity, whether it is out-of-box, its timeline position and reasons', async () => {
        const builtin = await hoverText('transition on "On Hand Check Failed" { from New to "On H<|>old" }');
        expect(builtin).toContain('state "On Hold"');
        expect(builtin).toContain('Entity: `Order`');
        expect(builtin).toContain('Out-of-box: read-only');
        expect(builtin).toContain('Timeline position: 3');
        const user = await hoverText('extend entity Order { state "Awai<|>ting stock" { reason "Waiting" timeline position 3 } }');
        expect(user).toContain('User state definition');
        expect(user).toContain('Reasons: `Waiting`');
    });

    test('a custom column says which entity it extends', async () => {
        const text = await hoverText('extend entity Order { field "Loyalty t<|>ier" : text { column contoso_tier } }');
        expect(text).toContain('Entity: `Order` (custom column added by `extend entity`)');
        expect(text).toContain('Column: `contoso_tier`');
    });
});

describe('hover: email templates and fixed action types', () => {
    const workspace = (cursorIn: 'step' | 'template' | 'tile') => `
/** Sent when an order waits for stock. */
email template "Backorder notice" {
    entity Order
    placeholder P1 = "Order Number"
    subject "Order {{P1}} is on backorder"
    body "Soon."
}
journey J {
    orchestration type "Order orchestration"
    step ${cursorIn === 'step' ? 'M<|>ail' : 'Mail'} : ${cursorIn === 'tile' ? '"Send em<|>ail"' : '"Send email"'} {
        input events "New Order"
        email template ${cursorIn === 'template' ? '"Backorder no<|>tice"' : '"Backorder notice"'}
    }
}`;

    test('a step shows the action type its tile fixes and its email template', async () => {
        const text = await hoverText(workspace('step'));
        expect(text).toContain('Action type: `Send email` (implied by the tile)');
        expect(text).toContain('Email template: `Backorder notice`');
    });

    test('a template reference shows the custom template: entity, placeholders, subject, doc comment', async () => {
        const text = await hoverText(workspace('template'));
        expect(text).toContain('email template "Backorder notice"');
        expect(text).toContain('Custom email template');
        expect(text).toContain('Entity: `Order`');
        expect(text).toContain('Placeholders: `P1` = `Order Number`');
        expect(text).toContain('Subject: `Order {{P1}} is on backorder`');
        expect(text).toContain('Sent when an order waits for stock.');
    });

    test('a catalog template and a catalog provider action show what the catalog says', async () => {
        const template = await hoverText('journey J { step S : "Send email" { email template "Order Confir<|>mation" } }');
        expect(template).toContain('Catalog template of the Dynamics 365 Communication provider: read-only');
        expect(template).toContain('Entity: `Order`');
        const action = await hoverText(
            'provider F from "Fulfillment and Returns Optimization" { }\njourney J { step S : "Send to Fulfillment and Returns Optimization" { provider F action "Send to fulfillment optim<|>ization" } }'
        );
        expect(action).toContain('Action type: `Fulfillment optimization`');
        expect(action).toContain('Raises: `Fulfillment optimization request succeeded`, `Fulfillment optimization request failed`');
    });
});
