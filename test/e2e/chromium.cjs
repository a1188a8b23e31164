'use strict';
// Headless Chromium for the end-to-end tests: Debian's chromium (or $CHROMIUM) driven by playwright-core from
// test/e2e/node_modules (installed by test/e2e/setup.sh). Used by run-server-tests.cjs (the VS Code workbench) and by
// the webview tests (test/e2e/webview/*.ts, which are bundled elsewhere: they pass the test/e2e folder).
const path = require('node:path');

const chromiumArgs = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage'
];

/** Loads a package installed in test/e2e/node_modules (`e2eFolder`: test/e2e). */
function requireE2e(name, e2eFolder = __dirname) {
    try {
        return require(require.resolve(name, { paths: [e2eFolder] }));
    } catch (error) {
        throw new Error(`cannot load ${name} from test/e2e/node_modules; run "sh test/e2e/setup.sh" first (${error.message})`, { cause: error });
    }
}

/** Starts headless Chromium; close the browser when done. */
function launchChromium(e2eFolder = __dirname) {
    const { chromium } = requireE2e('playwright-core', e2eFolder);
    return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: chromiumArgs });
}

/** The test/e2e folder of a repository root. */
const e2eFolderOf = root => path.join(root, 'test', 'e2e');

module.exports = { chromiumArgs, requireE2e, launchChromium, e2eFolderOf };
