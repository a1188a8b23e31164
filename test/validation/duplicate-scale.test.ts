// Many declarations of one name (issue 10 item 9, issue 12): every copy is reported, and the work stays linear (each
// report names one other declaration; listing all of them per copy made 8,000 copies run out of memory). The time
// and memory figures are in the benchmark (npm run bench, "duplicates"), not here.
import { describe, expect, test } from 'vitest';
import { createTestServices } from '../helpers/language-services.js';
import { itemAt } from '../helpers/items.js';

const services = await createTestServices();

describe('10,000 declarations of one name', () => {
    test('in one file and across files: each copy gets one IOM1002 naming another copy', async () => {
        const files: Record<string, string> = {};
        for (let file = 0; file < 10; file++) {
            files[`copies-${file}.iom`] =
                Array.from({ length: 1000 }, (_, i) => `event Same { description "copy ${file * 1000 + i}" }`).join('\n') + '\n';
        }
        const documents = await services.validateAll(files);
        let reports = 0;
        for (const document of documents) {
            const duplicates = document.diagnostics!.filter(d => d.code === 'IOM1002');
            expect(duplicates).toHaveLength(1000);
            expect(new Set(duplicates.map(d => d.range.start.line)).size).toBe(1000);
            for (const d of duplicates) expect(d.message).toMatch(/^Another business event is also named 'Same' \(.*copies-\d\.iom:\d+\); /);
            reports += duplicates.length;
        }
        expect(reports).toBe(10_000);
        // The first copy names the second; every other copy names the first.
        const first = itemAt(documents, 0).diagnostics!.find(d => d.code === 'IOM1002' && d.range.start.line === 0)!;
        expect(first.message).toContain('copies-0.iom:2)');
        const last = itemAt(documents, 9).diagnostics!.find(d => d.code === 'IOM1002' && d.range.start.line === 999)!;
        expect(last.message).toContain('copies-0.iom:1)');
    }, 120_000);
});
