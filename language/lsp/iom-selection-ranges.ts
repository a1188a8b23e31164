/**
 * Expand selection (textDocument/selectionRange): from the word at the cursor (inside the quotes first, for a quoted
 * name or string) to the setting line it belongs to, then to each enclosing block (rule, step, branch, policy,
 * journey…) and finally the whole document.
 */
import { type CstNode, CstUtils, isCompositeCstNode, type LangiumDocument } from 'langium';
import type { Position, Range, SelectionRange } from 'vscode-languageserver';

export function selectionRanges(document: LangiumDocument, positions: Position[]): SelectionRange[] {
    return positions.map(position => selectionRangeAt(document, position));
}

function selectionRangeAt(document: LangiumDocument, position: Position): SelectionRange {
    const text = document.textDocument;
    const root = document.parseResult.value.$cstNode;
    const whole: Range = { start: { line: 0, character: 0 }, end: text.positionAt(text.getText().length) };
    const offset = text.offsetAt(position);
    const leaf = root ? (CstUtils.findLeafNodeAtOffset(root, offset) ?? CstUtils.findLeafNodeBeforeOffset(root, offset)) : undefined;
    const ranges: Range[] = [];
    if (leaf) {
        if (/^"[^"]/.test(leaf.text) && leaf.text.endsWith('"') && !leaf.text.startsWith('"""')) {
            ranges.push({ start: text.positionAt(leaf.offset + 1), end: text.positionAt(leaf.end - 1) });
        }
        ranges.push(leaf.range);
        const line = settingLine(leaf);
        const [lineStart] = line ?? [];
        const lineEnd = line?.at(-1);
        if (lineStart && lineEnd) ranges.push({ start: lineStart.range.start, end: lineEnd.range.end });
        for (let node: CstNode | undefined = leaf.container; node; node = node.container) ranges.push(node.range);
    } else {
        ranges.push({ start: position, end: position });
    }
    ranges.push(whole);
    // Innermost first; each range must contain the previous one, and equal neighbours are merged.
    let result: SelectionRange | undefined;
    const kept: Range[] = [];
    for (const range of ranges) {
        const last = kept[kept.length - 1];
        if (last && (sameRange(last, range) || !contains(range, last))) continue;
        kept.push(range);
    }
    for (const range of kept.reverse()) result = { range, parent: result };
    return result!;
}

/**
 * The tokens of the setting line the leaf is on (`input events "New Order", "Order Updated"`): the children of the
 * block around the leaf that lie on the leaf's line.
 */
function settingLine(leaf: CstNode): CstNode[] | undefined {
    const line = leaf.range.start.line;
    let container = leaf.container;
    while (container && container.range.start.line === container.range.end.line) container = container.container;
    if (!container || !isCompositeCstNode(container)) return undefined;
    const siblings = container.content.filter(node => !node.hidden && node.range.start.line === line && node.range.end.line === line);
    return siblings.length > 1 ? siblings : undefined;
}

function contains(outer: Range, inner: Range): boolean {
    return compare(outer.start, inner.start) <= 0 && compare(inner.end, outer.end) <= 0;
}

function sameRange(a: Range, b: Range): boolean {
    return compare(a.start, b.start) === 0 && compare(a.end, b.end) === 0;
}

function compare(a: Position, b: Position): number {
    return a.line - b.line || a.character - b.character;
}
