/**
 * Where a run of `iom` writes and what it reads from its environment. The bin passes the process's own streams
 * (`processIo`); tests pass buffers and run the CLI in-process through `main(argv, io)` (cli/program.ts).
 */
export interface CliIo {
    stdout: { write(text: string): unknown };
    /** `isTTY`: a terminal, where a progress line is shown. */
    stderr: { write(text: string): unknown; isTTY?: boolean };
    env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
    return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** What a command's action gets: its output, the version, and where it sets its exit code. */
export interface CommandContext {
    readonly io: CliIo;
    readonly version: string;
    setExitCode(code: number): void;
    /** Prints lines on stdout. */
    log(...lines: string[]): void;
    /** Prints lines on stderr. */
    error(...lines: string[]): void;
}

export function commandContext(io: CliIo, version: string, setExitCode: (code: number) => void): CommandContext {
    return {
        io,
        version,
        setExitCode,
        log: (...lines) => void io.stdout.write(lines.map(line => `${line}\n`).join('')),
        error: (...lines) => void io.stderr.write(lines.map(line => `${line}\n`).join(''))
    };
}
