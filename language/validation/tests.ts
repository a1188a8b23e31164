import { AstUtils, UriUtils } from 'langium';
import { joinFile } from '../model/paths.js';
import type { Test } from '../generated/ast.js';
import { EntityCatalog } from '../orders/entities.js';
import { describeType, literalValue, parseSampleOrder, SAMPLE_CODES, type SampleCode, SampleOrderError, valueFits } from '../orders/sample-order.js';
import type { Check } from './check-context.js';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';

type SampleOrderDiagnostic = (typeof Diagnostics)[
    'sampleOrderInvalidJson' | 'sampleOrderUnknownEntity' | 'sampleOrderUnknownField' | 'sampleOrderWrongType' | 'sampleOrderBadLink'];

const BY_SAMPLE_CODE: Record<SampleCode, SampleOrderDiagnostic> = {
    [SAMPLE_CODES.invalidJson]: Diagnostics.sampleOrderInvalidJson,
    [SAMPLE_CODES.unknownEntity]: Diagnostics.sampleOrderUnknownEntity,
    [SAMPLE_CODES.unknownField]: Diagnostics.sampleOrderUnknownField,
    [SAMPLE_CODES.wrongType]: Diagnostics.sampleOrderWrongType,
    [SAMPLE_CODES.badLink]: Diagnostics.sampleOrderBadLink
};

/**
 * A test can run: it has a sample order, whose file exists and holds a valid sample (each problem is reported on
 * the file name with its place in the file), whose inline values fit their fields and whose records link; step,
 * branch, path and entry expectations have a journey to look in; field expectations compare with a fitting value.
 */
export const testsMustBeRunnable: Check<Test> = context => (node, accept) => {
    if (context.isBuiltin(node) || !node.name) return;
    if (node.orderFile === undefined && !node.inlineOrder) {
        report(accept, Diagnostics.testWithoutOrder, { node, property: 'name' }, { name: node.name });
    }
    if (node.orderFile !== undefined) {
        const document = AstUtils.getDocument(node);
        const file = joinFile(UriUtils.dirname(document.uri), node.orderFile);
        let text: string | undefined;
        try {
            text = context.services.shared.workspace.FileSystemProvider.readFileSync(file);
        } catch {
            report(accept, Diagnostics.sampleOrderFileNotFound, { node, property: 'orderFile' }, { file: node.orderFile });
        }
        if (text !== undefined) {
            try {
                parseSampleOrder(text.replace(/^\uFEFF/, ''), EntityCatalog.of(context.services.shared.workspace.LangiumDocuments.all.toArray()));
            } catch (error) {
                if (!(error instanceof SampleOrderError)) throw error;
                for (const problem of error.problems) {
                    report(
                        accept,
                        BY_SAMPLE_CODE[problem.code],
                        { node, property: 'orderFile' },
                        { location: `${node.orderFile}:${problem.line}:${problem.column}: `, detail: problem.message }
                    );
                }
            }
        }
    }
    const ids = new Set<string>();
    const counts = new Map<string, number>();
    const records = node.inlineOrder?.records ?? [];
    for (const record of records) {
        const entity = record.entity?.ref?.name;
        if (!entity) continue;
        const n = (counts.get(entity) ?? 0) + 1;
        counts.set(entity, n);
        const id = record.recordId ?? (entity === 'Order' ? 'Order' : `${entity} ${n}`);
        if (ids.has(id)) {
            report(
                accept,
                Diagnostics.sampleOrderBadLink,
                { node: record, property: record.recordId ? 'recordId' : 'entity' },
                {
                    location: '',
                    detail:
                        entity === 'Order' && !record.recordId
                            ? 'A sample holds exactly one Order record.'
                            : `Two records are named '${id}': give each its own name with \`as\`.`
                }
            );
        }
        ids.add(id);
        for (const value of record.values) {
            const field = value.field?.ref;
            if (!field || !value.value) continue;
            const literal = literalValue(value.value);
            const type = field.fieldType ?? 'text';
            if (!valueFits(type as never, literal) || (type === 'choice' && field.values.length > 0 && !field.values.includes(String(literal)))) {
                report(
                    accept,
                    Diagnostics.sampleOrderWrongType,
                    { node: value, property: 'value' },
                    {
                        location: '',
                        detail: `${entity} '${field.name}' is ${describeType(type as never, field.values)}, not ${JSON.stringify(literal)}.`
                    }
                );
            }
        }
    }
    for (const record of records) {
        if (record.parent !== undefined && !ids.has(record.parent)) {
            report(
                accept,
                Diagnostics.sampleOrderBadLink,
                { node: record, property: 'parent' },
                { location: '', detail: `No record of this order is named '${record.parent}'. Records: ${[...ids].join(', ')}.` }
            );
        }
    }
    for (const expectation of node.expectations) {
        const needsJourney =
            expectation.$type === 'ExpectStep' ||
            expectation.$type === 'ExpectBranch' ||
            expectation.$type === 'ExpectPath' ||
            (expectation.$type === 'ExpectFlow' && expectation.what === 'entered');
        if (needsJourney && !node.journey) {
            const what =
                expectation.$type === 'ExpectStep'
                    ? 'a step'
                    : expectation.$type === 'ExpectBranch'
                      ? 'a branch'
                      : expectation.$type === 'ExpectPath'
                        ? 'a condition path'
                        : 'the journey entry';
            report(accept, Diagnostics.expectationWithoutJourney, { node: expectation }, { name: node.name, what });
        }
        if (expectation.$type === 'ExpectField' && expectation.value && expectation.field?.ref) {
            const field = expectation.field.ref;
            const literal = literalValue(expectation.value);
            if (!valueFits((field.fieldType ?? 'text') as never, literal)) {
                report(
                    accept,
                    Diagnostics.sampleOrderWrongType,
                    { node: expectation, property: 'value' },
                    {
                        location: '',
                        detail: `${expectation.entity?.ref?.name} '${field.name}' is ${describeType((field.fieldType ?? 'text') as never, field.values)}, not ${JSON.stringify(literal)}.`
                    }
                );
            }
        }
    }
};
