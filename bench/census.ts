/** What a built workspace is made of: the workload behind each figure (bench/run.ts prints it). */
import { type AstNode, AstUtils, URI } from 'langium';
import { isBuiltinDocument } from '../language/model/builtin.js';
import type { GeneratedWorkspace } from './generate.js';
import type { BuiltWorkspace } from './workspace-build.js';

/** What a built workspace is made of: counts per construct, the deepest nesting and the largest fan-in. */
export interface Census {
    files: number;
    lines: number;
    counts: Record<string, number>;
    /** The most `group`/`related` blocks nested in one another, and the most journey elements (Condition, Splitter). */
    conditionDepth: number;
    journeyDepth: number;
    /** The file referenced by the most other files, and by how many. */
    fanIn: { file: string; files: number };
    /** Business events in scope everywhere (the built-in library's included): the candidates of an event completion. */
    eventCandidates: number;
}

const CENSUS_TYPES: Array<[string, string]> = [
    ['ProviderDefinition', 'provider definitions'],
    ['ProviderInstance', 'provider instances'],
    ['BusinessEvent', 'events'],
    ['ActionType', 'action types'],
    ['Policy', 'policies'],
    ['Rule', 'rules'],
    ['ConditionGroup', 'and/or groups'],
    ['RelatedCondition', 'related-entity blocks'],
    ['Comparison', 'comparisons'],
    ['Journey', 'journeys'],
    ['Step', 'steps'],
    ['ConditionElement', 'conditions'],
    ['Splitter', 'splitters']
];

/** Counts the constructs of the workspace's own documents (not the built-in library) from their syntax trees. */
export function takeCensus(built: BuiltWorkspace, workspace: GeneratedWorkspace): Census {
    const counts: Record<string, number> = Object.fromEntries(CENSUS_TYPES.map(([, label]) => [label, 0]));
    const labels = new Map(CENSUS_TYPES);
    let conditionDepth = 0;
    let journeyDepth = 0;
    let eventCandidates = 0;
    const referencedBy = new Map<string, Set<string>>();
    for (const document of built.documents) {
        const builtin = isBuiltinDocument(document);
        const own = document.uri.toString();
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (node.$type === 'BusinessEvent') eventCandidates++;
            if (builtin) continue;
            const label = labels.get(node.$type);
            if (label) counts[label] = (counts[label] ?? 0) + 1;
            const rule = node.$type === 'ConditionGroup' || node.$type === 'RelatedCondition';
            const flow = node.$type === 'ConditionElement' || node.$type === 'Splitter';
            if (rule || flow) {
                // How many blocks of the same family (rule blocks, or journey elements) enclose this one, itself included.
                let depth = 0;
                for (let n: AstNode | undefined = node; n; n = n.$container) {
                    if (
                        rule
                            ? n.$type === 'ConditionGroup' || n.$type === 'RelatedCondition'
                            : n.$type === 'ConditionElement' || n.$type === 'Splitter'
                    )
                        depth++;
                }
                if (rule) conditionDepth = Math.max(conditionDepth, depth);
                else journeyDepth = Math.max(journeyDepth, depth);
            }
        }
        if (builtin) continue;
        for (const reference of document.references) {
            const target = ('$nodeDescription' in reference ? reference.$nodeDescription : undefined)?.documentUri?.toString();
            if (!target || target === own || isBuiltinDocument(URI.parse(target))) continue;
            let from = referencedBy.get(target);
            if (!from) referencedBy.set(target, (from = new Set()));
            from.add(own);
        }
    }
    let fanIn = { file: '', files: 0 };
    for (const [target, from] of referencedBy) {
        if (from.size > fanIn.files) fanIn = { file: target.replace('file:///bench/', ''), files: from.size };
    }
    return { files: workspace.files.length, lines: workspace.lines, counts, conditionDepth, journeyDepth, fanIn, eventCandidates };
}

export function describeCensus(census: Census): string {
    const counts = Object.entries(census.counts)
        .map(([label, n]) => `${n.toLocaleString('en-US')} ${label}`)
        .join(', ');
    return (
        `${census.files.toLocaleString('en-US')} files, ${census.lines.toLocaleString('en-US')} lines: ${counts}; ` +
        `groups/related nested ${census.conditionDepth} deep, conditions/splitters ${census.journeyDepth} deep; ` +
        `${census.fanIn.files.toLocaleString('en-US')} files reference ${census.fanIn.file}; ${census.eventCandidates.toLocaleString('en-US')} events in scope (event completion candidates)`
    );
}
