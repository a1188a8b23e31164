/**
 * The simulator's entry points: build the model of a loaded workspace from the compiler's lowered records, read
 * sample orders and mocks, and render traces. The CLI (`iom simulate`, `iom test`) and the language server's
 * commands are thin wrappers over these.
 */
import type { LangiumDocument } from 'langium';
import type { Digests } from '../compiler/hash.js';
import { compileWorkspace, type BlockingError, type CompileResult } from '../compiler/index.js';
import { EntityCatalog } from '../orders/entities.js';
import { SimulationModel } from './model.js';
import type { Mock, SimulationResult, TraceLine } from './simulate.js';

export * from '../orders/entities.js';
export * from '../orders/sample-order.js';
export * from './model.js';
export * from './simulate.js';

export interface ModelResult {
    model: SimulationModel;
    compiled: CompileResult;
    /** Error diagnostics of the workspace: a simulation of a workspace with errors is refused by the CLI. */
    errors: BlockingError[];
}

/** The simulation model of a workspace: the compiler's records of its documents, and its entities. */
export function buildModel(root: string, documents: readonly LangiumDocument[], digests?: Digests): ModelResult {
    const compiled = compileWorkspace({ root, documents, digests }, { allowErrors: true });
    const model = new SimulationModel(
        compiled.entries.map(entry => entry.record),
        EntityCatalog.of(documents)
    );
    return { model, compiled, errors: compiled.errors };
}

/** Parses `Provider/Action=success|failure|events:A,B` against the workspace's provider actions. */
export function parseMock(text: string, model: SimulationModel): Mock {
    const equals = text.lastIndexOf('=');
    if (equals < 0) throw new Error(`--mock "${text}": write "Provider/Action=success", "=failure" or "=events:Event A,Event B".`);
    const target = text.slice(0, equals).trim();
    const outcome = text.slice(equals + 1).trim();
    const actions = model.providerActions();
    const match = actions.find(candidate => `${candidate.provider}/${candidate.action}` === target);
    if (!match) {
        const known = actions.map(candidate => `"${candidate.provider}/${candidate.action}"`).join(', ') || 'none';
        throw new Error(`--mock "${text}": no provider action "${target}". Provider actions of the workspace: ${known}.`);
    }
    if (outcome === 'success' || outcome === 'failure') return { ...match, outcome };
    if (outcome.startsWith('events:')) {
        const events = outcome
            .slice('events:'.length)
            .split(',')
            .map(event => event.trim())
            .filter(Boolean);
        const unknown = events.filter(event => !model.knowsEvent(event));
        if (unknown.length) throw new Error(`--mock "${text}": unknown business event ${unknown.map(e => `"${e}"`).join(', ')}.`);
        return { ...match, outcome: 'success', events: events.map(event => model.event(event).name) };
    }
    throw new Error(`--mock "${text}": the outcome is success, failure or events:Event A,Event B (not "${outcome}").`);
}

/** The trace as indented text lines. */
export function traceText(result: SimulationResult, locate?: (line: TraceLine) => string | undefined): string {
    const out: string[] = [];
    for (const line of result.lines) {
        const where = locate?.(line);
        out.push(`${'  '.repeat(line.depth)}${line.text}${where ? `  [${where}]` : ''}`);
    }
    out.push('');
    out.push('Journeys:');
    for (const journey of result.journeys) {
        out.push(
            `  ${journey.journey}: ${journey.entered ? 'entered' : 'not entered'}; visited ${journey.visited.length}, skipped ${journey.skipped.length}${journey.stoppedBy ? `; stopped by "${journey.stoppedBy.policy}"` : ''}`
        );
    }
    out.push(`Events raised: ${result.raised.map(event => `"${event.event}"`).join(', ') || 'none'}`);
    return out.join('\n') + '\n';
}

/** The trace as Markdown: a heading per journey, a nested list of lines, links to the sources when given. */
export function traceMarkdown(result: SimulationResult, link?: (line: TraceLine) => string | undefined): string {
    const out: string[] = [`# Simulation of "${result.event}"`, ''];
    for (const line of result.lines) {
        const target = link?.(line);
        const text = line.text.replace(/([\\`*_[\]<>|])/g, '\\$1');
        const body = line.kind === 'assumption' ? `*${text}*` : line.kind === 'stop' ? `**${text}**` : text;
        out.push(`${'  '.repeat(line.depth)}- ${body}${target ? ` ([source](${target}))` : ''}`);
    }
    out.push('', '| journey | entered | visited | skipped | stopped by |', '|---|---|---|---|---|');
    for (const journey of result.journeys) {
        out.push(
            `| ${journey.journey} | ${journey.entered ? 'yes' : `no: ${journey.reason}`} | ${journey.visited.length} | ${journey.skipped.length} | ${journey.stoppedBy?.policy ?? ''} |`
        );
    }
    return out.join('\n') + '\n';
}

/** The JSON form: the whole result, plus the per-journey overlay the journey graph reads ({ journey, visited, skipped }). */
export function traceJson(result: SimulationResult): string {
    return (
        JSON.stringify(
            {
                ...result,
                overlays: result.journeys.map(journey => ({ journey: journey.journey, visited: journey.visited, skipped: journey.skipped }))
            },
            null,
            2
        ) + '\n'
    );
}
export * from './tests.js';
export * from './order-schema.js';
