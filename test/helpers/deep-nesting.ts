/**
 * Deeply nested sources of every nestable construct, for the nesting tests (issue 10 item 2, issue 12): `levels`
 * levels of one construct, with a comparison or a step at the innermost level.
 */
export const NESTABLE = ['group and', 'group or', 'related', 'condition', 'condition merge', 'splitter', 'splitter merge', 'mixed'] as const;
export type Nestable = (typeof NESTABLE)[number];

/** `{ }` blocks opened per level of a construct. */
export function blocksPerLevel(kind: Nestable): number {
    return kind.startsWith('group') || kind === 'related' ? 1 : 2;
}

const innermostStep = 'step Deepest : "Validate Order Header" { description "the innermost step" }\n';

export function deeplyNested(kind: Nestable, levels: number): string {
    if (kind.startsWith('group') || kind === 'related') {
        const open = kind === 'related' ? 'related "Customer" {\n' : `${kind} {\n`;
        return (
            'policy Deep {\n    type filter\n    criticality information\n    entity Order\n    rule Nested {\n' +
            open.repeat(levels) +
            '"Order Number" = "innermost"\n' +
            '}\n'.repeat(levels) +
            '    }\n}\n'
        );
    }
    let text = 'journey Deep {\n    orchestration type "Order orchestration"\n';
    for (let i = 0; i < levels; i++) {
        const construct = kind === 'mixed' ? (i % 2 === 0 ? 'condition merge' : 'splitter') : kind;
        text += construct.startsWith('condition')
            ? `${construct} C${i} { no { } yes {\n`
            : `${construct} S${i} { branch Other${i} { } branch B${i} {\n`;
    }
    return text + innermostStep + '} }\n'.repeat(levels) + '}\n';
}
