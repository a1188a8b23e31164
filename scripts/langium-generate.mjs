// `npm run langium:generate`: Langium's generator, without its "Found multiple assignments" warnings.
//
// The grammar assigns each block setting with `=` inside a repeated group (`connector …`, `url …` in any order), so
// Langium warns that a second assignment would overwrite the first. That is intended: the AST keeps one value per
// setting and the check `settingsMustBeGivenOnce` (duplicate-setting) (language/validation/syntax.ts) reports a setting given
// twice. Exactly those warnings are left out (counted in one line); any other output, warning or error passes through.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(
    process.execPath,
    ['--import', './language/groupby-polyfill.mjs', 'node_modules/langium-cli/bin/langium.js', 'generate', ...process.argv.slice(2)],
    { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } }
);

const EXPECTED =
    /^language\/iom\.langium:\d+:\d+ - Found multiple assignments to '\w+' with the '\??=' assignment operator\. Consider using '\+=' instead to prevent data loss\.$/;
let silenced = 0;
for (const [stream, text] of [
    [process.stdout, result.stdout],
    [process.stderr, result.stderr]
]) {
    const kept = (text ?? '').split('\n').filter(line => !(EXPECTED.test(line) && ++silenced));
    stream.write(
        kept
            .filter(line => line !== '')
            .map(line => `${line}\n`)
            .join('')
    );
}
if (silenced) console.log(`(${silenced} expected "multiple assignments" warnings for block settings left out: see scripts/langium-generate.mjs)`);
if (result.error) throw result.error;
process.exit(result.status ?? 1);
