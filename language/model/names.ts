/** Names as they are written: quoting, and "did you mean" suggestions for a misspelled one. */

/** The name a reference or a new name was written with, without the quotes (and escapes) of a quoted name. */
export function unquote(text: string): string {
    if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return text;
    try {
        return JSON.parse(text) as string;
    } catch {
        return text.slice(1, -1);
    }
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}

export interface ClosestOptions {
    /** How a name and the candidates are compared (default: lower case). */
    normalize?: (text: string) => string;
    /** The largest distance that is still a plausible typo (default: a third of the name's length, at least 2). */
    maxDistance?: (wanted: string, candidate: string) => number;
}

const lowerCase = (text: string) => text.toLowerCase();
const aThird = (wanted: string) => Math.max(2, Math.floor(wanted.length / 3));

/** The candidate closest to a misspelled name (the first of the closest), or undefined when none is close enough. */
export function closest(name: string, candidates: Iterable<string>, options: ClosestOptions = {}): string | undefined {
    const normalize = options.normalize ?? lowerCase;
    const maxDistance = options.maxDistance ?? aThird;
    const wanted = normalize(name);
    let best: { candidate: string; distance: number } | undefined;
    for (const candidate of candidates) {
        const normalized = normalize(candidate);
        const distance = editDistance(wanted, normalized);
        if (distance <= maxDistance(wanted, normalized) && (!best || distance < best.distance)) best = { candidate, distance };
    }
    return best?.candidate;
}

/** The sentence messages append for a suggestion (`Did you mean 'x'?`, after a space), or nothing. */
export function didYouMean(suggestion: string | undefined): string {
    return suggestion !== undefined ? ` Did you mean '${suggestion}'?` : '';
}
