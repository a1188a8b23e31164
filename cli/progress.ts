import type { CliIo } from './io.js';

/** Progress on a terminal: one status line on stderr, rewritten in place and cleared at the end. Silent elsewhere. */
export interface Progress {
    step(message: string): void;
    done(): void;
}

export function createProgress(enabled: boolean, { stderr }: CliIo): Progress {
    if (!enabled || !stderr.isTTY) return { step() {}, done() {} };
    let shown = false;
    return {
        step(message) {
            stderr.write(`\r\x1b[2K${message}`);
            shown = true;
        },
        done() {
            if (shown) stderr.write('\r\x1b[2K');
            shown = false;
        }
    };
}
