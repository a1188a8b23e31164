// Regenerates the pictures of the marketplace readme (docs/extension.md) in the real VS Code: runs the end-to-end
// tests "readme screenshots" (test/e2e/suite/readme.test.ts) in VS Code 1.100.3's server build with the workbench in
// chromium (test/e2e/run-server-tests.cjs), which check what each picture shows and save it to test-results/, then
// copies the pictures to images/screenshot-*.png. Needs what the e2e suite needs (test/e2e/setup.sh).
// Usage: npm run screenshots        (on a shared machine: flock /tmp/e2e.lock npm run screenshots)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PICTURES = ['diagnostics', 'completion', 'journey-graph'];

function run(command, args, env = {}) {
    const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    if (result.status !== 0) {
        console.error(`readme-screenshots: ${[command, ...args].join(' ')} failed (exit ${result.status})`);
        process.exit(1);
    }
}

run(process.execPath, ['esbuild.mjs']);
run(process.execPath, ['test/e2e/build.mjs']);
run('sh', ['test/e2e/setup.sh']);
for (const name of PICTURES) fs.rmSync(path.join(root, 'test-results', `readme-${name}.png`), { force: true });
run(process.execPath, ['test/e2e/run-server-tests.cjs'], { IOM_E2E_GREP: 'readme screenshots' });
for (const name of PICTURES) {
    const from = path.join(root, 'test-results', `readme-${name}.png`);
    const to = path.join(root, 'images', `screenshot-${name}.png`);
    if (!fs.existsSync(from)) {
        console.error(`readme-screenshots: the run saved no ${path.relative(root, from)}`);
        process.exit(1);
    }
    fs.copyFileSync(from, to);
    console.log(`${path.relative(root, to)}: ${fs.statSync(to).size} bytes`);
}
