/** Progress on a terminal: one status line on stderr, rewritten in place and cleared at the end. Silent elsewhere. */
export interface Progress {
    step(message: string): void;
    done(): void;
}

export function createProgress(enabled: boolean): Progress {
    if (!enabled || !process.stderr.isTTY) return { step() {}, done() {} };
    let shown = false;
    return {
        step(message) {
            process.stderr.write(`\r\x1b[2K${message}`);
            shown = true;
        },
        done() {
            if (shown) process.stderr.write('\r\x1b[2K');
            shown = false;
        }
    };
}
