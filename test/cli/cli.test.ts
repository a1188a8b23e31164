import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { artifactValidator, copyExample, readTree, replacing, repoRoot, tempDirs } from '../compiler/helpers.js';
import { type CliRun, iom, spawnIom, startIom } from '../helpers/cli.js';
import { itemAt } from '../helpers/items.js';

const temp = tempDirs('iom-cli-');

function workspaceWithError(): string {
    const dir = temp();
    copyExample('seed', dir);
    fs.appendFileSync(path.join(dir, 'journeys.iom'), '\njourney Broken {\n    step "X" : "No such tile" { }\n}\n');
    return dir;
}

const sarifSchema = JSON.parse(fs.readFileSync(path.join(__dirname, 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
const sarifAjv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(sarifAjv);
const validateSarif = sarifAjv.compile(sarifSchema);

describe('iom build', () => {
    test('writes the artifacts into <folder>/out, exit 0, and they validate against the schemas', async () => {
        const dir = temp();
        copyExample('quickstart-lab', dir);
        const run = await iom(['build', '.'], dir);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toMatch(/^Built 23 artifact\(s\) from 8 file\(s\) in \d+ ms: out\/$/m);
        expect(run.stdout).toContain('Manifest and deployment plan: out/manifest.json');
        expect(run.stderr).toBe('');
        const files = readTree(path.join(dir, 'out'));
        expect(files.size).toBe(24); // 23 artifacts and the manifest
        const validate = artifactValidator();
        expect([...files].map(([file, text]) => validate(file, text)).filter(Boolean)).toEqual([]);
        const baseline = readTree(path.join(repoRoot, 'test', 'compiler', 'baselines', 'quickstart-lab'));
        expect(files).toEqual(baseline);
    });

    test('errors block the emit: printed like a compiler, exit 1, nothing written', async () => {
        const dir = workspaceWithError();
        const run = await iom(['build'], dir);
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(/^journeys\.iom:\d+:\d+ - error IOM\d{4}: .*No such tile/m);
        expect(run.stdout).toContain('Nothing was written.');
        expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    });

    test('--out and iomconfig.json build.out choose the output folder', async () => {
        const dir = temp();
        copyExample('seed', dir);
        fs.writeFileSync(path.join(dir, 'iomconfig.json'), JSON.stringify({ build: { out: 'dist/iom' } }));
        expect((await iom(['build'], dir)).code).toBe(0);
        expect(fs.existsSync(path.join(dir, 'dist', 'iom', 'manifest.json'))).toBe(true);
        expect((await iom(['build', '--out', 'elsewhere'], dir)).code).toBe(0);
        expect(fs.existsSync(path.join(dir, 'elsewhere', 'manifest.json'))).toBe(true);
        expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    });

    test('--format json keeps stdout a single JSON document', async () => {
        const dir = temp();
        copyExample('splitter-merge', dir);
        const run = await iom(['build', '--format', 'json'], dir);
        expect(run.code).toBe(0);
        const summary = JSON.parse(run.stdout);
        expect(summary).toMatchObject({ ok: true, output: { folder: 'out', manifest: 'out/manifest.json' } });
        expect(summary.output.files).toContain('journeys/test-order-flow-sample.json');
    });

    test('--format sarif with errors is valid SARIF 2.1.0, exit 1', async () => {
        const dir = workspaceWithError();
        const run = await iom(['build', '--format', 'sarif'], dir);
        expect(run.code).toBe(1);
        const log = JSON.parse(run.stdout);
        expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
        const result = log.runs[0].results.find((r: { level: string }) => r.level === 'error');
        expect(result.ruleId).toMatch(/^IOM\d{4}$/);
        expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'journeys.iom', uriBaseId: 'WORKSPACE' });
        expect(log.runs[0].tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
        expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    });

    test('usage and I/O problems exit 2', async () => {
        const dir = temp();
        copyExample('seed', dir);
        expect((await iom(['build', '--format', 'xml'], dir)).code).toBe(2);
        expect((await iom(['build', 'no-such-folder'], dir)).code).toBe(2);
        expect((await iom(['build', '--out', '.'], dir)).code).toBe(2);
        expect((await iom(['build', '--out', '..'], dir)).code).toBe(2);
        fs.mkdirSync(path.join(dir, 'notes'));
        fs.writeFileSync(path.join(dir, 'notes', 'keep.txt'), 'mine');
        const refused = await iom(['build', '--out', 'notes'], dir);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(/^iom: .*refusing to replace it/m);
        expect(fs.readFileSync(path.join(dir, 'notes', 'keep.txt'), 'utf8')).toBe('mine');
        fs.writeFileSync(path.join(dir, 'iomconfig.json'), '{ "build": ');
        expect(await iom(['build'], dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/iomconfig\.json:1:\d+/) });
        expect((await iom(['frobnicate'], dir)).code).toBe(2);
    });

    test('--watch rebuilds when a source changes (a real process, ended by SIGINT)', async () => {
        const dir = temp();
        copyExample('seed', dir);
        const { child, done } = startIom(['build', '--watch', '--format', 'json'], dir);
        const lines: string[] = [];
        let buffer = '';
        let arrived = () => {};
        child.stdout!.on('data', chunk => {
            buffer += String(chunk);
            const parts = buffer.split('\n');
            buffer = parts.pop()!;
            lines.push(...parts);
            arrived();
        });
        /** Resolves when the build has printed `count` lines (on their arrival, not by polling). */
        const waitFor = async (count: number) => {
            while (lines.length < count)
                await new Promise<void>(resolve => {
                    arrived = resolve;
                });
            expect(lines.length).toBeGreaterThanOrEqual(count);
        };
        try {
            await waitFor(1);
            expect(JSON.parse(itemAt(lines, 0)).ok).toBe(true);
            fs.appendFileSync(
                path.join(dir, 'connections.iom'),
                '\nconnection Extra { connector "Microsoft Dataverse" url "https://example.invalid/x" }\n'
            );
            await waitFor(2);
            expect(JSON.parse(itemAt(lines, 1)).output.files).toContain('connections/extra.json');
            expect(fs.existsSync(path.join(dir, 'out', 'connections', 'extra.json'))).toBe(true);
        } finally {
            child.kill('SIGINT');
        }
        expect((await done).code).toBe(0);
    }, 30_000);
});

describe('iom validate', () => {
    test('text, json and sarif formats and their exit codes', async () => {
        const good = temp();
        copyExample('quickstart-lab', good);
        const text = await iom(['validate'], good);
        expect(text.code).toBe(0);
        expect(text.stdout).toMatch(/8 file\(s\) checked: 0 error\(s\)/);
        const json = await iom(['validate', '--format', 'json'], good);
        expect(Array.isArray(JSON.parse(json.stdout))).toBe(true);
        const sarif = await iom(['validate', '--format', 'sarif'], good);
        expect(sarif.code).toBe(0);
        expect(validateSarif(JSON.parse(sarif.stdout))).toBe(true);

        expect(validateSarif({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);

        const bad = workspaceWithError();
        const failing = await iom(['validate', '--format', 'sarif'], bad);
        expect(failing.code).toBe(1);
        expect(validateSarif(JSON.parse(failing.stdout)), JSON.stringify(validateSarif.errors)).toBe(true);
        expect(failing.stderr).toBe('');
    });
});

describe('the VS Code task type', () => {
    test('its problem matcher reads every diagnostic line the CLI prints', async () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
        const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'iom');
        const pattern = new RegExp(matcher.pattern.regexp);
        const dir = workspaceWithError();
        const run = await iom(['build'], dir);
        expect(run.code).toBe(1);
        const lines = run.stdout.split('\n').filter(line => / - (error|warning|info|hint)/.test(line));
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) {
            const match = pattern.exec(line);
            expect(match, line).not.toBeNull();
            const field = (name: string) => itemAt(match!, matcher.pattern[name] as number);
            expect(fs.existsSync(path.join(dir, field('file'))), line).toBe(true);
            expect(Number(field('line'))).toBeGreaterThan(0);
            expect(Number(field('column'))).toBeGreaterThan(0);
            expect(['error', 'warning', 'info', 'hint']).toContain(field('severity'));
            expect(field('code')).toMatch(/^IOM\d{4}$/);
            expect(field('message').length).toBeGreaterThan(0);
        }
    });
});

