import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { copyExample, readTree, repoRoot, tempDirs } from '../compiler/helpers.js';
import { iom, spawnIom } from '../helpers/cli.js';

const cases = path.join(repoRoot, 'test', 'resources', 'deployment');
const temp = tempDirs('iom-deploy-cli-');

function caseCopy(name: string): string {
    const dir = temp();
    for (const file of fs.readdirSync(path.join(cases, name))) fs.copyFileSync(path.join(cases, name, file), path.join(dir, file));
    return dir;
}

describe('iom package', () => {
    test('writes the package and its checklist, and says how many names are assumed', { timeout: 180_000 }, async () => {
        const dir = temp();
        copyExample('quickstart-lab', dir);
        const run = await iom(['package', '.', '--out', 'lab.zip'], dir);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toMatch(/^Packaged 31 row\(s\) in 13 table\(s\): lab\.zip$/m);
        expect(run.stdout).toMatch(
            /^Names: 19 documented, 0 confirmed by the environment schema, 58 assumed \(check them with --environment-schema\)\.$/m
        );
        expect(fs.readFileSync(path.join(dir, 'lab.checklist.md'), 'utf8')).toBe(
            fs.readFileSync(path.join(__dirname, 'golden', 'quickstart-lab', 'checklist.md'), 'utf8').replace(/quickstart-lab\.zip/g, 'lab.zip')
        );
        const json = JSON.parse(fs.readFileSync(path.join(dir, 'lab.checklist.json'), 'utf8'));
        expect(json.summary.names).toEqual({ assumed: 58, confirmed: 0, documented: 19 });
        const again = await iom(['package', '.', '--out', 'lab2.zip', '--format', 'json'], dir);
        expect(again.code).toBe(0);
        expect(JSON.parse(again.stdout).package.assumed).toHaveLength(58);
        expect(fs.readFileSync(path.join(dir, 'lab2.zip')).equals(fs.readFileSync(path.join(dir, 'lab.zip')))).toBe(true);
    });

    test('environment-schema problems are printed at their declarations, exit 1, nothing written', { timeout: 180_000 }, async () => {
        const dir = caseCopy('combined-fails-three-problems');
        const run = await iom(['package', '.', '--out', 'p.zip', '--environment-schema', 'environment.xml'], dir);
        expect(run.code).toBe(1);
        expect(run.stdout).toContain("policies.iom:2:1 - error IOM7003: Column 'msdyn_name' (Policy Name)");
        expect(run.stdout).toContain("policies.iom:2:1 - error IOM7004: 'Critical information' is not a choice");
        expect(run.stdout).toContain("policies.iom:8:5 - error IOM7002: Column 'msdyn_addaction'");
        expect(run.stdout).toContain('Package failed: 3 error(s). Nothing was written.');
        expect(fs.existsSync(path.join(dir, 'p.zip'))).toBe(false);
        expect(fs.existsSync(path.join(dir, 'p.checklist.md'))).toBe(false);
        const passing = caseCopy('passes-complete-schema');
        const ok = await iom(['package', '.', '--out', 'p.zip', '--environment-schema', 'environment.xml'], passing);
        expect(ok.code, ok.stdout).toBe(0);
        expect(ok.stdout).toContain('Names: 2 documented, 10 confirmed by the environment schema, 0 assumed.');
    });

    test('an unreadable or malformed environment schema is a usage error (exit 2); so is a missing --out', { timeout: 180_000 }, async () => {
        const dir = caseCopy('passes-complete-schema');
        fs.writeFileSync(path.join(dir, 'bad.xml'), '<root/>');
        const bad = await iom(['package', '.', '--out', 'p.zip', '--environment-schema', 'bad.xml'], dir);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toBe('iom: bad.xml: not a Configuration Migration schema (no <entities> root element).\n');
        const missing = await iom(['package', '.', '--out', 'p.zip', '--environment-schema', 'nope.xml'], dir);
        expect(missing.code).toBe(2);
        expect(missing.stderr).toBe('iom: cannot read nope.xml: ENOENT\n');
        expect((await iom(['package', '.'], dir)).code).toBe(2);
        expect(fs.readdirSync(dir).filter(file => file.startsWith('p.'))).toEqual([]);
    });

    test('iom build --package writes the artifacts and the same package; a schema problem blocks both', { timeout: 180_000 }, async () => {
        const dir = temp();
        copyExample('quickstart-lab', dir);
        expect((await iom(['package', '.', '--out', 'direct.zip'], dir)).code).toBe(0);
        const run = await iom(['build', '.', '--package', 'built.zip'], dir);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toContain('Packaged 31 row(s) in 13 table(s): built.zip');
        expect(fs.readFileSync(path.join(dir, 'built.zip')).equals(fs.readFileSync(path.join(dir, 'direct.zip')))).toBe(true);
        expect(readTree(path.join(dir, 'out')).size).toBe(24);
        const failing = caseCopy('IOM7002-fails-missing-column');
        const blocked = await iom(['build', '.', '--package', 'p.zip', '--environment-schema', 'environment.xml'], failing);
        expect(blocked.code).toBe(1);
        expect(blocked.stdout).toContain('IOM7002');
        expect(fs.existsSync(path.join(failing, 'out'))).toBe(false);
        expect(fs.existsSync(path.join(failing, 'p.zip'))).toBe(false);
    });
});

