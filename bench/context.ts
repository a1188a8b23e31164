/** What bench/run.ts gives each benchmark section (bench/sections/): the options, the workloads, the report. */
import type { GeneratedWorkspace } from './generate.js';
import type { Report } from './report.js';
import type { BuiltWorkspace } from './workspace-build.js';

export const SIZES = {
    full: { workspaceFiles: 1000, singleFileLines: 50_000, lspLines: 5_000, edits: 40, lspRepeats: 20, buildRuns: 2 },
    small: { workspaceFiles: 100, singleFileLines: 5_000, lspLines: 1_000, edits: 10, lspRepeats: 5, buildRuns: 1 }
} as const;

export type Size = keyof typeof SIZES;

export interface BenchContext {
    size: Size;
    /** The workload sizes of `size`. */
    S: (typeof SIZES)[Size];
    /** The repository's root. */
    root: string;
    /** The sections named by --only (all when absent). */
    only: string[] | undefined;
    /** Whether --only selects a section (every section without --only). */
    runs(section: string): boolean;
    /** The value of a command-line option (`--name value` or `--name=value`). */
    option(name: string): string | undefined;
    /** Progress, on stderr. */
    log(message: string): void;
    report: Report;
    record: Report['record'];
    /** Builds a workspace in fresh services (with Langium's profiler under --profile). */
    buildWorkspace(workspace: GeneratedWorkspace): Promise<BuiltWorkspace>;
    /** Fails the benchmark loudly when a generated workspace is not clean: its figures would be meaningless. */
    assertClean(built: BuiltWorkspace, what: string): void;
    /** The many-file workspace, the single large file and the document completion and hover run in. */
    filesWorkspace: GeneratedWorkspace;
    singleFile: GeneratedWorkspace;
    lspDocument: GeneratedWorkspace;
    workspaceLines: number;
    singleLines: number;
    /** A line count in thousands (`100k`). */
    K(n: number): string;
    wsLabel: string;
    singleLabel: string;
    /** The parse-only figures, which the build sections compare with (when the parse section ran). */
    parseWorkspaceMs?: number;
    parseSingleMs?: number;
}
