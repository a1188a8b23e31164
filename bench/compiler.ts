/**
 * The benchmark's view of the compiler (language/compiler/index.ts, issue 4). bench/build.mjs resolves
 * `iom-bench:compiler` to that module when it exists and to an empty module otherwise; loadCompiler() returns
 * undefined until the module exports a compile function (`compileWorkspace`), and the compile and ajv figures then
 * read "n/a (compiler not available)". Artifacts are checked against the JSON Schemas in schemas/artifacts/, one
 * schema per output folder (`provider-definitions/…` → provider-definition.schema.json).
 */
import type { Digests } from '../language/compiler/hash.js';
import { NODE_DIGESTS } from '../host/node-host.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import * as compilerModule from 'iom-bench:compiler';
import type { LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { IomServices } from '../language/iom-module.js';

// ajv-formats is CommonJS with a default export; esbuild and tsc see it differently.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/** A built workspace, as the benchmark holds it. */
export interface CompilableWorkspace {
    shared: LangiumSharedServices;
    Iom: IomServices;
    /** The built-in library documents first, then the workspace's own. */
    documents: LangiumDocument[];
}

export interface CompiledArtifact {
    /** The artifact kind, used to pick its JSON Schema. */
    kind: string;
    /** The emitted JSON text. */
    text: string;
}

/** A validator as ajv returns it. */
export type ArtifactValidator = ((value: unknown) => boolean) & { errors?: unknown[] | null };

export interface CompilerAdapter {
    /** Compiles (emits) the built workspace in memory, without writing files. */
    compile(workspace: CompilableWorkspace): Promise<CompiledArtifact[]>;
    /** The ajv validator of each artifact kind, or undefined when the compiler ships no schemas. */
    validators(): Promise<((kind: string) => ArtifactValidator | undefined) | undefined>;
    /** The `iom` arguments that build `folder` into `out`, when the CLI has a build command. */
    cliCommand?(folder: string, out: string): string[];
    /** The JSON Schema file (in schemas/artifacts/) of each output folder of a build. */
    schemaOfFolder?: Record<string, string>;
}

type CompileWorkspace = (input: { root: string; documents: readonly LangiumDocument[]; digests?: Digests }) => {
    ok: boolean;
    errors: Array<{ file: string; line: number; message: string }>;
    artifacts: ReadonlyMap<string, string>;
};

/** The workspace root the benchmark's in-memory documents live under (their URIs are file:///bench/…). */
const BENCH_ROOT = '/bench';

export async function loadCompiler(): Promise<CompilerAdapter | undefined> {
    const api = compilerModule as Record<string, unknown>;
    const compileWorkspace = (api.compileWorkspace ?? api.compile) as CompileWorkspace | undefined;
    if (typeof compileWorkspace !== 'function') return undefined;
    const kindFolders = (api.KIND_FOLDERS ?? {}) as Record<string, string>;
    const manifestFile = typeof api.MANIFEST_FILE === 'string' ? api.MANIFEST_FILE : 'manifest.json';
    // Output folder → schema file name: providerDefinition → provider-definition.schema.json.
    const schemaOfFolder = new Map(
        Object.entries(kindFolders).map(([kind, folder]) => [folder, `${kind.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`)}.schema.json`])
    );
    return {
        async compile(workspace) {
            // Node's hashes, as the CLI and the language server compile (host/node-host.ts).
            const result = compileWorkspace({ root: BENCH_ROOT, documents: workspace.documents, digests: NODE_DIGESTS });
            if (!result.ok) {
                throw new Error(
                    `the compiler blocked the emit: ${result.errors
                        .slice(0, 5)
                        .map(e => `${e.file}:${e.line} ${e.message}`)
                        .join('; ')}`
                );
            }
            return [...result.artifacts].map(([file, text]) => {
                const [folder = file] = file.split('/');
                return { kind: file === manifestFile ? 'manifest.schema.json' : (schemaOfFolder.get(folder) ?? folder), text };
            });
        },
        async validators() {
            const folder = path.join(repositoryRoot(), 'schemas', 'artifacts');
            if (!fs.existsSync(folder)) return undefined;
            const ajv = new Ajv2020({ allErrors: false, strict: false });
            addFormats(ajv);
            const ids = new Map<string, string>();
            for (const file of fs.readdirSync(folder).filter(f => f.endsWith('.schema.json'))) {
                const schema = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as { $id?: string };
                ajv.addSchema(schema, schema.$id ?? file);
                ids.set(file, schema.$id ?? file);
            }
            const cache = new Map<string, ArtifactValidator | undefined>();
            return (kind: string) => {
                if (!cache.has(kind)) {
                    const id = ids.get(kind);
                    cache.set(kind, id ? (ajv.getSchema(id) as ArtifactValidator | undefined) : undefined);
                }
                return cache.get(kind);
            };
        },
        cliCommand: (folder, out) => ['build', folder, '--out', out],
        schemaOfFolder: Object.fromEntries(schemaOfFolder)
    };
}

function repositoryRoot(): string {
    // out/bench.mjs → the repository root.
    return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
}
