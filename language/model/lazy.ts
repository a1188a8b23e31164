/** A value computed on first use and kept: for constants that are costly to build (a schema validator, a layout engine). */
export function lazy<T>(create: () => T): () => T {
    let holder: { value: T } | undefined;
    return () => (holder ??= { value: create() }).value;
}
