/** Exit codes: 0 ok, 1 errors in the input, 2 usage or I/O error, 3 another build was writing the output folder. */
export const ExitCode = { Ok: 0, InputErrors: 1, UsageOrIo: 2, OutputBusy: 3 } as const;

/** A usage or I/O problem (exit code 2), reported as `iom: message` without a stack trace. */
export class UsageError extends Error {}