describe('iomconfig.json', () => {
    test('its problems are reported by the CLI as the editor reports them, and its levels apply', async () => {
        const dir = temp();
        copyExample('seed', dir);
        fs.writeFileSync(path.join(dir, 'iomconfig.json'), '{\n  "rules": { "IOM9999": "off", "unused-connection": "loud" }\n}\n');
        const run = await iom(['validate'], dir);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain("iomconfig.json:2:14 - warning IOM8002: 'IOM9999' is not a rule code or name.");
        expect(run.stdout).toMatch(/iomconfig\.json:2:53 - error IOM8003: /); // at the level itself
        expect((await iom(['build'], dir)).code).toBe(1);

        // A level from the configuration changes what the CLI reports.
        fs.appendFileSync(
            path.join(dir, 'connections.iom'),
            '\nconnection Spare {\n    connector "Outlook.com"\n    url "https://make.powerautomate.com/environments/Default-1/connections?apiName=shared_outlook&connectionName=1"\n}\n'
        );
        fs.writeFileSync(path.join(dir, 'iomconfig.json'), '{ "rules": { "unused-connection": "error" } }');
        const configured = await iom(['validate'], dir);
        expect(configured.code).toBe(1);
        expect(configured.stdout).toMatch(/connections\.iom:\d+:\d+ - error IOM2007: /);
    });
});

