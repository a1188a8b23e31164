/**
 * The secret detectors' quick expressions (language/validation/secret-detectors.json `quick`): findSecrets skips a
 * detector whose quick expression misses the text, which is only sound if the quick expression matches every text
 * the detector's pattern matches. Checked on one secret per detector and on generated texts made of the pieces the
 * patterns look for (so that they do match often), against a search that runs every pattern.
 *
 * IOM0004 skips a whole file when no quick expression occurs in it (`mayContainSecret`), which is only sound if a
 * quick expression that matches a part of a text matches the text: no anchors, word boundaries or lookarounds.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import detectorData from '../../language/validation/secret-detectors.json' with { type: 'json' };
import { findSecrets, mayContainSecret, SECRET_DETECTORS } from '../../language/validation/secrets.js';

/** One secret per detector (made up, in the formats the detectors document). */
const EXAMPLES: Record<string, string> = {
    'azure-sas-signature': 'https://acct.blob.core.windows.net/c?sv=2022&sig=Zm9vYmFyYmF6cXV4cXV1eA%3D%3D',
    'azure-account-key': 'DefaultEndpointsProtocol=https;accountkey=bXlzZWNyZXRrZXlteXNlY3JldGtleQ==',
    'azure-shared-access-key': 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=bXlzZWNyZXRrZXlteXNlY3JldGtleQ==',
    'url-password': 'Https://admin:hunter2secret@contoso.example/orders',
    'assigned-secret': 'client_secret = "s3cr3tvalue"',
    'entra-client-secret': 'value abc8Q~abcdefghijklmnopqrstuvwxyz0123456 end',
    'stripe-live-key': 'key sk_live_4eC39HqLyjWDarjtT1zdp7dc',
    'aws-access-key-id': 'id AKIAIOSFODNN7EXAMPLE here',
    'github-token': 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
    'slack-token': 'xoxb-1234567890-abcdefghij',
    'google-api-key': 'AIzaSyA1234567890abcdefghijklmnopqrstuv',
    jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    'private-key': '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA'
};

/** findSecrets without the quick expressions: every pattern searched in every text. */
function findSecretsSlowly(text: string): Array<{ id: string; offset: number; length: number }> {
    if (text.length < 16 || !/[=:@~_.-]|eyJ|AKIA|ASIA|AIza|-----BEGIN/.test(text)) return [];
    const matches: Array<{ id: string; offset: number; length: number }> = [];
    for (const d of detectorData.detectors) {
        for (const match of text.matchAll(new RegExp(d.pattern, `${d.flags}g`)))
            matches.push({ id: d.id, offset: match.index, length: match[0].length });
    }
    matches.sort((a, b) => a.offset - b.offset || b.length - a.length);
    const kept: typeof matches = [];
    for (const match of matches) {
        const last = kept[kept.length - 1];
        if (last && match.offset < last.offset + last.length) continue;
        kept.push(match);
    }
    return kept;
}

/** Pieces of the patterns, so that generated texts contain secrets or near misses. */
const PIECES = [
    ...Object.values(EXAMPLES),
    ...['sig=', '?', '&', 'AccountKey=', 'SharedAccessKey=', '://', 'https', ':', '@', '/', ' ', '\n', '"', "'", '=', ';', ',', '~'],
    ...[
        'client_secret',
        'api-key',
        'password',
        'passwd',
        'pwd',
        'token',
        'SECRET',
        'Access_Key',
        'appsecret',
        'Q~',
        '8Q~',
        'sk_live_',
        'rk_live_',
        'AKIA',
        'ASIA',
        'ghp_'
    ],
    ...['github_pat_', 'xoxp-', 'AIza', 'eyJ', '.', '-----BEGIN ', 'PRIVATE KEY-----', 'abcdefghij', '0123456789', 'ABCDEFGHIJKLMNOP', '_', '-']
];

describe('secret detectors', () => {
    test('every detector has an example, which its pattern and its quick expression both match', () => {
        expect(SECRET_DETECTORS.map(d => d.id).sort()).toEqual(Object.keys(EXAMPLES).sort());
        for (const detector of SECRET_DETECTORS) {
            const example = EXAMPLES[detector.id]!;
            expect(new RegExp(detector.pattern.source, detector.pattern.flags.replace('g', '')).test(example), detector.id).toBe(true);
            expect(detector.quick.test(example), detector.id).toBe(true);
            expect(
                findSecrets(example).map(match => match.detector.id),
                detector.id
            ).toContain(detector.id);
        }
    });

    test('a quick expression matches every text its pattern matches: findSecrets finds what searching every pattern finds', () => {
        const piece = fc.oneof({ arbitrary: fc.constantFrom(...PIECES), weight: 4 }, { arbitrary: fc.string({ maxLength: 6 }), weight: 1 });
        const text = fc.array(piece, { maxLength: 24 }).map(parts => parts.join(''));
        const matched = new Map<string, number>();
        fc.assert(
            fc.property(text, text => {
                for (const detector of SECRET_DETECTORS) {
                    if (!new RegExp(detector.pattern.source, detector.pattern.flags.replace('g', '')).test(text)) continue;
                    matched.set(detector.id, (matched.get(detector.id) ?? 0) + 1);
                    expect(detector.quick.test(text), `${detector.id}: ${JSON.stringify(text)}`).toBe(true);
                }
                expect(findSecrets(text).map(match => ({ id: match.detector.id, offset: match.offset, length: match.length }))).toEqual(
                    findSecretsSlowly(text)
                );
            }),
            { numRuns: 3000 }
        );
        // The generated texts exercise every detector, not only its example.
        for (const detector of SECRET_DETECTORS) expect(matched.get(detector.id) ?? 0, detector.id).toBeGreaterThan(50);
    });

    test('a text in which a secret is embedded may contain one; quick expressions hold nothing that depends on the surroundings', () => {
        for (const detector of SECRET_DETECTORS) {
            // Outside character classes (where `^` negates): no anchor, word boundary or lookaround.
            const outsideClasses = detector.quick.source.replace(/\[(?:\\.|[^\]\\])*\]/g, '');
            expect(outsideClasses, detector.id).not.toMatch(/\^|\$|\\b|\\B|\(\?<?[=!]/);
            const example = EXAMPLES[detector.id]!;
            for (const [before, after] of [
                ['', ''],
                ['event "', '" {\n'],
                ['x', 'x'],
                ['description """\n', '\n"""']
            ]) {
                expect(mayContainSecret(`${before}${example}${after}`), detector.id).toBe(true);
            }
        }
        expect(mayContainSecret('event "Order created"\nprovider Contoso from "Dataverse" {\n}\n')).toBe(false);
        // Whenever a part of a generated text holds a secret, the whole text may contain one.
        fc.assert(
            fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }), fc.nat(), fc.nat(), (parts, a, b) => {
                const text = parts.join('');
                const start = a % (text.length + 1);
                const part = text.slice(start, start + (b % (text.length - start + 1)));
                if (findSecrets(part).length > 0) expect(mayContainSecret(text), JSON.stringify(text)).toBe(true);
            }),
            { numRuns: 2000 }
        );
    });

    test('an artifact-like text with no secret-like part is found clean', () => {
        const text = JSON.stringify(
            { connectionUrl: 'https://make.powerautomate.com/environments/x/connections', name: 'Token count', id: 'abc' },
            null,
            2
        );
        expect(findSecrets(text)).toEqual([]);
        expect(findSecretsSlowly(text)).toEqual([]);
    });
});
