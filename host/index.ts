/**
 * The Node host layer: everything that touches the disk or the process, outside language/ (which imports no Node
 * module and runs in any host). The CLI, the language server, the benchmark and the tests import it.
 * - load-workspace.ts: a workspace folder from disk, parsed, linked and validated (`loadWorkspace`);
 * - node-file-system.ts, node-host.ts: Langium's Node file system (without byte order marks) and the artifact
 *   writer, the context of `createIomServices({ ...IomNodeHost })`;
 * - output-folder.ts, write.ts: iomconfig.json's output folder, and writing it atomically under its lock;
 * - deployment.ts: the data package and its checklists on disk, and baselines read from a path.
 */
export * from './deployment.js';
export * from './load-workspace.js';
export * from './node-file-system.js';
export * from './node-host.js';
export * from './output-folder.js';
export * from './write.js';
