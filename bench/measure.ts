/** Clocks, statistics and memory figures the benchmark's sections share. */
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { present } from '../language/model/collections.js';

export const now = () => performance.now();
/** The 1-minute load average (os.loadavg() always returns the 1, 5 and 15 minute ones; 0 where the OS has none). */
export const oneMinuteLoad = () => os.loadavg()[0] ?? 0;

export function median(values: number[]): number {
    return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
    return present(sorted[rank - 1], 'a value to take a percentile of');
}

export function gc(): void {
    const collect = (globalThis as { gc?: () => void }).gc;
    if (collect) {
        collect();
        collect();
    }
}

/**
 * Collects garbage once the current task has ended. A workspace dropped by the code that built it is still
 * reachable until then (a plain gc() right after the build ran found all 120 MiB of it alive), so a build measured
 * after another one paid for the previous workspace's heap: a fresh process does not have it.
 */
export async function gcAfterTask(): Promise<void> {
    await new Promise(resolve => setTimeout(resolve, 0));
    gc();
}

export const heapUsed = () => process.memoryUsage().heapUsed;
export const peakRss = () => process.resourceUsage().maxRSS * 1024;
export const MiB = 1024 * 1024;
