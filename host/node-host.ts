/**
 * The Node host of the language: what `createIomServices` needs to read a workspace from disk and to write its output
 * folder. The language server (server/main.ts), the CLI, the benchmark and the tests pass it as the services' context:
 * `createIomServices({ connection, ...IomNodeHost })`.
 */
import * as crypto from 'node:crypto';
import type { Digests } from '../language/compiler/hash.js';
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

/** One digest with Node's crypto (a text is hashed as UTF-8): the one-shot `crypto.hash` where Node has it (20.12), else a Hash object. */
const digest = (algorithm: string, data: Uint8Array | string): string =>
    typeof crypto.hash === 'function' ? crypto.hash(algorithm, data, 'hex') : crypto.createHash(algorithm).update(data).digest('hex');

/** Node's crypto: the same digests as the plain TypeScript ones, far faster on large artifacts. */
export const NODE_DIGESTS: Digests = {
    sha1Hex: bytes => digest('sha1', bytes),
    sha256Text: text => digest('sha256', text)
};

/** Like Langium's `NodeFileSystem`, plus the artifact writer and the hashes: `createIomServices({ ...IomNodeHost })`. */
export const IomNodeHost = {
    fileSystemProvider: () => new IomNodeFileSystemProvider(),
    artifactWriter: (): ArtifactWriter => new NodeArtifactWriter(),
    digests: (): Digests => NODE_DIGESTS
};