describe('iom plan', () => {
    test(
        'after changing one rule of the lab, exactly one Modify with the changed property (exit 3); no change exits 0',
        { timeout: 180_000 },
        async () => {
            const dir = temp();
            copyExample('quickstart-lab', dir);
            expect((await iom(['build', '.'], dir)).code).toBe(0);
            expect((await iom(['package', '.', '--out', 'previous.zip'], dir)).code).toBe(0);
            const same = await iom(['plan', '.', '--against', 'out'], dir);
            expect(same.code, same.stderr).toBe(0);
            expect(same.stdout).toMatch(/^Plan against out \(a build output folder\): 0 to create, 0 to modify, 0 to delete, 23 unchanged\.$/m);
            const file = path.join(dir, 'policies.iom');
            fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Quantity >= 5', 'Quantity >= 6'));
            const run = await iom(['plan', '.', '--against', 'out'], dir);
            expect(run.code, run.stderr).toBe(3);
            const changed = run.stdout.split('\n').filter(line => /^[+~-] /.test(line));
            expect(changed).toEqual(['~ Modify policy "Order line validation policy" (policies.iom:17)']);
            expect(run.stdout).toContain('    ~ rules["Min quantity"].condition.conditions[0].value.value: 5 -> 6\n');
            const markdown = await iom(['plan', '.', '--against', 'out', '--format', 'markdown'], dir);
            expect(markdown.code).toBe(3);
            expect(markdown.stdout).toContain('| ~ Modify | policy | Order line validation policy | policies.iom:17 |');
            const json = await iom(['plan', '.', '--against', 'out', '--format', 'json'], dir);
            expect(JSON.parse(json.stdout).counts).toEqual({ create: 0, delete: 0, modify: 1, noChange: 22 });
            // Against the previous package: the condition is not in a package, so nothing it carries changed.
            const packaged = await iom(['plan', '.', '--against', 'previous.zip'], dir);
            expect(packaged.code).toBe(0);
            expect(packaged.stdout).toContain('Compared as data package rows');
        }
    );

    test('a bad baseline or format is a usage error (exit 2); workspace errors exit 1', { timeout: 180_000 }, async () => {
        const dir = temp();
        copyExample('seed', dir);
        expect(await iom(['plan', '.', '--against', 'nowhere'], dir)).toMatchObject({ code: 2, stderr: 'iom: nowhere: no such file or folder\n' });
        fs.mkdirSync(path.join(dir, 'empty'));
        expect((await iom(['plan', '.', '--against', 'empty'], dir)).stderr).toMatch(/^iom: empty: not the output of a build/);
        fs.writeFileSync(path.join(dir, 'junk.zip'), 'not a zip');
        expect(await iom(['plan', '.', '--against', 'junk.zip'], dir)).toMatchObject({
            code: 2,
            stderr: expect.stringMatching(/^iom: junk\.zip: not a zip file/)
        });
        expect((await iom(['plan', '.', '--against', 'empty', '--format', 'xml'], dir)).code).toBe(2);
        fs.appendFileSync(path.join(dir, 'journeys.iom'), '\njourney Broken {\n    step "X" : "No such tile" { }\n}\n');
        const broken = await iom(['plan', '.', '--against', 'empty'], dir);
        expect(broken.code).toBe(1);
        expect(broken.stderr).toContain('IOM1001');
    });
});

describe('iom package and iom plan as processes (bin/iom.cjs): smoke test', () => {
    test('package writes the zip; plan against the build exits 0 (no changes)', { timeout: 180_000 }, async () => {
        const dir = temp();
        copyExample('quickstart-lab', dir);
        const packaged = spawnIom(['package', '.', '--out', 'lab.zip'], dir);
        expect(packaged.code, packaged.stderr).toBe(0);
        expect(packaged.stdout).toMatch(/^Packaged 31 row\(s\) in 13 table\(s\): lab\.zip$/m);
        expect((await iom(['build', '.'], dir)).code).toBe(0);
        const planned = spawnIom(['plan', '.', '--against', 'out'], dir);
        expect(planned.code, planned.stderr).toBe(0);
        expect(planned.stdout).toMatch(/0 to create, 0 to modify, 0 to delete, 23 unchanged\.$/m);
    });
});
