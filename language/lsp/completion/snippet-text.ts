/** The text of LSP snippets: escaping, choices, and what a snippet expands to with its defaults. */

export function escapeSnippet(text: string): string {
    return text.replace(/[\\$}]/g, match => `\\${match}`);
}

export function choice(index: number, options: string[]): string {
    return `\${${index}|${options.map(option => option.replace(/[\\,|$}]/g, match => `\\${match}`)).join(',')}|}`;
}

/** The text a snippet expands to when every placeholder keeps its default (the first choice). */
export function expandSnippet(body: string): string {
    let out = '';
    for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if (c === '\\' && i + 1 < body.length) {
            out += body[++i];
        } else if (c === '$' && /\d/.test(body[i + 1] ?? '')) {
            while (/\d/.test(body[i + 1] ?? '')) i++;
        } else if (c === '$' && body[i + 1] === '{') {
            i += 2;
            while (/\d/.test(body[i] ?? '')) i++;
            const isChoice = body[i] === '|';
            i++;
            let value = '';
            let taking = true;
            for (; i < body.length; i++) {
                const d = body[i];
                if (d === '\\') {
                    if (taking) value += body[i + 1];
                    i++;
                    continue;
                }
                if (isChoice && d === ',') {
                    taking = false;
                    continue;
                }
                if (isChoice && d === '|' && body[i + 1] === '}') {
                    i++;
                    break;
                }
                if (!isChoice && d === '}') break;
                if (taking) value += d;
            }
            out += value;
        } else {
            out += c;
        }
    }
    return out;
}

/** The text a snippet expands to with its defaults, for documentation. */
export function previewSnippet(body: string): string {
    return expandSnippet(body)
        .replace(/\t/g, '    ')
        .replace(/[ ]+\n/g, '\n')
        .replace(/\n\s*\n(\s*\})/g, '\n$1');
}
