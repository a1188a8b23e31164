/**
 * Checks on the text of literals and names themselves, whatever declaration they belong to: secrets (IOM0004), one
 * pass over the leaf tokens of a file (strings, text blocks and identifiers); names that cannot safely become record
 * names and file names (IOM1006-IOM1009), one pass over the file's declarations.
 */
import { type AstNode, AstUtils } from 'langium';
import { forEachLeaf, treeContents } from '../model/ast-walk.js';
import { reservedSlugOf } from '../model/file-names.js';
import { kindOf } from '../model/kinds.js';
import type { Model } from '../generated/ast.js';
import type { Check } from './check-context.js';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';
import { findSecrets, mayContainSecret, SHORTEST_SECRET } from './secrets.js';

const TEXT_TOKENS = new Set(['STRING', 'TEXT_BLOCK', 'ID']);

/** A string, text block or name that looks like a secret (docs/diagnostics.md#iom0004). The message never quotes it. */
export const secretsMustNotBeWritten: Check<Model> = c => (model, accept) => {
    const root = model.$cstNode;
    if (!root || c.isBuiltin(model)) return;
    const text = AstUtils.getDocument(model).textDocument;
    // Most files hold no secret-like text at all: one search of the whole file instead of reading each string.
    if (!mayContainSecret(text.getText())) return;
    forEachLeaf(root, leaf => {
        // The length first: a leaf's text is a new substring of the file each time it is read.
        if (leaf.length < SHORTEST_SECRET || leaf.hidden || !TEXT_TOKENS.has(leaf.tokenType.name)) return;
        for (const match of findSecrets(leaf.text)) {
            const start = leaf.offset + match.offset;
            const range = { start: text.positionAt(start), end: text.positionAt(start + match.length) };
            report(accept, Diagnostics.secretInLiteral, { node: model, range }, { detector: match.detector.name });
        }
    });
};

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Bidirectional controls and other invisible control characters. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Declaration names become record names and artifact file names: not blank (IOM1006), no bidirectional or other
 * control characters (IOM1007), in Unicode NFC so that two names that look the same are the same (IOM1008); a name
 * whose file name would be a Windows device name (CON, NUL, COM1, …) is told its file gets the id suffix (IOM1009).
 */
export const namesMustBeSafe: Check<Model> = c => (model, accept) => {
    if (c.isBuiltin(model)) return;
    for (const node of treeContents(model).nodes) {
        const name = (node as AstNode & { name?: unknown }).name;
        if (typeof name !== 'string' || !(node as AstNode).$cstNode) continue;
        const location = { node, property: 'name' as never };
        const kind = kindOf(node.$type);
        if (name.trim() === '') {
            report(accept, Diagnostics.blankName, location, { kind });
        } else if (PRINTABLE_ASCII.test(name)) {
            // Most names: no control character, and already in NFC.
            const file = reservedSlugOf(name);
            if (file) report(accept, Diagnostics.reservedFileName, location, { kind, name, file });
        } else if (CONTROL.test(name)) {
            const char = CONTROL.exec(name)![0];
            report(accept, Diagnostics.controlCharacterInName, location, {
                kind,
                code: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
            });
        } else if (name.normalize('NFC') !== name) {
            report(accept, Diagnostics.nonNormalizedName, location, { kind });
        } else {
            const file = reservedSlugOf(name);
            if (file) report(accept, Diagnostics.reservedFileName, location, { kind, name, file });
        }
    }
};
