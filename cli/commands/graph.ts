import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import {
    documentSources,
    type GraphModel,
    type GraphOverlay,
    GraphRequestError,
    graphsFor,
    type GraphView,
    journeysOf,
    layoutGraph,
    parseOverlayText,
    renderDot,
    renderMarkdown,
    renderMermaid,
    renderSvg
} from '../../language/graph/index.js';
import { displayPath, formatDiagnostic } from '../diagnostics-output.js';
import { ExitCode, UsageError } from '../errors.js';
import { checkFormat } from '../formats.js';
import type { CommandContext } from '../io.js';
import { checkAndCompile, workspaceCommand, workspaceRoot } from '../workspace-command.js';
import { writeAtomically } from '../write-file.js';

const GRAPH_FORMATS = ['svg', 'mermaid', 'markdown', 'dot', 'json'] as const;
type GraphFormat = (typeof GRAPH_FORMATS)[number];
const EXTENSIONS: Record<string, GraphFormat> = {
    '.svg': 'svg',
    '.mmd': 'mermaid',
    '.mermaid': 'mermaid',
    '.md': 'markdown',
    '.dot': 'dot',
    '.gv': 'dot',
    '.json': 'json'
};

interface GraphOptions {
    journey?: string;
    view: string;
    format?: string;
    out?: string;
    overlay?: string;
    allowErrors?: boolean;
}

export function registerGraph(program: Command, cli: CommandContext): void {
    workspaceCommand(
        program,
        'graph',
        'Draw the journeys of a workspace (or its event flow) as SVG, Mermaid or Graphviz DOT, for reviews and docs. Same input, same bytes.'
    )
        .option('-j, --journey <name>', 'only this journey (default: every journey)')
        .option(
            '--view <view>',
            "journey: the journeys' steps and branches; events: which steps and provider actions raise and consume each business event",
            'journey'
        )
        .option('-f, --format <format>', `${GRAPH_FORMATS.join(', ')} (default: from the --out extension, else mermaid)`)
        .option('-o, --out <file>', 'write to a file instead of stdout')
        .option(
            '--overlay <file.json>',
            'a simulation trace { journey, visited: [node ids], skipped: [node ids] } (or a list of them): visited steps highlighted, skipped dimmed'
        )
        .option('--allow-errors', 'draw even when the workspace has errors (they are marked on the nodes)')
        .addHelpText(
            'after',
            [
                '',
                'Examples:',
                '  $ iom graph examples/quickstart-lab --format mermaid',
                '  $ iom graph . --journey "IOM Lab order journey" --out journey.svg',
                '  $ iom graph . --view events --format dot | dot -Tpng > events.png',
                '  $ iom graph . --format markdown --out docs/journeys.md'
            ].join('\n')
        )
        .action(async (folder: string, options: GraphOptions) => {
            cli.setExitCode(await graphCommand(cli, folder, options));
        });
}

async function graphCommand(cli: CommandContext, folder: string, options: GraphOptions): Promise<number> {
    const format = graphFormat(options);
    if (options.view !== 'journey' && options.view !== 'events') throw new UsageError(`unknown view '${options.view}' (expected journey, events)`);
    const view = options.view as GraphView;
    if (view === 'events' && options.journey !== undefined) throw new UsageError('--journey and --view events cannot be combined');
    const overlays = options.overlay !== undefined ? readOverlay(options.overlay) : undefined;
    const root = workspaceRoot(folder);
    const { workspace, rows, errors, result } = await checkAndCompile(root, cli.io, false, { allowErrors: true });
    if (errors > 0 && !options.allowErrors) {
        cli.error(
            ...rows.filter(row => (row.diagnostic.severity ?? 1) === 1).map(formatDiagnostic),
            `iom: ${errors} error(s); nothing drawn (--allow-errors draws anyway)`
        );
        return ExitCode.InputErrors;
    }
    let graphs: GraphModel[];
    try {
        graphs = graphsFor(journeysOf(result), {
            view,
            journey: options.journey,
            overlays,
            sources: documentSources(workspace.root, workspace.documents)
        });
    } catch (error) {
        if (error instanceof GraphRequestError) throw new UsageError(error.message);
        throw error;
    }
    const [first] = graphs;
    if (!first) throw new UsageError(`${folder}: the workspace has no journey`);
    const name = view === 'events' ? 'Event flow' : graphs.length === 1 ? first.title : path.basename(root);
    const text = await render(graphs, format, name);
    if (options.out === undefined) {
        cli.io.stdout.write(text);
    } else {
        try {
            writeAtomically(options.out, text);
        } catch (error) {
            throw new UsageError(`cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        }
        cli.error(`Wrote ${displayPath(path.resolve(options.out))} (${graphs.length} graph(s), ${format}).`);
    }
    return ExitCode.Ok;
}

function graphFormat(options: GraphOptions): GraphFormat {
    if (options.format === undefined) return (options.out !== undefined && EXTENSIONS[path.extname(options.out).toLowerCase()]) || 'mermaid';
    return checkFormat(options.format, GRAPH_FORMATS);
}

function readOverlay(file: string): GraphOverlay[] {
    let text: string;
    try {
        text = fs.readFileSync(file, 'utf8');
    } catch (error) {
        throw new UsageError(`cannot read the overlay ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    try {
        return parseOverlayText(text);
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new UsageError(`${file}:${/^\d+:\d+: /.test(message) ? '' : ' '}${message}`);
    }
}

async function render(graphs: GraphModel[], format: GraphFormat, name: string): Promise<string> {
    switch (format) {
        case 'mermaid':
            return renderMermaid(graphs);
        case 'markdown':
            return renderMarkdown(graphs, name);
        case 'dot':
            return renderDot(graphs, name);
        case 'svg':
            return renderSvg(await Promise.all(graphs.map(layoutGraph)));
        case 'json':
            return JSON.stringify({ graphs: await Promise.all(graphs.map(layoutGraph)) }, null, 2) + '\n';
    }
}
