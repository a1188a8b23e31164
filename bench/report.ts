/** The figures a run measures, and how they are printed: a table, or JSON (bench/run.ts). */
import type { Census } from './census.js';

export interface Target {
    /** The measured value must be at most this. */
    max: number;
    text: string;
}

export interface Figure {
    id: string;
    label: string;
    value?: number;
    unit: string;
    /** How the value is shown; defaults to value + unit. */
    display?: string;
    target?: Target;
    met?: boolean;
    note?: string;
}

/** The figures, notes and workload censuses of one run. */
export class Report {
    readonly figures: Figure[] = [];
    readonly notes: string[] = [];
    /** The census of each generated workspace that was built (printed, and in the JSON). */
    readonly censuses: Census[] = [];

    constructor(
        private readonly size: 'full' | 'small',
        private readonly log: (message: string) => void
    ) {}

    readonly record = (figure: Figure): void => {
        if (figure.target && figure.value !== undefined && this.size === 'full') figure.met = figure.value <= figure.target.max;
        this.figures.push(figure);
        this.log(`${figure.label}: ${show(figure)}${figure.target ? ` (target ${figure.target.text})` : ''}`);
    };

    /** Adds a note once, with a warning in the progress log. */
    warnOnce(note: string): void {
        if (!this.notes.includes(note)) {
            this.notes.push(note);
            this.log(`warning: ${note}`);
        }
    }

    printTable(): void {
        const rows = this.figures.map(f => [
            f.label,
            show(f),
            f.target?.text ?? '',
            f.target ? (f.met === undefined ? (this.size === 'small' ? 'not compared (small)' : 'n/a') : f.met ? 'met' : 'NOT MET') : '',
            f.note ?? ''
        ]);
        const header = ['figure', 'measured', 'target', 'status', 'note'];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i]?.length ?? 0)));
        const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ') + ' |';
        console.log('');
        console.log(line(header));
        console.log('|' + widths.map(w => '-'.repeat(w + 2)).join('|') + '|');
        for (const row of rows) console.log(line(row));
        for (const note of this.notes) console.log(`\nNote: ${note}`);
    }
}

export function show(figure: Figure): string {
    if (figure.display) return figure.display;
    if (figure.value === undefined) return 'n/a';
    const v = figure.value;
    const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
    return `${v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })} ${figure.unit}`.trim();
}
