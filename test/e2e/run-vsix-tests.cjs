#!/usr/bin/env node
'use strict';
// Packages the extension as a .vsix (the way it ships), installs it into VS Code 1.100.3's server build with
// `--install-extension`, and runs the end-to-end suite against the installed copy: proves that the package holds
// everything the extension needs (bundled client and server, grammar, configuration) and nothing from the sources.
// Needs what run-server-tests.cjs needs. Exit code: that of the suite, or 1 when packaging or installing fails.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const here = __dirname;
const root = path.resolve(here, '..', '..');
const vscodeDir = path.join(path.dirname(require.resolve('code-server/package.json', { paths: [here] })), 'lib', 'vscode');
const { name, publisher, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function run(command, args, options = {}) {
    const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
    if (result.status !== 0) {
        process.stderr.write(`${[command, ...args].join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`);
        process.exit(1);
    }
    return result.stdout;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-vsix-'));
try {
    const vsix = path.join(work, `${name}-${version}.vsix`);
    run(process.execPath, [
        require.resolve('@vscode/vsce/vsce', { paths: [root] }),
        'package',
        '--no-dependencies',
        // Relative links and images of the readme stay relative: they resolve inside the installed extension (docs/).
        '--allow-missing-repository',
        '--no-rewrite-relative-links',
        '--readme-path',
        'docs/extension.md',
        '--out',
        vsix
    ]);
    const extensionsDir = path.join(work, 'extensions');
    const serverArgs = [
        '--extensions-dir',
        extensionsDir,
        '--server-data-dir',
        path.join(work, 'server'),
        '--user-data-dir',
        path.join(work, 'user')
    ];
    fs.mkdirSync(path.join(work, 'server'));
    fs.mkdirSync(path.join(work, 'user'));
    run(process.execPath, [path.join(vscodeDir, 'out', 'server-main.js'), '--install-extension', vsix, ...serverArgs]);
    const listed = run(process.execPath, [path.join(vscodeDir, 'out', 'server-main.js'), '--list-extensions', '--show-versions', ...serverArgs]);
    const id = `${publisher}.${name}`;
    if (!listed.split('\n').includes(`${id}@${version}`)) {
        process.stderr.write(`${id}@${version} is not among the installed extensions:\n${listed}`);
        process.exit(1);
    }
    const installed = path.join(extensionsDir, `${id}-${version}`);
    console.log(`installed ${path.basename(vsix)} (${fs.statSync(vsix).size} bytes) as ${id}@${version}; running the suite against it`);
    const suite = spawnSync(process.execPath, [path.join(here, 'run-server-tests.cjs')], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, EXTENSION_PATH: installed }
    });
    process.exitCode = suite.status ?? 1;
} finally {
    fs.rmSync(work, { recursive: true, force: true });
}
