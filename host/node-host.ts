/**
 * The Node host of the language: what `createIomServices` needs to read a workspace from disk and to write its output
 * folder. The language server (server/main.ts), the CLI, the benchmark and the tests pass it as the services' context:
 * `createIomServices({ connection, ...IomNodeHost })`.
 */
import type { ArtifactWriter, WritableResult, WriteSummary } from '../language/compiler/output.js';
import { IomNodeFileSystemProvider } from './node-file-system.js';
import { readWorkspaceConfig, resolveOutputFolder } from './output-folder.js';
import { writeArtifacts } from './write.js';

/** The output folder on disk: iomconfig.json `build.out` (else `out`), written atomically under its lock. */
export class NodeArtifactWriter implements ArtifactWriter {
    outputFolder(root: string): string {
        return resolveOutputFolder(root, readWorkspaceConfig(root));
    }

    write(result: WritableResult, outDir: string): WriteSummary {
        return writeArtifacts(result, outDir);
    }
}

/** Like Langium's `NodeFileSystem`, plus the artifact writer: `createIomServices({ ...IomNodeHost })`. */
export const IomNodeHost = {
    fileSystemProvider: () => new IomNodeFileSystemProvider(),
    artifactWriter: (): ArtifactWriter => new NodeArtifactWriter()
};
