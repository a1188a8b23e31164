/**
 * Checks on the text of literals and names themselves, whatever declaration they belong to: secrets (IOM0004).
 * One pass over the leaf tokens of a file: strings, text blocks and identifiers.
 */
import { AstUtils, CstUtils, isLeafCstNode } from 'langium';
import type { Model } from '../generated/ast.js';
import type { Check } from './check-context.js';
import { Diagnostics, report } from './diagnostics.js';
import { findSecrets } from './secrets.js';

const TEXT_TOKENS = new Set(['STRING', 'TEXT_BLOCK', 'ID']);

/** A string, text block or name that looks like a secret (docs/diagnostics.md#iom0004). The message never quotes it. */
export const secretsMustNotBeWritten: Check<Model> = c => (model, accept) => {
    const root = model.$cstNode;
    if (!root || c.isBuiltin(model)) return;
    const text = AstUtils.getDocument(model).textDocument;
    for (const node of CstUtils.streamCst(root)) {
        if (!isLeafCstNode(node) || node.hidden || !TEXT_TOKENS.has(node.tokenType.name)) continue;
        for (const match of findSecrets(node.text)) {
            const start = node.offset + match.offset;
            const range = { start: text.positionAt(start), end: text.positionAt(start + match.length) };
            report(accept, Diagnostics.secretInLiteral, { node: model, range }, { detector: match.detector.name });
        }
    }
};
