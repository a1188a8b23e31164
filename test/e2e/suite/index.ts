/**
 * Entry point of the end-to-end suite (`extensionTestsPath`), shared by both launchers:
 *   test/e2e/run-server-tests.cjs    VS Code 1.100.3 server build in Debian's chromium (offline)
 *   test/e2e/run-electron-tests.cjs  desktop VS Code through @vscode/test-electron (downloads VS Code)
 *
 * test/e2e/build.mjs bundles this file into out/test/e2e/index.cjs and every test/e2e/suite/*.test.ts into
 * out/test/e2e/<name>.test.cjs. To add tests (quick fix, compile command, …) drop a new `<feature>.test.ts` here that
 * uses mocha's BDD globals (`describe`, `it`, hooks) and ./helpers; it is picked up without further changes.
 * Set IOM_E2E_GREP to run only the tests whose title matches.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

declare const __dirname: string;

export function run(): Promise<void> {
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
    if (process.env.IOM_E2E_GREP) mocha.grep(process.env.IOM_E2E_GREP);
    const files = fs
        .readdirSync(__dirname)
        .filter(file => file.endsWith('.test.cjs'))
        .sort();
    for (const file of files) mocha.addFile(path.join(__dirname, file));
    console.log(
        `IOM end-to-end suite: ${files.length} file(s), VS Code ${vscode.version}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, ` +
            `Node ${process.versions.node}`
    );
    return keepEditsUnsaved().then(
        () =>
            new Promise((resolve, reject) => {
                try {
                    const runner = mocha.run(failures => {
                        // A bare summary line for CI log parsers; the spec reporter's own summary comes right before it.
                        console.log(`${runner.stats?.passes ?? 0} passed, ${failures} failed`);
                        if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
                        else resolve();
                    });
                } catch (error) {
                    console.error(error);
                    reject(error instanceof Error ? error : new Error(String(error)));
                }
            })
    );
}

/**
 * The tests' edits stay unsaved until they revert them. VS Code for the web saves after a delay by default, and the
 * launcher's machine setting (files.autoSave off) may reach the workbench after the first tests started on a busy
 * machine, which once saved a test's temporary edit. So turn auto save off here too, and wait until it is in effect.
 */
async function keepEditsUnsaved(): Promise<void> {
    const files = () => vscode.workspace.getConfiguration('files');
    if (files().get('autoSave') !== 'off') await files().update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    for (let attempt = 0; files().get('autoSave') !== 'off'; attempt++) {
        if (attempt > 100) throw new Error(`files.autoSave is still '${String(files().get('autoSave'))}'`);
        await new Promise<void>(resolve => {
            const listener = vscode.workspace.onDidChangeConfiguration(() => {
                listener.dispose();
                resolve();
            });
            setTimeout(() => {
                listener.dispose();
                resolve();
            }, 100);
        });
    }
}
