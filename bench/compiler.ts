/**
 * The benchmark's view of the compiler (language/compiler/index.ts, issue 4). bench/build.mjs resolves
 * `iom-bench:compiler` to that module when it exists and to an empty module otherwise; loadCompiler() returns
 * undefined until the module exports a compile function, and the compile and ajv figures then read
 * "n/a (compiler not available)".
 */
import * as compilerModule from 'iom-bench:compiler';
import type { LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { IomServices } from '../language/iom-module.js';

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
}

export async function loadCompiler(): Promise<CompilerAdapter | undefined> {
    const api = compilerModule as Record<string, unknown>;
    if (typeof api.compile !== 'function') return undefined;
    // The compiler exists but its API is not wired here yet.
    throw new Error('language/compiler/index.ts exports compile(), but bench/compiler.ts does not know its API yet: wire it there');
}
