/**
 * Tile icons: inline SVG drawn on a 16×16 grid with `currentColor` strokes (no fonts, no network). One per action
 * tile of the Order orchestration designer (domain reference 3.2), per control element (3.3), and for entry events,
 * merge points and provider actions.
 */
import type { GraphNode } from './model.js';

export type IconKey =
    | 'validate-header'
    | 'validate-line'
    | 'dom'
    | 'assign-source'
    | 'fulfillment'
    | 'finance-operations'
    | 'invoice'
    | 'fro'
    | 'email'
    | 'custom'
    | 'condition'
    | 'splitter'
    | 'merge'
    | 'event'
    | 'provider-action';

const TILE_ICONS: Record<string, IconKey> = {
    'validate order header': 'validate-header',
    'validate order line': 'validate-line',
    'send to dom': 'dom',
    'assign fulfillment source': 'assign-source',
    'send to fulfillment': 'fulfillment',
    'send to fulfillment – dynamics 365 finance and operations apps': 'finance-operations',
    'send to fulfillment - dynamics 365 finance and operations apps': 'finance-operations',
    'send to invoice': 'invoice',
    'send to fulfillment and returns optimization': 'fro',
    'send to intelligent fulfillment optimization': 'fro',
    'send email': 'email',
    custom: 'custom'
};

/** The icon of a node: its tile's, else its kind's. Unknown tiles get the Custom icon. */
export function iconOf(node: GraphNode): IconKey {
    switch (node.kind) {
        case 'condition':
            return 'condition';
        case 'splitter':
            return 'splitter';
        case 'merge':
            return 'merge';
        case 'entry':
        case 'event':
            return 'event';
        case 'providerAction':
            return 'provider-action';
        case 'step':
            return TILE_ICONS[(node.tile ?? '').toLowerCase()] ?? 'custom';
    }
}

/** SVG elements of each icon, on a 16×16 grid (stroke and fill set by the surrounding group). */
export const ICONS: Record<IconKey, string> = {
    // A document with a check mark.
    'validate-header': '<path d="M3 1.5h7l3 3v10H3z"/><path d="M10 1.5v3h3"/><path d="M5.5 9.5l2 2 3.5-4"/>',
    // Lines of a list, each ticked.
    'validate-line': '<path d="M1.5 4l1.2 1.2L4.8 3M1.5 8.5l1.2 1.2 2.1-2.2M1.5 13l1.2 1.2 2.1-2.2"/><path d="M7 4h7.5M7 8.5h7.5M7 13h7.5"/>',
    // A hub distributing to three points.
    dom: '<circle cx="8" cy="8" r="2"/><circle cx="2.5" cy="2.5" r="1.5"/><circle cx="13.5" cy="2.5" r="1.5"/><circle cx="8" cy="14" r="1.5"/><path d="M6.6 6.6L3.6 3.6M9.4 6.6l3-3M8 10v2.5"/>',
    // A map pin.
    'assign-source': '<path d="M8 15s-5-5.2-5-8.5a5 5 0 0110 0C13 9.8 8 15 8 15z"/><circle cx="8" cy="6.5" r="1.8"/>',
    // A delivery truck.
    fulfillment:
        '<path d="M1 3.5h8.5v8H1z"/><path d="M9.5 6h3l2.5 3v2.5h-5.5"/><circle cx="4" cy="12.5" r="1.5"/><circle cx="12" cy="12.5" r="1.5"/>',
    // A building (finance and operations).
    'finance-operations': '<path d="M2 15V5l6-3.5L14 5v10z"/><path d="M5 8h1.5M9.5 8H11M5 11h1.5M9.5 11H11M7 15v-2.5h2V15"/>',
    // A receipt with a currency sign.
    invoice:
        '<path d="M3 1.5h10v13l-2-1.2-1.7 1.2-1.3-1.2-1.3 1.2L5 13.3l-2 1.2z"/><path d="M9.8 5.2C9.4 4.6 8.8 4.4 8 4.4c-1 0-1.8.5-1.8 1.3 0 1.8 3.6 1 3.6 2.9 0 .8-.8 1.4-1.8 1.4-.9 0-1.6-.3-2-.9M8 3.5v7.8"/>',
    // A gauge (optimization).
    fro: '<path d="M2 12a6 6 0 1112 0"/><path d="M8 12l3-4.5"/><circle cx="8" cy="12" r="1"/>',
    // An envelope.
    email: '<path d="M1.5 3.5h13v9h-13z"/><path d="M1.5 3.5L8 9l6.5-5.5"/>',
    // A gear.
    custom: '<circle cx="8" cy="8" r="2.3"/><path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4"/>',
    // A diamond with a question mark.
    condition: '<path d="M8 1l7 7-7 7-7-7z"/><path d="M6.4 6.5a1.7 1.7 0 113 1c-.6.4-1.4.7-1.4 1.6M8 11v.5"/>',
    // One path forking into two.
    splitter: '<path d="M8 15V8.5M8 8.5L3 3.5M8 8.5l5-5"/><path d="M3 7V3.5h3.5M13 7V3.5H9.5"/>',
    // Two paths joining into one.
    merge: '<path d="M3 1.5v3.5L8 10l5-5V1.5M8 10v5"/><path d="M5.5 12.5L8 15l2.5-2.5"/>',
    // A lightning bolt (a business event).
    event: '<path d="M9.5 1L3.5 9h4l-1 6 6-8h-4z"/>',
    // A plug (a provider action).
    'provider-action': '<path d="M5.5 1.5v3.5M10.5 1.5v3.5"/><path d="M3.5 5h9v2.5a4.5 4.5 0 01-9 0z"/><path d="M8 12v3"/>'
};
