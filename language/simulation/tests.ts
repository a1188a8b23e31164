/**
 * `test` blocks: each names a sample order (a file or inline records), the starting event, mocks and expectations.
 * The simulator runs the order over the workspace's lowered records; the expectations are checked against the
 * result. Tests are read from the AST (they are not compiled: the compiler never emits them).
 */
import { AstUtils, type LangiumDocument, UriUtils } from 'langium';
import type { SourceLocation } from '../compiler/records.js';
import * as ast from '../generated/ast.js';
import type { EntityCatalog } from '../orders/entities.js';
import {
    linkParents,
    literalValue,
    type OrderData,
    parseSampleOrder,
    SampleOrderError,
    type SampleProblem,
    type SimRecord,
    type Value
} from '../orders/sample-order.js';
import type { SimulationModel } from './model.js';
import { compare, type Mock, simulate, type SimulationResult, type TraceLine } from './simulate.js';
import { operatorName } from '../model/operators.js';
import { relativeFile } from '../model/paths.js';

export interface ExpectationResult {
    text: string;
    passed: boolean;
    expected: string;
    actual: string;
    source: SourceLocation;
    /** The trace lines about what the expectation checks. */
    trace: TraceLine[];
}

export interface TestResult {
    name: string;
    source: SourceLocation;
    /** The file of the test, absolute. */
    fsPath: string;
    passed: boolean;
    /** A problem that kept the test from running (no order, an invalid sample order file, …). */
    error?: string;
    expectations: ExpectationResult[];
    result?: SimulationResult;
    durationMs: number;
}

/** Every test block of the documents, in file and source order. */
export function testsOf(documents: readonly LangiumDocument[]): ast.Test[] {
    return documents.flatMap(document => ((document.parseResult.value as ast.Model).elements ?? []).filter(ast.isTest));
}

function location(root: string, node: ast.Test | ast.Expectation | AstNodeLike): SourceLocation {
    const document = AstUtils.getDocument(node);
    const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
    return { file: relativeFile(root, document), line: start.line + 1, column: start.character + 1 };
}

type AstNodeLike = Parameters<typeof AstUtils.getDocument>[0];

/** The sample order of a test: its inline records, or its file (relative to the test's file). */
export function sampleOf(test: ast.Test, entities: EntityCatalog, readFile: (fsPath: string) => string): OrderData {
    if (test.inlineOrder) return inlineOrder(test.inlineOrder, entities);
    if (test.orderFile === undefined)
        throw new TestSetupError('the test has no order: add `order "file.order.json"` or `order { record Order { … } }`');
    const file = orderFilePath(test);
    let text: string;
    try {
        text = readFile(file);
    } catch {
        throw new TestSetupError(`cannot read the sample order ${file}`);
    }
    try {
        return parseSampleOrder(text.replace(/^\uFEFF/, ''), entities);
    } catch (error) {
        if (error instanceof SampleOrderError) throw new TestSetupError(describeProblems(file, error.problems));
        throw error;
    }
}

export function orderFilePath(test: ast.Test): string {
    const document = AstUtils.getDocument(test);
    return UriUtils.resolvePath(UriUtils.dirname(document.uri), (test.orderFile ?? '').replace(/\\/g, '/')).fsPath;
}

export function describeProblems(file: string, problems: SampleProblem[]): string {
    return problems.map(problem => `${file}:${problem.line}:${problem.column} - ${problem.code}: ${problem.message}`).join('\n');
}

export class TestSetupError extends Error {}

/** The records of an inline order; values are typed by the language (the validator checks them against the fields). */
export function inlineOrder(order: ast.InlineOrder, entities: EntityCatalog): OrderData {
    const counts = new Map<string, number>();
    const records: SimRecord[] = [];
    for (const record of order.records) {
        const entity = entities.get(record.entity?.ref?.name ?? record.entity?.$refText.replace(/^"|"$/g, ''))?.name ?? 'Order';
        const n = (counts.get(entity) ?? 0) + 1;
        counts.set(entity, n);
        const fields: Record<string, Value> = {};
        for (const value of record.values) {
            const name = value.field?.ref?.name;
            if (name) fields[name] = literalValue(value.value);
        }
        records.push({ entity, id: record.recordId ?? (entity === 'Order' ? 'Order' : `${entity} ${n}`), parent: record.parent ?? null, fields });
    }
    let orderRecord = records.find(record => record.entity === 'Order');
    if (!orderRecord) records.unshift((orderRecord = { entity: 'Order', id: 'Order', parent: null, fields: {} }));
    linkParents(records, entities);
    return { records: [orderRecord, ...records.filter(record => record !== orderRecord)] };
}

