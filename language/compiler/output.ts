/**
 * Writing a compile result is the host's business: the language only declares what it needs, as a service
 * (`shared.workspace.ArtifactWriter`), so it imports no Node module and runs in any host. The Node host (host/)
 * writes the output folder atomically under its lock (host/write.ts); without a host that can write (a browser
 * worker, tests on a virtual file system) the language server's compile command reports that nothing was written.
 */

export interface WritableResult {
    ok: boolean;
    artifacts: ReadonlyMap<string, string>;
}

export interface WriteSummary {
    outDir: string;
    files: number;
}

export interface ArtifactWriter {
    /**
     * The output folder of a workspace folder (a file-system path): iomconfig.json `build.out`, else `out`. Throws
     * an Error whose message says what is wrong (a malformed iomconfig.json, an unusable folder).
     */
    outputFolder(root: string): string;
    /** Writes the artifacts into the output folder, all or nothing. Throws an Error naming the problem. */
    write(result: WritableResult, outDir: string): WriteSummary;
}

/** The writer of a host without a file system to write to: it refuses, with a message. */
export class NoArtifactWriter implements ArtifactWriter {
    outputFolder(root: string): string {
        throw new Error(`${root}: this host cannot write files (no output folder).`);
    }

    write(_result: WritableResult, outDir: string): WriteSummary {
        throw new Error(`${outDir}: this host cannot write files; nothing was written.`);
    }
}
