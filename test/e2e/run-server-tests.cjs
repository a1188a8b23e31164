#!/usr/bin/env node
'use strict';
// Runs the end-to-end suite (out/test/e2e/index.cjs) inside VS Code 1.100.3's server build (npm code-server@4.100.3,
// lib/vscode) with the workbench opened in Debian's chromium through playwright-core. Works offline.
// Needs: node esbuild.mjs && node test/e2e/build.mjs && sh test/e2e/setup.sh
//
// The suite runs on a fresh temporary copy of test/e2e/workspace (fixture-workspace.cjs), removed afterwards; the run
// fails if the tracked fixture changed all the same.
// Environment: PORT (default: a free port), TIMEOUT_MS (default 480000: the whole suite, on a busy machine), VERBOSE=1 (echo the VS Code server's log),
// IOM_E2E_GREP (run only matching tests), CHROMIUM (default /usr/bin/chromium), EXTENSION_PATH (the extension to test:
// default this repository; run-vsix-tests.cjs points it at the extension installed from the packaged .vsix).
// Screenshots requested by the suite (helpers.requestScreenshot) are saved to test-results/. The suite can also ask
// the runner to act on the workbench page as a user would (helpers.askWorkbench: read or click an element of the
// workbench, read an element inside a webview); the answer is written to test-results/ as JSON.
// Exit code: 0 all passed, 1 failures or runner error, 2 timeout.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { launchChromium } = require('./chromium.cjs');
const { changedFixtureFiles, copyFixtureWorkspace, fixture: fixtureFolder, snapshot } = require('./fixture-workspace.cjs');

const here = __dirname;
const root = path.resolve(here, '..', '..');
const resultsDir = path.join(root, 'test-results');
const testsPath = path.join(root, 'out', 'test', 'e2e', 'index.cjs');
const extensionPath = path.resolve(process.env.EXTENSION_PATH || root);
const timeoutMs = Number(process.env.TIMEOUT_MS || 480_000);
const verbose = !!process.env.VERBOSE;
const SCREENSHOT_MARKER = '[iom-e2e:screenshot] ';
const WORKBENCH_MARKER = '[iom-e2e:workbench] ';
const SUITE_BANNER = 'IOM end-to-end suite:'; // first line printed by suite/index.ts
// Machine settings of the VS Code server: keep the workbench quiet and offline.
const machineSettings = {
    'git.openRepositoryInParentFolders': 'never',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    // The extension contributes a walkthrough; opening it on install would take the focus from the tests' editors.
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'workbench.startupEditor': 'none',
    // VS Code for the web saves after a delay by default; the tests' edits must stay unsaved until they revert them.
    'files.autoSave': 'off'
};

function freePort() {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

// VS Code's own server script (code-server's CLI rejects --extensionDevelopmentPath). The parent of the data folders
// must exist, or the dev extension silently fails to load.
function startServer(vscodeDir, dataDir, port) {
    const machine = path.join(dataDir, 'server', 'data', 'Machine');
    fs.mkdirSync(machine, { recursive: true });
    fs.writeFileSync(path.join(machine, 'settings.json'), JSON.stringify(machineSettings, null, 2));
    const server = spawn(
        process.execPath,
        [
            path.join(vscodeDir, 'out', 'server-main.js'),
            '--host',
            '127.0.0.1',
            '--port',
            String(port),
            '--without-connection-token',
            '--accept-server-license-terms',
            '--disable-telemetry',
            '--disable-workspace-trust',
            '--server-data-dir',
            path.join(dataDir, 'server'),
            '--user-data-dir',
            path.join(dataDir, 'user')
        ],
        {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, IOM_E2E_SCREENSHOTS: resultsDir },
            detached: true // own process group, so the extension host and language server end with it
        }
    );
    let log = '';
    const record = chunk => {
        log += chunk;
        if (verbose) process.stderr.write(chunk);
    };
    server.stderr.on('data', record);
    const ready = new Promise((resolve, reject) => {
        server.stdout.on('data', chunk => {
            record(chunk);
            if (/Extension host agent listening/.test(log)) resolve();
        });
        server.on('exit', code => reject(new Error(`the VS Code server exited with ${code}:\n${log}`)));
    });
    return { server, ready };
}