export function mocksOf(test: ast.Test): Mock[] {
    return test.mocks
        .filter(mock => mock.provider?.ref && mock.action?.ref)
        .map(mock => ({
            provider: mock.provider.ref!.name,
            action: mock.action.ref!.name,
            outcome: mock.outcome === 'failure' ? 'failure' : 'success',
            ...(mock.events.length ? { events: mock.events.map(event => event.ref?.name ?? event.$refText) } : {})
        }));
}

/** Runs one test. Never throws for a problem of the test itself: that is the result's `error`. */
export function runTest(test: ast.Test, model: SimulationModel, root: string, readFile: (fsPath: string) => string): TestResult {
    const started = performance.now();
    const source = location(root, test);
    const fsPath = AstUtils.getDocument(test).uri.fsPath;
    const base = { name: test.name, source, fsPath };
    let sample: OrderData;
    try {
        sample = sampleOf(test, model.entities, readFile);
    } catch (error) {
        if (!(error instanceof TestSetupError)) throw error;
        return { ...base, passed: false, error: error.message, expectations: [], durationMs: performance.now() - started };
    }
    const event = test.event?.ref?.name ?? 'New Order';
    const result = simulate(model, sample, { event, mocks: mocksOf(test) });
    const expectations = test.expectations.map(expectation => check(expectation, test, result, root, model));
    return {
        ...base,
        passed: expectations.every(expectation => expectation.passed),
        expectations,
        result,
        durationMs: performance.now() - started
    };
}

function check(expectation: ast.Expectation, test: ast.Test, result: SimulationResult, root: string, model: SimulationModel): ExpectationResult {
    const source = location(root, expectation);
    const text = expectation.$cstNode?.text.replace(/\s+/g, ' ') ?? expectation.$type;
    const journeyName = test.journey?.ref?.name ?? test.journey?.$refText;
    const journey = result.journeys.find(candidate => candidate.journey === journeyName);
    const journeyLines = result.lines.filter(line => line.journey === journeyName);
    const make = (passed: boolean, expected: string, actual: string, trace: TraceLine[]) => ({ text, passed, expected, actual, source, trace });
    switch (expectation.$type) {
        case 'ExpectFlow': {
            if (expectation.what === 'entered') {
                const entered = journey?.entered ?? false;
                const lines = result.lines.filter(line => line.kind === 'journey' && line.journey === journeyName);
                return make(
                    entered !== expectation.negated,
                    `journey "${journeyName}" ${expectation.negated ? 'not entered' : 'entered'}`,
                    journey ? `${entered ? 'entered' : 'not entered'}: ${journey.reason}` : `no journey "${journeyName}" in the workspace`,
                    lines
                );
            }
            const scope = journey ? [journey] : result.journeys;
            const stops = scope.filter(candidate => candidate.stoppedBy).map(candidate => candidate.stoppedBy!);
            const policy = expectation.policy?.ref?.name;
            const hit = stops.some(stop => !policy || stop.policy === policy);
            const lines = result.lines.filter(line => line.kind === 'stop' || (line.kind === 'execution' && line.text.includes('fail')));
            const actual = stops.length ? stops.map(stop => `stopped by "${stop.policy}" at "${stop.step}"`).join('; ') : 'not stopped';
            return make(
                hit !== expectation.negated,
                expectation.negated ? `not stopped${policy ? ` by "${policy}"` : ''}` : `stopped${policy ? ` by "${policy}"` : ''}`,
                actual,
                lines
            );
        }
        case 'ExpectStep': {
            const name = expectation.step?.ref?.name ?? expectation.step?.$refText;
            const outcome = journey?.steps.find(step => step.name === name);
            const status = outcome?.status ?? 'skipped';
            const reason = outcome?.reason ?? lineAbout(journeyLines, name) ?? (journey?.entered ? 'not reached' : 'the journey was not entered');
            const lines = journeyLines.filter(line => line.text.includes(`"${name}"`));
            return make(status === expectation.status, `step "${name}" ${expectation.status}`, `${status}: ${reason}`, lines);
        }
        case 'ExpectBranch': {
            const splitter = expectation.splitter?.ref?.name ?? expectation.splitter?.$refText;
            const branch = expectation.branch?.ref?.name ?? expectation.branch?.$refText;
            const info = journey?.branches.find(candidate => candidate.name === splitter);
            const taken = info?.taken.includes(branch ?? '') ?? false;
            const nodes = new Set<string>(info ? [info.node] : []);
            const control = model.journeys.find(candidate => candidate.name === journeyName)?.nodes.find(node => node.id === info?.node);
            if (control && control.type !== 'step')
                control.branches.forEach(b => {
                    if (b.entry) nodes.add(b.entry);
                });
            const lines = journeyLines.filter(
                line => line.node !== undefined && nodes.has(line.node) && line.kind !== 'step' && line.kind !== 'provider' && line.kind !== 'raise'
            );
            const actual = info ? `taken: ${info.taken.map(b => `"${b}"`).join(', ') || 'none'}` : `"${splitter}" was not reached`;
            return make(
                taken !== expectation.negated,
                `branch "${branch}" of "${splitter}" ${expectation.negated ? 'not taken' : 'taken'}`,
                actual,
                lines
            );
        }
        case 'ExpectPath': {
            const name = expectation.condition?.ref?.name ?? expectation.condition?.$refText;
            const info = journey?.conditions.find(candidate => candidate.name === name);
            const want = expectation.path === 'yes' ? 'Yes' : 'No';
            const lines = journeyLines.filter(line => line.kind === 'condition');
            return make(info?.path === want, `${want} path of "${name}"`, info ? `${info.path ?? 'no'} path` : `"${name}" was not reached`, lines);
        }
        case 'ExpectField': {
            const entity = expectation.entity?.ref?.name ?? expectation.entity?.$refText ?? '';
            const field = expectation.field?.ref?.name ?? expectation.field?.$refText ?? '';
            const records = result.order.records.filter(record => record.entity === entity);
            const conditionOperator = operatorName(expectation.operator);
            const value = expectation.value ? literalValue(expectation.value) : null;
            const row = {
                operator: conditionOperator,
                field: { name: field, column: null, type: expectation.field?.ref?.fieldType ?? null, builtin: false },
                value: expectation.value
                    ? {
                          type:
                              typeof value === 'number' ? ('number' as const) : typeof value === 'boolean' ? ('boolean' as const) : ('text' as const),
                          value: value as string
                      }
                    : null
            };
            const holds = records.length > 0 && records.every(record => compare(row, record.fields[field] ?? null));
            const lines = result.lines.filter(line => (line.kind === 'set' || line.kind === 'record') && line.text.includes(field));
            const actual = records.length ? records.map(record => `${record.id}: ${show(record.fields[field])}`).join('; ') : `no ${entity} record`;
            return make(holds, `${entity} ${field} ${expectation.operator}${expectation.value ? ` ${show(value)}` : ''}`, actual, lines);
        }
        case 'ExpectEvent': {
            const name = expectation.event?.ref?.name ?? expectation.event?.$refText;
            const raised = result.raised.filter(event => event.event === name);
            const lines = result.lines.filter(line => line.kind === 'raise' || line.kind === 'event');
            const actual = raised.length
                ? `raised by ${raised.map(event => (event.step ? `"${event.step}"` : 'the start')).join(', ')}`
                : `not raised (raised: ${[...new Set(result.raised.map(event => `"${event.event}"`))].join(', ')})`;
            return make(raised.length > 0 !== expectation.negated, `event "${name}" ${expectation.negated ? 'not raised' : 'raised'}`, actual, lines);
        }
    }
}

