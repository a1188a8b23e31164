// The compiler module as the benchmark sees it: any exports, possibly none (see bench/build.mjs).
declare module 'iom-bench:compiler' {
    const exports: Record<string, unknown>;
    export = exports;
}
