import * as path from 'node:path';
import { compileWorkspace } from '../../language/compiler/index.js';
import { documentSources, type GraphOverlay, graphsFor, type GraphView, journeysOf } from '../../language/graph/index.js';
import { loadWorkspace } from '../../host/load-workspace.js';
import { examplesDir, repoRoot } from '../compiler/helpers.js';

/** The workspaces with golden graphs: the three examples and a deeply nested journey. */
export const graphWorkspaces = {
    'quickstart-lab': path.join(examplesDir, 'quickstart-lab'),
    seed: path.join(examplesDir, 'seed'),
    'splitter-merge': path.join(examplesDir, 'splitter-merge'),
    nested: path.join(repoRoot, 'test', 'graph', 'fixtures', 'nested')
} satisfies Record<string, string>;

/** Loads a folder and builds its graph models from the lowered journeys, with sources and diagnostics. */
export async function workspaceGraphs(folder: string, options: { view?: GraphView; journey?: string; overlays?: GraphOverlay[] } = {}) {
    const workspace = await loadWorkspace(folder);
    const result = compileWorkspace(workspace, { allowErrors: true });
    const journeys = journeysOf(result);
    const graphs = graphsFor(journeys, { ...options, sources: documentSources(workspace.root, workspace.documents) });
    return { workspace, result, journeys, graphs };
}
