import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { artifactValidator, copyExample, labSecretParameter, readTree, tempDirs } from '../compiler/helpers.js';
import { iom, spawnIom } from '../helpers/cli.js';
import { itemAt } from '../helpers/items.js';

/**
 * Issue 10 item 4: secret-like literals are reported (IOM0004), never echoed in any output format and never
 * emitted, even with the rule switched off; secrets are referenced instead (`secret env`, `secret keyvault`).
 */

const temp = tempDirs('iom-secrets-');

const SECRETS = {
    sas: 'sig=Zm9vYmFyYmF6cXV4cXV1eA%3D%3D',
    accountKey: 'AccountKey=bXlzZWNyZXRrZXlteXNlY3JldGtleQ==',
    urlPassword: 'admin:hunter2secret@',
    stripe: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
    aws: 'AKIAIOSFODNN7EXAMPLE',
    github: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
    jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'
};

/** The quickstart lab with a secret in a connection URL (which IOM2002 also quotes), a description, a parameter
 * value, a rule value and a journey description. */
function leakyWorkspace(): string {
    const dir = temp();
    copyExample('quickstart-lab', dir, text =>
        text
            .replace(
                'parameter IOMLabOutboundFulfillmentEmail = "seattle.store@contoso.com"',
                `parameter IOMLabOutboundFulfillmentEmail = "${SECRETS.stripe}"`
            )
            .replace(
                '"ShipToCountry - US" {\n        "Ship to Country/Region" = "US"',
                `"ShipToCountry - US" {\n        "Ship to Country/Region" = "${SECRETS.aws}"`
            )
    );
    fs.appendFileSync(
        path.join(dir, 'connections.iom'),
        [
            '',
            'connection Leaky {',
            '    connector "Microsoft Dataverse"',
            `    url "https://${SECRETS.urlPassword}example.com/c?sv=2022&${SECRETS.sas}"`,
            `    description "${SECRETS.accountKey} and ${SECRETS.github} and ${SECRETS.jwt}"`,
            '}',
            ''
        ].join('\n')
    );
    return dir;
}

function expectNoSecret(text: string): void {
    for (const [name, secret] of Object.entries(SECRETS)) expect(text, name).not.toContain(secret.replace(/^\w+=/, '').slice(0, 12));
}

describe('secrets', { timeout: 180_000 }, () => {
    test('every secret-like literal is an error IOM0004, and no output format quotes one', async () => {
        const dir = leakyWorkspace();
        const text = await iom(['validate', '.'], dir);
        expect(text.code).toBe(1);
        const reported = text.stdout.split('\n').filter(line => line.includes('error IOM0004'));
        expect(reported.length).toBeGreaterThanOrEqual(7);
        expect(text.stdout).toMatch(
            /connections\.iom:\d+:\d+ - error IOM0004: This text looks like a secret \(password in a URL's user information\)/
        );
        expect(text.stdout).toMatch(/policies\.iom:\d+:\d+ - error IOM0004: This text looks like a secret \(AWS access key id/);
        expect(text.stdout).toMatch(/providers\.iom:\d+:\d+ - error IOM0004: This text looks like a secret \(Stripe live key/);
        // IOM2002 quotes the URL: redacted.
        expect(text.stdout).toMatch(/warning IOM2002: '.*‹redacted secret›.*' does not look like a Power Automate connection page/);
        expectNoSecret(text.stdout + text.stderr);
        for (const format of ['json', 'sarif']) {
            const run = await iom(['validate', '.', '--format', format], dir);
            expect(run.code).toBe(1);
            expect(run.stdout).toContain('IOM0004');
            expectNoSecret(run.stdout + run.stderr);
        }
        const build = await iom(['build', '.', '--format', 'sarif'], dir);
        expect(build.code).toBe(1);
        expectNoSecret(build.stdout + build.stderr);
        expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    });

    test('with IOM0004 switched off, the build still refuses to emit a secret', async () => {
        const dir = leakyWorkspace();
        fs.writeFileSync(path.join(dir, 'iomconfig.json'), JSON.stringify({ rules: { 'secret-in-literal': 'off', IOM2002: 'off' } }));
        const run = await iom(['build', '.'], dir);
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(
            /^connections\.iom:\d+:\d+ - error IOM0004: connections\/leaky\.json would carry a secret \(.*\); the build never emits secrets\./m
        );
        expect(run.stdout).toContain('Nothing was written.');
        expectNoSecret(run.stdout + run.stderr);
        expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    });

    test('secret references build: the artifact says where to read the value, and validates against its schema', async () => {
        const dir = temp();
        copyExample('quickstart-lab', dir, labSecretParameter);
        const run = await iom(['build', '.'], dir);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        const files = readTree(path.join(dir, 'out'));
        const validate = artifactValidator();
        expect([...files].map(([file, text]) => validate(file, text)).filter(Boolean)).toEqual([]);
        const provider = [...files].find(([file, text]) => file.startsWith('providers/') && text.includes('fulfillment-email'));
        expect(provider).toBeDefined();
        const parameter = (JSON.parse(provider![1]) as { parameters: Array<Record<string, unknown>> }).parameters[0];
        expect(parameter).toMatchObject({
            key: 'IOMLabOutboundFulfillmentEmail',
            value: null,
            secret: { store: 'keyVault', vault: 'contoso-vault', name: 'fulfillment-email' }
        });

        fs.writeFileSync(
            path.join(dir, 'providers.iom'),
            fs
                .readFileSync(path.join(dir, 'providers.iom'), 'utf8')
                .replace('secret keyvault "contoso-vault" "fulfillment-email"', 'secret env "FULFILLMENT_EMAIL"')
        );
        expect((await iom(['build', '.'], dir)).code).toBe(0);
        expect(fs.readFileSync(path.join(dir, 'out', path.dirname(provider![0]), path.basename(provider![0])), 'utf8')).toContain(
            '"store": "environment"'
        );
    });
});

describe('SARIF help links (the bin as a process: it finds docs/ from its bundle)', { timeout: 120_000 }, () => {
    test('every SARIF rule carries helpUri, the documentation of its code (issue 10 item 16)', () => {
        const dir = leakyWorkspace();
        const run = spawnIom(['validate', '.', '--format', 'sarif'], dir);
        const rules = itemAt(
            (JSON.parse(run.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } } }> }).runs,
            0
        ).tool.driver.rules;
        expect(rules.length).toBeGreaterThan(1);
        const docs = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'diagnostics.md'), 'utf8');
        for (const rule of rules) {
            expect(rule.helpUri, rule.id).toMatch(new RegExp(`^file://.*/docs/diagnostics\\.md#${rule.id.toLowerCase()}$`));
            expect(docs).toContain(`### ${rule.id}`);
        }
        const published = spawnIom(['validate', '.', '--format', 'sarif'], dir, { env: { IOM_DOCS_BASE: 'https://example.org/iom/diagnostics' } });
        expect(published.stdout).toContain('"helpUri": "https://example.org/iom/diagnostics#iom0004"');
    });
});
