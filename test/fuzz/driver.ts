/**
 * Runs fuzz cases with a watchdog and reports failures with a replayable seed and a minimal counterexample.
 * Each case runs in a worker thread (out/test/fuzz/worker.cjs); a case that takes longer than its limit is a hang: the
 * worker is terminated and replaced (after one retry in a fresh worker, so a busy machine is not taken for a hang).
 * After any failure the worker is replaced too, so no state leaks from a broken case into the next.
 */
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { type CaseOptions, type CaseResult, caseArbitrary, describeCase, type FuzzCase, readExamples } from './cases.js';

/**
 * The time limit of a case: 2 s per started 100 KB of source on an idle machine, stretched by the load average per
 * CPU when the machine is busier than that (a wall-clock watchdog cannot tell a hang from a starved process).
 */
export function limitFor(fuzzCase: FuzzCase, perHundredKb: number): number {
    const size = fuzzCase.files.reduce((total, file) => total + Buffer.byteLength(file.text), 0);
    return Math.round(perHundredKb * Math.max(1, Math.ceil(size / 100_000)) * loadFactor());
}

export function loadFactor(): number {
    // os.loadavg() always gives the 1, 5 and 15 minute averages.
    return Math.max(1, (os.loadavg()[0] ?? 0) / Math.max(1, os.cpus().length));
}

export class CaseRunner {
    private worker: Worker | undefined;
    private ready: Promise<void> | undefined;
    private next = 0;

    constructor(
        private readonly workerFile: string,
        private readonly perHundredKb = 2000
    ) {}

    private start(): Promise<void> {
        // A worker's stack is 4 MB by default, four times the main thread's (V8's 984 KB) where the CLI and the server
        // run: give it a little less than the main thread, so a stack overflow they would hit is found here too.
        const worker = new Worker(this.workerFile, { resourceLimits: { stackSizeMb: 0.9 } });
        this.worker = worker;
        worker.unref();
        return (this.ready = new Promise((resolve, reject) => {
            const onMessage = (message: { ready?: boolean }) => {
                if (!message.ready) return;
                worker.off('message', onMessage);
                resolve();
            };
            worker.on('message', onMessage);
            worker.once('error', reject);
        }));
    }

    async stop(): Promise<void> {
        const worker = this.worker;
        this.worker = this.ready = undefined;
        if (worker) await worker.terminate();
    }

    /** Runs a case; a hang, a crash of the worker itself or any failure replaces the worker. */
    async run(fuzzCase: FuzzCase): Promise<CaseResult & { ms: number }> {
        const limit = limitFor(fuzzCase, this.perHundredKb);
        let result = await this.attempt(fuzzCase, limit);
        // Twice more, each in a fresh worker: a genuine hang repeats, a starved process on a busy machine does not.
        for (let retry = 0; retry < 2 && result === 'timeout'; retry++) result = await this.attempt(fuzzCase, limit);
        if (result === 'timeout') return { failures: [`hang: no answer within ${limit} ms (three times, in fresh workers)`], ms: limit };
        if (result.failures.length > 0) await this.stop();
        return result;
    }

    private async attempt(fuzzCase: FuzzCase, limit: number): Promise<(CaseResult & { ms: number }) | 'timeout'> {
        if (!this.worker) await this.start();
        await this.ready;
        const worker = this.worker!;
        const id = ++this.next;
        const started = performance.now();
        let timer: NodeJS.Timeout | undefined;
        const outcome = await new Promise<CaseResult | 'timeout'>(resolve => {
            const onMessage = (message: { id?: number; result?: CaseResult }) => {
                if (message.id !== id) return;
                done(message.result!);
            };
            const onError = (error: Error) => done({ failures: [`crash: the worker died: ${error.message}`] });
            const onExit = (code: number) => done({ failures: [`crash: the worker exited with ${code}`] });
            const done = (value: CaseResult | 'timeout') => {
                clearTimeout(timer);
                worker.off('message', onMessage);
                worker.off('error', onError);
                worker.off('exit', onExit);
                resolve(value);
            };
            worker.on('message', onMessage);
            worker.once('error', onError);
            worker.once('exit', onExit);
            timer = setTimeout(() => done('timeout'), limit);
            worker.postMessage({ id, fuzzCase });
        });
        const ms = Math.round(performance.now() - started);
        if (outcome === 'timeout') {
            await this.stop();
            return 'timeout';
        }
        if (outcome.failures.some(failure => failure.startsWith('crash: the worker'))) await this.stop();
        return { ...outcome, ms };
    }
}

