import { describe, expect, test } from 'vitest';
import { catalogDiagnostic, codedProblem, fixOf, formatMessage } from '../../language/validation/diagnostic-builder.js';
import { Diagnostics } from '../../language/validation/diagnostics.js';

/**
 * The catalog types its reports: a message takes exactly its `{placeholders}`, and a code with a quick fix takes its
 * fix data. The `@ts-expect-error` lines are the proof: `tsc` (npm run build, land.sh) fails when one of them
 * compiles, that is when the typing lets a misspelled, missing or extra argument through.
 */
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };

describe('the typed diagnostic catalog', () => {
    test('a message takes exactly its placeholders', () => {
        expect(codedProblem(Diagnostics.duplicateBinding, { name: 'Ref' })).toEqual({ code: 'IOM2005', message: "'Ref' is bound more than once." });
        // @ts-expect-error a misspelled placeholder
        codedProblem(Diagnostics.duplicateBinding, { nmae: 'Ref' });
        // @ts-expect-error a missing placeholder ({actual})
        codedProblem(Diagnostics.connectorMismatch, { reference: 'R', expected: 'Dataverse', connection: 'C' });
        // @ts-expect-error an argument the message has no placeholder for
        codedProblem(Diagnostics.duplicatePlatform, { name: 'P' });
        expect(codedProblem(Diagnostics.duplicatePlatform, {}).message).toBe(
            'The platform is configured in more than one place; keep one platform block.'
        );
    });

    test('placeholders are found as the formatter finds them, also inside literal braces', () => {
        expect(formatMessage(Diagnostics.unknownPlaceholder, { key: 'Url', definition: 'D' })).toBe(
            "Placeholder '{{Url}}' matches no parameter of provider definition 'D'."
        );
        expect(formatMessage(Diagnostics.entityWithoutEvents, { name: 'Return', reference: 'Return' })).toBe(
            "No business event is declared for custom entity 'Return', so nothing can move its records through a journey; declare one with 'event <name> { entity Return }'."
        );
        // @ts-expect-error `{ entity {reference} }` is no placeholder named " entity {reference"
        formatMessage(Diagnostics.entityWithoutEvents, { name: 'Return' });
    });

    test('arguments are redacted: a message never quotes a secret', () => {
        const message = formatMessage(Diagnostics.duplicateBinding, { name: 'AccountKey=abcdefghijklmnopqrstuvwxyz0123456789ABCD==' });
        expect(message).not.toContain('abcdefghijklmnopqrstuvwxyz');
    });

    test('a code with a quick fix takes its fix data, and fixOf reads it back typed', () => {
        const diagnostic = catalogDiagnostic(
            Diagnostics.inputEventNotAllowed,
            range,
            { event: 'Returned', actionType: 'Order Validation', allowed: 'New Order' },
            { event: 'Returned', actionType: 'Order Validation' }
        );
        // The data travels to the editor and back as JSON.
        const fix = fixOf(JSON.parse(JSON.stringify(diagnostic)));
        expect(fix).toEqual({ key: 'inputEventNotAllowed', data: { code: 'IOM4001', event: 'Returned', actionType: 'Order Validation' } });
        expect(fix?.key === 'inputEventNotAllowed' ? fix.data.actionType : undefined).toBe('Order Validation');

        // @ts-expect-error the fix data left out
        catalogDiagnostic(Diagnostics.inputEventNotAllowed, range, { event: 'E', actionType: 'A', allowed: 'X' });
        // @ts-expect-error fix data of the wrong shape
        catalogDiagnostic(Diagnostics.conditionMissingPath, range, { name: 'C', path: 'maybe' }, { path: 'maybe' });
        // @ts-expect-error fix data for a code without a quick fix
        catalogDiagnostic(Diagnostics.duplicateBinding, range, { name: 'Ref' }, { name: 'Ref' });
        expect(fixOf(catalogDiagnostic(Diagnostics.duplicateBinding, range, { name: 'Ref' }))).toBeUndefined();
        expect(fixOf({ range, message: 'not from the catalog' })).toBeUndefined();
    });
});
