// The validation loop without a promise per node and check (language/workspace/interrupt.ts, issue 12): a check that
// throws or rejects is still reported on its node as Langium reports it, the other checks still run, an
// asynchronous check is awaited, and a cancelled build stops with Langium's OperationCancelled.
import { Cancellation, isOperationCancelled, URI, type ValidationAcceptor } from 'langium';
import { describe, expect, test, vi } from 'vitest';
import type { BusinessEvent } from '../../language/generated/ast.js';
import { createTestServices } from '../helpers/language-services.js';

const services = await createTestServices();
const order: string[] = [];
services.Iom.validation.ValidationRegistry.register({
    BusinessEvent: [
        (event: BusinessEvent) => {
            if (event.name === 'Throws') throw new Error('boom');
        },
        async (event: BusinessEvent, accept: ValidationAcceptor) => {
            await new Promise(resolve => setTimeout(resolve, 1));
            if (event.name === 'Rejects') throw new Error('late boom');
            order.push(event.name);
            if (event.name === 'Awaited') accept('hint', 'the asynchronous check ran', { node: event, property: 'name' });
        }
    ]
});

describe('the validation loop', () => {
    test('reports a throwing and a rejecting check on their node and runs the other checks', async () => {
        vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const document = await services.validate('event Throws { entity Order }\nevent Rejects { entity Order }\nevent Awaited { entity Order }\n');
        const messages = document.diagnostics!.map(d => `${d.range.start.line}: ${d.message}`);
        expect(messages).toContain('0: An error occurred during validation: boom');
        expect(messages).toContain('1: An error occurred during validation: late boom');
        expect(messages).toContain('2: the asynchronous check ran');
        expect(order).toEqual(['Throws', 'Awaited']);
        vi.restoreAllMocks();
    });

    test('a cancelled validation stops with OperationCancelled', async () => {
        const text = Array.from({ length: 500 }, (_, i) => `event "E${i}" { entity Order }`).join('\n');
        const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('file:///workspace/cancelled.iom'));
        services.shared.workspace.LangiumDocuments.addDocument(document);
        await services.shared.workspace.DocumentBuilder.build([document], { validation: false });
        const source = new Cancellation.CancellationTokenSource();
        source.cancel();
        const error = await services.Iom.validation.DocumentValidator.validateDocument(document, {}, source.token).then(
            () => undefined,
            e => e
        );
        expect(isOperationCancelled(error)).toBe(true);
        services.shared.workspace.LangiumDocuments.deleteDocument(document.uri);
    });
});
