/**
 * The quick-start lab's journey (examples/quickstart-lab) as every view of it draws it: the entry event, then its
 * steps and its Splitter in order. The editor's graph, the webview in Chromium and the Mermaid rendering all check it.
 */
export const QUICKSTART_LAB_NODES: readonly string[] = [
    'New Order',
    'Order header validation',
    'Order line validation',
    'Simple fulfillment determination',
    'Fulfillment split',
    'Send to Seattle',
    'Send to Chicago'
];
