/** Artifact file names: the slug of a record name, and the names Windows reserves (the compiler and the checks agree on both). */

/** A file-name-safe slug of a record name: ASCII lower case, words joined by `-`. */
export function slug(name: string): string {
    // Printable ASCII needs no normalisation (NFKD and the removal of combining marks leave it as it is).
    const plain = /^[\x20-\x7e]*$/.test(name) ? name : name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    const text = plain
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
    return text.slice(0, 80).replace(/-+$/, '') || 'record';
}

/** Windows device names: not usable as file names, whatever the extension (`con.json` included). */
const RESERVED_FILE_NAMES = new Set(['con', 'prn', 'aux', 'nul', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap(n => [`com${n}`, `lpt${n}`])]);

export function isReservedFileName(name: string): boolean {
    return RESERVED_FILE_NAMES.has(name.toLowerCase());
}

/**
 * The slug of `name` when it is a name Windows reserves (what the checks report), else undefined. A reserved name has
 * three or four letters and digits, so a printable ASCII name with more is answered without building its slug (the
 * check runs for every declaration of every file); beyond ASCII, Unicode normalisation may add letters: the slug decides.
 */
export function reservedSlugOf(name: string): string | undefined {
    let alphanumerics = 0;
    for (let i = 0; i < name.length; i++) {
        const c = name.charCodeAt(i);
        if (c > 0x7e) break;
        const lower = c | 0x20;
        if (((c >= 0x30 && c <= 0x39) || (lower >= 0x61 && lower <= 0x7a)) && ++alphanumerics > 4) return undefined;
    }
    const file = slug(name);
    return isReservedFileName(file) ? file : undefined;
}