describe('syntax and linking errors cannot be silenced (issue 10, item 3)', () => {
    const misspelled = (text: string) => text.replace('    criticality critical\n    entity Order\n', '    criticality critcal\n    entity Order\n');
    const expectBlocked = (dir: string, run: CliRun) => {
        expect(run.code, run.stdout + run.stderr).toBe(1);
        expect(run.stdout + run.stderr).not.toContain('internal error');
        expect(run.stdout).toContain('Nothing was written.');
        expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    };

    test('// iom-disable-next-line IOM0002 above a misspelled value: reported, exit 1, nothing written', async () => {
        const dir = temp();
        copyExample('quickstart-lab', dir, text =>
            misspelled(text).replace('    criticality critcal\n', '    // iom-disable-next-line IOM0002\n    criticality critcal\n')
        );
        const run = await iom(['build', '.'], dir);
        expectBlocked(dir, run);
        expect(run.stdout).toMatch(/^policies\.iom:6:30 - warning IOM9010: 'IOM0002' \(syntax-error\) is a syntax error: it cannot be suppressed/m);
        expect(run.stdout).toMatch(/^policies\.iom:7:17 - error IOM0002: /m);
    });

    test('"IOM0002": "warning" or "syntax-error": "off" in iomconfig.json: reported, still an error, exit 1, nothing written', async () => {
        for (const [rule, level] of [
            ['IOM0002', 'warning'],
            ['syntax-error', 'off']
        ]) {
            const dir = temp();
            copyExample('quickstart-lab', dir, misspelled);
            fs.writeFileSync(path.join(dir, 'iomconfig.json'), `{\n  "rules": { "${rule}": "${level}" }\n}\n`);
            const run = await iom(['build', '.'], dir);
            expectBlocked(dir, run);
            expect(run.stdout).toMatch(new RegExp(`^iomconfig\\.json:2:14 - warning IOM9010: '${'IOM0002'}' \\(syntax-error\\)`, 'm'));
            expect(run.stdout).toMatch(/^policies\.iom:6:17 - error IOM0002: /m);
        }
    });

    test('a suppressed syntax error after a broken bind: no internal error, exit 1, nothing written', async () => {
        const dir = temp();
        copyExample(
            'quickstart-lab',
            dir,
            replacing(
                '    bind "Microsoft Dataverse" to Dataverse\n    bind "Outlook.com" to Outlook\n',
                '    bind "Microsoft Dataverse" to\n    // iom-disable-next-line IOM0002\n    bind "Outlook.com" to Outlook\n'
            )
        );
        fs.writeFileSync(path.join(dir, 'iomconfig.json'), '{ "rules": { "IOM0002": "warning" } }');
        const run = await iom(['build', '.'], dir);
        expectBlocked(dir, run);
        expect(run.stdout).toMatch(/^providers\.iom:6:5 - error IOM0002: /m);
    });

    test('a suppressed or disabled unresolved reference still blocks the build', async () => {
        const dir = temp();
        copyExample('quickstart-lab', dir, text => text.replace('    entity Order\n', '    // iom-disable-next-line IOM1001\n    entity Ordr\n'));
        fs.writeFileSync(path.join(dir, 'iomconfig.json'), '{ "rules": { "unresolved-reference": "off" } }');
        const run = await iom(['build', '.'], dir);
        expectBlocked(dir, run);
        expect(run.stdout).toMatch(/ - error IOM1001: Cannot find entity 'Ordr'/);
    });
});

