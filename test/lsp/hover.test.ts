import { expectHover } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { createLspTestServices, hoverTextOf } from './helpers.js';

const services = await createLspTestServices();
const hover = expectHover(services.Iom);

const hoverText = hoverTextOf(services);

/** A hover test: a text with the cursor at <|>, and what its hover shows (a text it contains, or a pattern it matches). */
interface HoverCase {
    name: string;
    text: string;
    shows: Array<string | RegExp>;
}

/** The hover at the cursor contains each text and matches each pattern of `shows`. */
async function expectHoverShows(textWithCursor: string, shows: Array<string | RegExp>): Promise<void> {
    const text = await hoverText(textWithCursor);
    for (const expected of shows) {
        if (typeof expected === 'string') expect(text).toContain(expected);
        else expect(text).toMatch(expected);
    }
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
    const cases: HoverCase[] = [
        {
            name: 'an event: the steps that raise and consume it in this workspace',
            text: journey,
            shows: ['Raised when checks pass.', 'Raised by: `Check` (journey `Main`)', 'Consumed by: `Next` (journey `Main`)', 'Entity: `Order`']
        },
        {
            name: 'a built-in catalog item: its catalog documentation',
            text: 'journey J {\n    step s : Custom {\n        input events "New O<|>rder"\n    }\n}',
            shows: [
                /^```iom\nevent "New Order"\n```\n\nBuilt-in business event \(IOM catalog\)\./,
                'Entry event of a journey.',
                'Consumed by: `s` (journey `J`)'
            ]
        },
        {
            name: 'a field: its type and entity',
            text: 'policy P {\n    entity "Order Product"\n    rule R {\n        Quan<|>tity >= 5\n    }\n}',
            shows: [/^```iom\nfield Quantity : number\n```/, '- Type: `number`', '- Entity: `Order product`', '- Column: `quantity`']
        },
        {
            name: 'a step: the action type its tile implies',
            text: 'journey J {\n    step "Che<|>ck" : "Validate Order Header" { }\n}',
            shows: ['Action type: `Order Validation` (implied by the tile)']
        },
        {
            name: 'a tile: what it does and the action type it implies',
            text: 'journey J {\n    step s : "Validate Order <|>Header" { }\n}',
            shows: ['Built-in tile', 'Checks the order header', 'Implies action type `Order Validation`']
        },
        {
            name: 'the Custom tile: no action type implied',
            text: 'journey J {\n    step s : Cus<|>tom { }\n}',
            shows: ['Implies no action type: set `action type` on the step']
        },
        {
            name: 'a provider action: its definition',
            text: 'provider DOM from "Dynamics 365 Distributed Order Management" { activated }\njourney J {\n    step s : "Send to DOM" {\n        provider DOM action "Send Order to <|>Retail DOM"\n    }\n}',
            shows: ['Built-in provider action', 'Provider definition: `Dynamics 365 Distributed Order Management`']
        },
        {
            name: 'a provider: its definition and whether it is activated',
            text: 'provider D<|>OM from "Dynamics 365 Distributed Order Management" { activated }',
            shows: ['Definition: `Dynamics 365 Distributed Order Management`', 'Activated']
        },
        { name: 'on the opening quote of a quoted name', text: 'journey J {\n    step s : <|>"Send to DOM" { }\n}', shows: ['Built-in tile'] },
        {
            name: 'next to comments and in half-typed code',
            text: '// a comment\njourney J { // more\n    step s : Cus<|>tom {\n        input events\n',
            shows: ['Built-in tile']
        }
    ];

    test.each(cases)('$name', async ({ text, shows }) => expectHoverShows(text, shows));

    test('a declaration: code line, kind, doc comment and key settings', async () => {
        await hover({
            text: '/** The main flow. */\njourney "M<|>ain" {\n    orchestration type "Order orchestration"\n    published\n    step s : Custom { }\n}',
            index: 0,
            hover: /^```iom\njourney Main\n```\n\nJourney\.\n\nThe main flow\.\n\n- Orchestration type: Order orchestration\n- Published\n- Steps: 1$/
        });
    });

    test('keywords say what they introduce, operators what they mean', async () => {
        expect(await hoverText('jour<|>ney J { }')).toContain('Declares an orchestration journey');
        expect(await hoverText('journey J { step s : Custom { input ev<|>ents "New Order" } }')).toBe(
            '`input events`: The business events that start this step.'
        );
        expect(await hoverText('journey J { step s : Custom <|>{ } }')).toBeUndefined();
        expect(await hoverText('policy P { entity Order rule R { "Order Number" !<|>= "x" } }')).toContain("Doesn't equal");
    });
});

describe('hover: state framework', () => {
    const cases: HoverCase[] = [
        {
            name: 'an event with state transitions shows them',
            text: 'transition on "On Hand Check F<|>ailed" { from New to "On Hold" reason "Backorder Hold" }',
            shows: ['State transitions: `New` → `On Hold` (`Backorder Hold`)']
        },
        {
            name: 'an event without one says that IOM sets no state',
            text: 'event Shi<|>pped { entity Order }',
            shows: ['State transitions: none (IOM sets no state when this event is raised)']
        },
        {
            name: 'an out-of-box state: its entity, read-only, its timeline position',
            text: 'transition on "On Hand Check Failed" { from New to "On H<|>old" }',
            shows: ['state "On Hold"', 'Entity: `Order`', 'Out-of-box: read-only', 'Timeline position: 3']
        },
        {
            name: 'a user state: its reasons',
            text: 'extend entity Order { state "Awai<|>ting stock" { reason "Waiting" timeline position 3 } }',
            shows: ['User state definition', 'Reasons: `Waiting`']
        },
        {
            name: 'a custom column says which entity it extends',
            text: 'extend entity Order { field "Loyalty t<|>ier" : text { column contoso_tier } }',
            shows: ['Entity: `Order` (custom column added by `extend entity`)', 'Column: `contoso_tier`']
        }
    ];

    test.each(cases)('$name', async ({ text, shows }) => expectHoverShows(text, shows));
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

    const cases: HoverCase[] = [
        {
            name: 'a step shows the action type its tile fixes and its email template',
            text: workspace('step'),
            shows: ['Action type: `Send email` (implied by the tile)', 'Email template: `Backorder notice`']
        },
        {
            name: 'a template reference shows the custom template: entity, placeholders, subject, doc comment',
            text: workspace('template'),
            shows: [
                'email template "Backorder notice"',
                'Custom email template',
                'Entity: `Order`',
                'Placeholders: `P1` = `Order Number`',
                'Subject: `Order {{P1}} is on backorder`',
                'Sent when an order waits for stock.'
            ]
        },
        {
            name: 'a catalog template shows what the catalog says',
            text: 'journey J { step S : "Send email" { email template "Order Confir<|>mation" } }',
            shows: ['Catalog template of the Dynamics 365 Communication provider: read-only', 'Entity: `Order`']
        },
        {
            name: 'a catalog provider action shows its action type and the events it raises',
            text: 'provider F from "Fulfillment and Returns Optimization" { }\njourney J { step S : "Send to Fulfillment and Returns Optimization" { provider F action "Send to fulfillment optim<|>ization" } }',
            shows: [
                'Action type: `Fulfillment optimization`',
                'Raises: `Fulfillment optimization request succeeded`, `Fulfillment optimization request failed`'
            ]
        }
    ];

    test.each(cases)('$name', async ({ text, shows }) => expectHoverShows(text, shows));
});
