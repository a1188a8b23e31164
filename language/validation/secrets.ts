/**
 * Secret detection (issue 10 item 4): the detectors of language/validation/secret-detectors.json, applied to every
 * string, text block and name of a .iom file (IOM0004), to every diagnostic message (redacted), and by the compiler
 * to every artifact before it is written (never emitted). Secrets are referenced instead (`secret env "NAME"`,
 * `secret keyvault "vault" "name"`; docs/language.md).
 */
import detectorData from './secret-detectors.json' with { type: 'json' };

export interface SecretDetector {
    id: string;
    name: string;
    pattern: RegExp;
    /** Matches every text `pattern` matches (a part each match contains), and is cheaper: a text it misses is skipped. */
    quick: RegExp;
}

export interface SecretMatch {
    detector: SecretDetector;
    /** Offset and length of the match in the text searched. */
    offset: number;
    length: number;
}

export const SECRET_DETECTORS: readonly SecretDetector[] = detectorData.detectors.map(d => ({
    id: d.id,
    name: d.name,
    pattern: new RegExp(d.pattern, `${d.flags}g`),
    quick: new RegExp(d.quick, d.flags)
}));

/** What replaces a secret in messages. */
export const REDACTED = '‹redacted secret›';

/** A cheap pre-test: every detector needs one of these characters or words; most strings have none. */
const MAYBE = /[=:@~_.-]|eyJ|AKIA|ASIA|AIza|-----BEGIN/;

/** No detector matches a text shorter than this. */
export const SHORTEST_SECRET = 16;

/**
 * Whether some part of the text could be a secret: one of the detectors' quick expressions occurs in it. They hold
 * no anchor, word boundary or lookaround, so a text they all miss has no part they match either: a whole file that
 * fails this test has no secret in any of its strings (a quarter of the cost of reading each string of it).
 */
export function mayContainSecret(text: string): boolean {
    return SECRET_DETECTORS.some(detector => detector.quick.test(text));
}

/** Every secret-like part of a text, in order of offset (overlaps removed). */
export function findSecrets(text: string): SecretMatch[] {
    if (text.length < SHORTEST_SECRET || !MAYBE.test(text)) return [];
    const matches: SecretMatch[] = [];
    for (const detector of SECRET_DETECTORS) {
        // The compiler searches every artifact (tens of MiB on a large workspace): most detectors' patterns cannot be
        // searched for quickly (a word boundary or a character class first), their quick expressions can.
        if (!detector.quick.test(text)) continue;
        detector.pattern.lastIndex = 0;
        for (let match = detector.pattern.exec(text); match; match = detector.pattern.exec(text)) {
            matches.push({ detector, offset: match.index, length: match[0].length });
            if (match[0].length === 0) detector.pattern.lastIndex++;
        }
    }
    matches.sort((a, b) => a.offset - b.offset || b.length - a.length);
    const kept: SecretMatch[] = [];
    for (const match of matches) {
        const last = kept[kept.length - 1];
        if (last && match.offset < last.offset + last.length) continue;
        kept.push(match);
    }
    return kept;
}

/** The text with every secret-like part replaced by {@link REDACTED}. */
export function redactSecrets(text: string): string {
    const matches = findSecrets(text);
    if (matches.length === 0) return text;
    let result = '';
    let at = 0;
    for (const match of matches) {
        result += text.slice(at, match.offset) + REDACTED;
        at = match.offset + match.length;
    }
    return result + text.slice(at);
}