export interface FuzzOptions extends CaseOptions {
    root: string;
    workerFile: string;
    seed: number;
    /** fast-check's replay path (printed with a failure), to replay one counterexample at once. */
    path?: string;
    cases: number;
    /** Stop generating new cases after this many milliseconds (the bounded CI run). */
    timeLimit?: number;
    /** The hang limit per 100 KB of source, in ms (default 2000). */
    perHundredKb?: number;
    log?: (line: string) => void;
}

export interface FuzzReport {
    seed: number;
    ran: number;
    /** fast-check's report with the shrunk counterexample and how to replay it; undefined when every case passed. */
    failure?: string;
    slowestMs: number;
}

/** Runs the property "no case fails" over generated cases; fast-check shrinks a failing case to a minimal one. */
export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
    const log = options.log ?? (() => undefined);
    const examples = readExamples(options.root);
    const runner = new CaseRunner(options.workerFile, options.perHundredKb);
    let ran = 0;
    let slowestMs = 0;
    let lastFailure: { fuzzCase: FuzzCase; failures: string[] } | undefined;
    const property = fc.asyncProperty(caseArbitrary(examples, options), async fuzzCase => {
        const result = await runner.run(fuzzCase);
        ran++;
        slowestMs = Math.max(slowestMs, result.ms);
        if (result.failures.length > 0) {
            lastFailure = { fuzzCase, failures: result.failures };
            throw new Error(result.failures.join('\n'));
        }
    });
    log(
        `fuzz: seed ${options.seed}, up to ${options.cases} case(s)${options.timeLimit ? `, at most ${Math.round(options.timeLimit / 1000)} s` : ''}, ` +
            `nesting depth up to ${options.maxDepth}, hang limit ${options.perHundredKb ?? 2000} ms per 100 KB × load ${loadFactor().toFixed(1)}`
    );
    try {
        const details = await fc.check(property, {
            seed: options.seed,
            numRuns: options.cases,
            path: options.path,
            endOnFailure: false,
            interruptAfterTimeLimit: options.timeLimit,
            markInterruptAsFailure: false
        });
        if (!details.failed) return { seed: options.seed, ran, slowestMs };
        const minimal = lastFailure && details.counterexample ? (details.counterexample[0] as FuzzCase) : lastFailure?.fuzzCase;
        const failure = [
            `fuzz: FAILED after ${details.numRuns} case(s) (seed ${options.seed}, shrunk ${details.numShrinks} time(s))`,
            `replay: npm run fuzz -- --seed ${options.seed} --path "${details.counterexamplePath ?? ''}" --cases ${options.cases} --depth ${options.maxDepth}`,
            `failures of the minimal counterexample:\n${(details.errorInstance instanceof Error
                ? details.errorInstance.message
                : String(details.errorInstance ?? '')
            )
                .split('\n')
                .map(line => `  ${line}`)
                .join('\n')}`,
            `minimal counterexample:\n${minimal ? describeCase(minimal) : '(none)'}`
        ].join('\n');
        return { seed: options.seed, ran, failure, slowestMs };
    } finally {
        await runner.stop();
    }
}

/**
 * Runs the one case a replay path of a seed names (`--seed S --path P`, printed with a failure), without the cases
 * fast-check would run around it: a failure the fuzzer found, kept as a regression test.
 */
export async function replayCase(
    options: CaseOptions & { root: string; workerFile: string; seed: number; path: string; perHundredKb?: number }
): Promise<{ origin: string; failures: string[] }> {
    const [fuzzCase] = fc.sample(caseArbitrary(readExamples(options.root), options), { seed: options.seed, path: options.path, numRuns: 1 });
    if (!fuzzCase) throw new Error(`no case at seed ${options.seed}, path ${options.path}`);
    const runner = new CaseRunner(options.workerFile, options.perHundredKb);
    try {
        return { origin: fuzzCase.origin, failures: (await runner.run(fuzzCase)).failures };
    } finally {
        await runner.stop();
    }
}
