/** `--only lsp`: completion and hover in process, at positions spread over a large document. */
import { type LangiumDocument } from 'langium';
import { type Position } from 'vscode-languageserver-types';
import { present } from '../../language/model/collections.js';
import { now, median, percentile } from '../measure.js';
import type { BenchContext } from '../context.js';

export async function lspSection(ctx: BenchContext): Promise<void> {
    const { S, log, record, buildWorkspace, assertClean, lspDocument, K } = ctx;
    const built = await buildWorkspace(lspDocument);
    assertClean(built, `${lspDocument.lines}-line document`);
    const document = built.byPath.get(present(lspDocument.files[0], 'the LSP document').path)!;
    const text = document.textDocument.getText();
    const completion = built.Iom.lsp.CompletionProvider;
    const hover = built.Iom.lsp.HoverProvider;
    if (!completion || !hover) throw new Error('no completion or hover provider');
    const positions = lspPositions(text, document);
    const completionTimes: number[] = [];
    const hoverTimes: number[] = [];
    const perPosition: string[] = [];
    let hoversWithContent = 0;
    for (const { name, position, kind } of positions) {
        const times: number[] = [];
        for (let i = 0; i < S.lspRepeats + 2; i++) {
            const params = { textDocument: { uri: document.uri.toString() }, position };
            const start = now();
            const result = kind === 'completion' ? await completion.getCompletion(document, params) : await hover.getHoverContent(document, params);
            const elapsed = now() - start;
            if (kind === 'completion' && (!result || !('items' in result) || result.items.length === 0)) {
                throw new Error(`no completion items at ${name}`);
            }
            if (i >= 2) times.push(elapsed);
            if (i === 0 && kind === 'hover' && result) hoversWithContent++;
        }
        (kind === 'completion' ? completionTimes : hoverTimes).push(...times);
        perPosition.push(`${name} ${median(times).toFixed(1)}`);
    }
    log(`per position (median ms): ${perPosition.join('; ')}`);
    const hoverPositions = positions.filter(p => p.kind === 'hover').length;
    const docLabel = `${K(lspDocument.lines)}-line document`;
    /** The median and the p95 (against the target) of one request's times. */
    const recordTimes = (request: 'completion' | 'hover', times: number[], note: string) => {
        record({ id: `${request}.median`, label: `${request}, ${docLabel}, median`, value: median(times), unit: 'ms' });
        record({
            id: `${request}.p95`,
            label: `${request}, ${docLabel}, p95`,
            value: percentile(times, 95),
            unit: 'ms',
            target: { max: 30, text: '≤ 30 ms' },
            note
        });
    };
    recordTimes('completion', completionTimes, `${positions.filter(p => p.kind === 'completion').length} positions × ${S.lspRepeats}`);
    recordTimes('hover', hoverTimes, `${hoverPositions} positions × ${S.lspRepeats}; ${hoversWithContent} of ${hoverPositions} with content`);
}

interface LspPosition {
    name: string;
    kind: 'completion' | 'hover';
    position: Position;
}

/**
 * Positions spread over the document (near the start, the middle and the end), on the constructs users complete
 * and hover most: cross-references to global declarations (tiles, events, policies), member references (a
 * provider's actions, an entity's fields) and keyword positions.
 */
function lspPositions(text: string, document: LangiumDocument): LspPosition[] {
    const at = (offset: number) => document.textDocument.positionAt(offset);
    const occurrences = (pattern: RegExp): number[] => [...text.matchAll(pattern)].map(m => m.index! + m[0].length);
    const spread = (offsets: number[]): number[] => {
        if (offsets.length === 0) throw new Error('no position found');
        return [...new Set([offsets[0], offsets[Math.floor(offsets.length / 2)], offsets.at(-1)])].filter(offset => offset !== undefined);
    };
    const positions: LspPosition[] = [];
    const add = (name: string, kind: LspPosition['kind'], offsets: number[]) =>
        spread(offsets).forEach((offset, i) => positions.push({ name: `${kind} ${name} #${i + 1}`, kind, position: at(offset) }));
    // Completion: at the start of a reference (all candidates) and at the start of a settings line (keywords).
    add('tile', 'completion', occurrences(/step "[^"]*" : /g));
    add('input event', 'completion', occurrences(/input event /g));
    add('filter policy', 'completion', occurrences(/filter policy /g));
    add('provider action', 'completion', occurrences(/provider "[^"]*" action /g));
    add('field', 'completion', occurrences(/related "Order products" \{\n\s+/g));
    add('step setting keyword', 'completion', occurrences(/input event "Validation of Order Header has Succeeded"\n\s+/g));
    // Hover: inside a reference and on a declaration name.
    add('event reference', 'hover', occurrences(/input event "/g));
    add('policy reference', 'hover', occurrences(/execution policy "/g));
    add('field reference', 'hover', occurrences(/set "/g));
    add('tile reference', 'hover', occurrences(/step "[^"]*" : "/g));
    add('journey name', 'hover', occurrences(/journey "/g));
    return positions;
}
