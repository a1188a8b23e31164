import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces a file's content in one step: the text goes to a temporary file in the same folder, renamed over the
 * target, so a failed or interrupted run never leaves a partial file (the temporary one is removed on failure).
 */
export function writeAtomically(file: string, text: string): void {
    const target = path.resolve(file);
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    try {
        fs.writeFileSync(temporary, text, 'utf8');
        fs.renameSync(temporary, target);
    } catch (error) {
        fs.rmSync(temporary, { force: true });
        throw error;
    }
}
