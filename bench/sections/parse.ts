/** `--only parse` (and `build`): parsing alone, the figure the build sections compare with. */
import { createIomServices } from '../../language/iom-module.js';
import { EmptyFileSystem } from 'langium';
import { type GeneratedFile } from '../generate.js';
import { now, gc } from '../measure.js';
import type { BenchContext } from '../context.js';

export async function parseSection(ctx: BenchContext): Promise<void> {
    const { record, filesWorkspace, singleFile, workspaceLines, singleLines, wsLabel, singleLabel } = ctx;
    const { Iom } = createIomServices(EmptyFileSystem);
    const parser = Iom.parser.LangiumParser;
    // The parse results are kept until the pass ends, as a build keeps its documents: dropping each tree at
    // once would leave the garbage collector almost nothing to do and flatter the parser.
    const parseAll = (files: GeneratedFile[]) => {
        gc();
        const results: unknown[] = [];
        const start = now();
        for (const file of files) {
            const result = parser.parse(file.text);
            if (result.lexerErrors.length || result.parserErrors.length) throw new Error(`${file.path} does not parse`);
            results.push(result);
        }
        const elapsed = now() - start;
        results.length = 0;
        return elapsed;
    };
    parseAll(filesWorkspace.files.slice(0, 50)); // warm up
    const parseWorkspaceMs = Math.min(parseAll(filesWorkspace.files), parseAll(filesWorkspace.files));
    const parseSingleMs = Math.min(parseAll(singleFile.files), parseAll(singleFile.files));
    record({
        id: 'parse.workspace.ms',
        label: `parse only, ${wsLabel}`,
        value: parseWorkspaceMs,
        unit: 'ms',
        note: 'trees kept until the pass ends; fastest of 2'
    });
    record({
        id: 'parse.workspace.linesPerSecond',
        label: 'parse throughput (many files)',
        value: (workspaceLines / parseWorkspaceMs) * 1000,
        unit: 'lines/s'
    });
    record({ id: 'parse.single.ms', label: `parse only, ${singleLabel}`, value: parseSingleMs, unit: 'ms' });
    record({
        id: 'parse.single.linesPerSecond',
        label: 'parse throughput (one file)',
        value: (singleLines / parseSingleMs) * 1000,
        unit: 'lines/s'
    });
    ctx.parseWorkspaceMs = parseWorkspaceMs;
    ctx.parseSingleMs = parseSingleMs;
}