/** Stops the server's process group and resolves once the server has exited (nothing writes into the copy after). */
function stopServer(server) {
    if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
    const exited = new Promise(resolve => server.once('exit', resolve));
    try {
        process.kill(-server.pid, 'SIGTERM'); // the server's process group only: it was started detached
    } catch {
        server.kill('SIGTERM');
    }
    return exited;
}

async function main() {
    const fixture = snapshot(fixtureFolder);
    if (!fs.existsSync(testsPath)) throw new Error(`${testsPath} is missing; run "node test/e2e/build.mjs" first`);
    if (!fs.existsSync(path.join(extensionPath, 'out', 'client', 'extension.cjs')))
        throw new Error(`${extensionPath}/out/ is missing; run "node esbuild.mjs" first`);
    const vscodeDir = path.join(path.dirname(require.resolve('code-server/package.json', { paths: [here] })), 'lib', 'vscode');
    fs.mkdirSync(resultsDir, { recursive: true });

    const started = Date.now();
    const port = Number(process.env.PORT) || (await freePort());
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-vscode-e2e-'));
    const folder = copyFixtureWorkspace();
    const { server, ready } = startServer(vscodeDir, dataDir, port);
    let browser;
    try {
        await ready;
        browser = await launchChromium();
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

        // Workbench start-up noise (404s for optional bundles, the offline extension gallery, …) is kept back and
        // shown only if the suite fails or does not start; everything from the suite's first line on is printed.
        let suiteStarted = false;
        const startupLog = [];
        let reportExit;
        const exited = new Promise(resolve => {
            reportExit = resolve;
        });
        // The workbench reports the suite's result through window.codeAutomationExit(code) and forwards the extension
        // host's console through window.codeAutomationLog(type, args).
        await page.exposeFunction('codeAutomationExit', code => reportExit(code));
        await page.exposeFunction('codeAutomationLog', (type, args) => {
            const first = String(args[0] ?? '');
            if (first.startsWith(SCREENSHOT_MARKER)) {
                const request = first.slice(SCREENSHOT_MARKER.length).trim();
                const space = request.indexOf(' ');
                takeScreenshot(page, space < 0 ? request : request.slice(0, space), space < 0 ? {} : JSON.parse(request.slice(space + 1)));
                return;
            }
            if (first.startsWith(WORKBENCH_MARKER)) {
                answerWorkbenchRequest(page, first.slice(WORKBENCH_MARKER.length).trim());
                return;
            }
            if (!suiteStarted && first.startsWith(SUITE_BANNER)) suiteStarted = true;
            if (suiteStarted || verbose) (console[type] || console.log)(...args);
            else startupLog.push(args.map(String).join(' '));
        });
        if (verbose) page.on('console', message => process.stderr.write(`[browser] ${message.text()}\n`));

        const remote = p => `vscode-remote://remote${p}`;
        const payload = JSON.stringify([
            ['extensionDevelopmentPath', remote(extensionPath)],
            ['extensionTestsPath', remote(testsPath)],
            ['skipWelcome', 'true']
        ]);
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(remote(folder))}&payload=${encodeURIComponent(payload)}`);

        let timer;
        const timedOut = new Promise(resolve => {
            timer = setTimeout(() => resolve('timeout'), timeoutMs);
        });
        const code = await Promise.race([exited, timedOut]);
        clearTimeout(timer);
        if (code !== 0 && !verbose) console.error(`--- workbench log before the suite started ---\n${startupLog.join('\n')}\n---`);
        if (code === 'timeout') {
            await page.screenshot({ path: path.join(resultsDir, 'timeout.png') }).catch(() => undefined);
            console.error(`the end-to-end suite did not finish within ${timeoutMs} ms (screenshot: test-results/timeout.png)`);
            return 2;
        }
        const vscodeVersion = JSON.parse(fs.readFileSync(path.join(vscodeDir, 'package.json'), 'utf8')).version;
        console.log(
            `VS Code ${vscodeVersion} server build in chromium: the suite exited with ${code} ` + `in ${((Date.now() - started) / 1000).toFixed(1)} s`
        );
        const changed = changedFixtureFiles(fixture);
        if (changed.length) {
            console.error(`the tracked test workspace changed on disk during the run: ${changed.join(', ')}`);
            return 1;
        }
        return code === 0 ? 0 : 1;
    } finally {
        if (browser) await browser.close().catch(() => undefined);
        await stopServer(server);
        fs.rmSync(dataDir, { recursive: true, force: true });
        fs.rmSync(folder, { recursive: true, force: true });
    }
}

// Saves through a temporary name, so the suite (which waits for the file) never sees half a picture. `options.clip`
// (CSS selectors) limits the picture to the smallest rectangle around those parts of the workbench.
function takeScreenshot(page, file, options) {
    const target = path.resolve(file);
    if (path.dirname(target) !== resultsDir) {
        console.error(`refusing to write a screenshot outside test-results/: ${file}`);
        return;
    }
    clipOf(page, options.clip)
        .then(clip => page.screenshot(clip ? { clip } : {}))
        .then(
            image => {
                fs.writeFileSync(`${target}.tmp`, image);
                fs.renameSync(`${target}.tmp`, target);
                console.log(`screenshot saved: ${path.relative(root, target)}`);
            },
            error => console.error(`screenshot failed: ${error.message}`)
        );
}

async function clipOf(page, selectors) {
    if (!selectors || selectors.length === 0) return undefined;
    const boxes = (await Promise.all(selectors.map(selector => page.locator(selector).first().boundingBox()))).filter(Boolean);
    if (boxes.length === 0) return undefined;
    const x = Math.min(...boxes.map(b => b.x)),
        y = Math.min(...boxes.map(b => b.y));
    return { x, y, width: Math.max(...boxes.map(b => b.x + b.width)) - x, height: Math.max(...boxes.map(b => b.y + b.height)) - y };
}

// A request is `<answer file> <JSON>`; the answer file gets `{ "result": … }` or `{ "error": "…" }`.
//   { "action": "texts", "selector": css }                  the innerText of the workbench's matching elements
//   { "action": "click", "selector": css, "text"?: string }  clicks the first match (whose text contains `text`)
//   { "action": "webviewElement", "id": string }            in whichever webview frame has an element with that id: its
//                                                            top and the frame's scroll offset and height
//   { "action": "webviewElements", "selector": css }         in the first webview frame with matches: each one's text,
//                                                            src and, for images, whether it loaded (naturalWidth)
async function answerWorkbenchRequest(page, line) {
    const space = line.indexOf(' ');
    const target = path.resolve(line.slice(0, space));
    if (path.dirname(target) !== resultsDir) {
        console.error(`refusing to write an answer outside test-results/: ${target}`);
        return;
    }
    let answer;
    try {
        const request = JSON.parse(line.slice(space + 1));
        answer = { result: await workbenchAction(page, request) };
    } catch (error) {
        answer = { error: error instanceof Error ? error.message : String(error) };
    }
    fs.writeFileSync(`${target}.tmp`, JSON.stringify(answer));
    fs.renameSync(`${target}.tmp`, target);
}

async function workbenchAction(page, request) {
    switch (request.action) {
        case 'texts':
            return page.locator(request.selector).allInnerTexts();
        case 'click': {
            let locator = page.locator(request.selector);
            if (request.text) locator = locator.filter({ hasText: request.text });
            if ((await locator.count()) === 0) return false;
            await locator.first().click();
            return true;
        }
        case 'webviewElement':
            for (const frame of page.frames()) {
                const found = await frame
                    .evaluate(id => {
                        const element = document.getElementById(id);
                        if (!element) return null;
                        return {
                            top: element.getBoundingClientRect().top,
                            scrollY: window.scrollY,
                            height: window.innerHeight,
                            text: element.textContent
                        };
                    }, request.id)
                    .catch(() => null);
                if (found) return found;
            }
            return null;
        case 'webviewElements':
            for (const frame of page.frames()) {
                if (frame === page.mainFrame()) continue;
                const found = await frame
                    .evaluate(
                        selector =>
                            [...document.querySelectorAll(selector)].map(element => ({
                                text: element.textContent,
                                src: element.getAttribute('src'),
                                loaded: element.complete === true && element.naturalWidth > 0
                            })),
                        request.selector
                    )
                    .catch(() => []);
                if (found.length) return found;
            }
            return [];
        default:
            throw new Error(`unknown workbench action ${request.action}`);
    }
}

main().then(
    code => process.exit(code),
    error => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    }
);
