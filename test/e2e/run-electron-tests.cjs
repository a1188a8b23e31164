#!/usr/bin/env node
'use strict';
// Runs the end-to-end suite (out/test/e2e/index.cjs) in desktop VS Code through @vscode/test-electron (a root
// devDependency). It downloads VS Code on first use (into .vscode-test/), so it needs internet; offline, use
// run-server-tests.cjs. Needs: node esbuild.mjs && node test/e2e/build.mjs
//
// Environment: VSCODE_VERSION (default 1.100.3, the version the offline runner uses; 'stable' for the latest),
// VSCODE_EXECUTABLE (use an installed VS Code instead of downloading), IOM_E2E_GREP (run only matching tests).
// Screenshots are not taken here (helpers.requestScreenshot returns at once). On a Linux machine without a display,
// run it under xvfb-run.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');
const { changedFixtureFiles, copyFixtureWorkspace, fixture, snapshot } = require('./fixture-workspace.cjs');

const root = path.resolve(__dirname, '..', '..');
const extensionTestsPath = path.join(root, 'out', 'test', 'e2e', 'index.cjs');

async function main() {
    if (!fs.existsSync(extensionTestsPath)) throw new Error(`${extensionTestsPath} is missing; run "node test/e2e/build.mjs" first`);
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-vscode-electron-'));
    // A fresh temporary copy of test/e2e/workspace, never the tracked files (fixture-workspace.cjs).
    const before = snapshot(fixture);
    const folder = copyFixtureWorkspace();
    try {
        await runTests({
            ...(process.env.VSCODE_EXECUTABLE
                ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE }
                : { version: process.env.VSCODE_VERSION || '1.100.3' }),
            extensionDevelopmentPath: root,
            extensionTestsPath,
            extensionTestsEnv: { IOM_E2E_SCREENSHOTS: '' },
            launchArgs: [
                folder,
                '--disable-extensions',
                '--disable-workspace-trust',
                '--skip-welcome',
                '--skip-release-notes',
                `--user-data-dir=${userDataDir}`
            ]
        });
        const changed = changedFixtureFiles(before);
        if (changed.length) {
            console.error(`the tracked test workspace changed on disk during the run: ${changed.join(', ')}`);
            return 1;
        }
        return 0;
    } finally {
        fs.rmSync(userDataDir, { recursive: true, force: true });
        fs.rmSync(folder, { recursive: true, force: true });
    }
}

main().then(
    code => process.exit(code),
    error => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    }
);
