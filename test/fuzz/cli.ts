/**
 * `npm run fuzz -- [--cases N] [--seed S] [--path P] [--depth D] [--time-limit SECONDS] [--limit MS]`: the long fuzz
 * run on demand (docs/development.md, "Fuzzing"). Prints the seed first and, on a failure, how to replay it and the
 * minimal counterexample. Exit code 0 when every case passed, 1 on a failure, 2 on a usage error.
 */
import '../../language/groupby-polyfill.mjs';
import * as path from 'node:path';
import { fuzz } from './driver.js';

declare const __dirname: string;

function main(argv: string[]): Promise<number> {
    const options: Record<string, string> = {};
    for (let i = 0; i < argv.length; i++) {
        const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i] ?? '');
        const name = match?.[1];
        if (!match || name === undefined) {
            console.error(`fuzz: unexpected argument '${argv[i]}'`);
            return Promise.resolve(2);
        }
        options[name] = match[2] ?? argv[++i] ?? '';
    }
    const number = (name: string, fallback: number) => {
        if (options[name] === undefined) return fallback;
        const value = Number(options[name]);
        if (!Number.isInteger(value)) throw new Error(`--${name} needs an integer, not '${options[name]}'`);
        return value;
    };
    const root = path.resolve(__dirname, '..', '..', '..');
    return fuzz({
        root,
        workerFile: path.join(__dirname, 'worker.cjs'),
        seed: number('seed', Math.floor(Math.random() * 2 ** 31)),
        path: options.path || undefined,
        cases: number('cases', 1000),
        maxDepth: number('depth', 300),
        timeLimit: options['time-limit'] !== undefined ? number('time-limit', 0) * 1000 : undefined,
        perHundredKb: number('limit', 2000),
        log: line => console.log(line)
    }).then(report => {
        if (report.failure) {
            console.error(report.failure);
            return 1;
        }
        console.log(`fuzz: ${report.ran} case(s) passed (seed ${report.seed}; slowest case ${report.slowestMs} ms)`);
        return 0;
    });
}

main(process.argv.slice(2)).then(
    code => process.exit(code),
    error => {
        console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(2);
    }
);
