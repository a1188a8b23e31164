import { beforeAll, describe, expect, test } from 'vitest';
import { createValidationRunner, listValidationCases } from '../helpers/validation-cases.js';

/**
 * Data-driven validation tests: every `.iom` file (or folder, a multi-file workspace) below
 * test/resources/validation/<code>/ is one case, whose diagnostics must be exactly those its `// $TEST$` markers
 * expect (see test/helpers/validation-markers.ts).
 */
const cases = listValidationCases();
let runner: Awaited<ReturnType<typeof createValidationRunner>>;

beforeAll(async () => {
    runner = await createValidationRunner();
});

describe('validation resources', () => {
    test.each(cases.map(testCase => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
        const { problems } = await runner.run(testCase);
        expect(problems).toEqual([]);
    });
});