describe('iom init', () => {
    test('scaffolds a workspace that validates without errors or warnings and builds', async () => {
        const dir = temp();
        const created = await iom(['init', 'fresh'], dir);
        expect(created.code).toBe(0);
        const root = path.join(dir, 'fresh');
        const check = await iom(['validate', '--format', 'json'], root);
        expect(check.code).toBe(0);
        const problems = JSON.parse(check.stdout).filter((d: { severity: string }) => d.severity === 'error' || d.severity === 'warning');
        expect(problems).toEqual([]);
        expect((await iom(['build'], root)).code).toBe(0);
        expect(fs.existsSync(path.join(root, 'out', 'journeys', 'order-orchestration.json'))).toBe(true);
    });

    test('refuses to overwrite an existing workspace', async () => {
        const dir = temp();
        copyExample('seed', dir);
        const before = readTree(dir);
        const run = await iom(['init', '.'], dir);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/refusing to overwrite/);
        expect(readTree(dir)).toEqual(before);
    });
});

describe('iom --version and --help', () => {
    test('print and exit 0', async () => {
        const dir = temp();
        const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
        expect(await iom(['--version'], dir)).toMatchObject({ code: 0, stdout: `${version}\n` });
        const help = await iom(['--help'], dir);
        expect(help.code).toBe(0);
        expect(help.stdout).toContain('Examples:');
        expect(help.stdout).toContain('Exit codes: 0 ok, 1 errors in the input');
    });
});

describe('the bin (bin/iom.cjs) as a process: smoke tests', () => {
    test('build and validate: the exit code and the output of the process', () => {
        const dir = temp();
        copyExample('quickstart-lab', dir);
        const built = spawnIom(['build', '.'], dir);
        expect(built.code, built.stderr).toBe(0);
        expect(built.stdout).toMatch(/^Built 23 artifact\(s\) from 8 file\(s\) in \d+ ms: out\/$/m);
        expect(readTree(path.join(dir, 'out'))).toEqual(readTree(path.join(repoRoot, 'test', 'compiler', 'baselines', 'quickstart-lab')));
        const broken = workspaceWithError();
        const failing = spawnIom(['validate', '--format', 'sarif'], broken);
        expect(failing.code).toBe(1);
        expect(validateSarif(JSON.parse(failing.stdout)), JSON.stringify(validateSarif.errors)).toBe(true);
    });

    test('init and format: a new workspace, already in the canonical format', () => {
        const dir = temp();
        const created = spawnIom(['init', 'fresh'], dir);
        expect(created.code, created.stderr).toBe(0);
        const checked = spawnIom(['format', '--check', 'fresh'], dir);
        expect(checked.code, checked.stdout + checked.stderr).toBe(0);
        expect(checked.stdout).toMatch(/^\d+ file\(s\) already formatted\.$/m);
    });
});
