import { UsageError } from './errors.js';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** The --format value if it is one of `formats` (default: text, json, sarif); otherwise a usage error. */
export function checkFormat<const F extends string = Format>(format: string, formats: readonly F[] = FORMATS as unknown as readonly F[]): F {
    if (!(formats as readonly string[]).includes(format)) {
        throw new UsageError(`unknown format '${format}' (expected ${formats.join(', ')})`);
    }
    return format as F;
}
