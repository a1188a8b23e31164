import { UsageError } from './errors.js';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export function checkFormat(format: string): Format {
    if (!(FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(`unknown format '${format}' (expected ${FORMATS.join(', ')})`);
    }
    return format as Format;
}