function lineAbout(lines: TraceLine[], name: string | undefined): string | undefined {
    const line = lines.find(candidate => candidate.kind === 'skip' && candidate.text.includes(`"${name}"`));
    return line?.text.replace(/^[^:]*: skipped: /, '');
}

function show(value: Value | undefined): string {
    if (value === null || value === undefined) return '(empty)';
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** `N passed, M failed`, the last line of every test report. */
export function summaryLine(results: readonly TestResult[]): string {
    const passed = results.filter(result => result.passed).length;
    return `${passed} passed, ${results.length - passed} failed`;
}

/** A failing test's report: each failed expectation with expected, actual and the relevant trace lines. */
export function failureText(result: TestResult, indent = '    '): string {
    if (result.error) return `${indent}${result.error.split('\n').join(`\n${indent}`)}`;
    const out: string[] = [];
    for (const expectation of result.expectations.filter(candidate => !candidate.passed)) {
        out.push(`${indent}${expectation.source.file}:${expectation.source.line}:${expectation.source.column} ${expectation.text}`);
        out.push(`${indent}  expected: ${expectation.expected}`);
        out.push(`${indent}  actual:   ${expectation.actual}`);
        if (expectation.trace.length) {
            out.push(`${indent}  trace:`);
            for (const line of expectation.trace.slice(0, 20)) out.push(`${indent}    ${'  '.repeat(Math.max(0, line.depth - 1))}${line.text}`);
            if (expectation.trace.length > 20) out.push(`${indent}    … ${expectation.trace.length - 20} more line(s)`);
        }
    }
    return out.join('\n');
}
