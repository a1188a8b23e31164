'use strict';
// The end-to-end suite runs on a fresh temporary copy of its fixture workspace (test/e2e/workspace), never on the
// tracked files: the suite edits documents, writes iomconfig.json and compiles into out/, and whatever VS Code saves or
// writes back late (after a test's clean-up, on a busy machine) lands in the copy, which the launcher then removes.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const fixture = path.join(__dirname, 'workspace');

/** Copies the fixture (without build output or scratch folders) into a new temporary folder and returns its path. */
function copyFixtureWorkspace() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iom-e2e-workspace-'));
    fs.cpSync(fixture, dir, {
        recursive: true,
        filter: source => !['out', '.scratch'].includes(path.relative(fixture, source).split(path.sep)[0])
    });
    return fs.realpathSync(dir);
}

/** The text of every file below a folder (but its output folder), path → text. */
function snapshot(dir, prefix = '') {
    const files = new Map();
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const relative = prefix + entry.name;
        if (entry.isDirectory()) {
            if (relative !== 'out') for (const [name, text] of snapshot(path.join(dir, entry.name), relative + '/')) files.set(name, text);
        } else {
            files.set(relative, fs.readFileSync(path.join(dir, entry.name), 'utf8'));
        }
    }
    return files;
}

/** The files of the tracked fixture that differ from a snapshot taken before the run (must stay empty). */
function changedFixtureFiles(before) {
    const after = snapshot(fixture);
    return [...new Set([...before.keys(), ...after.keys()])].filter(name => before.get(name) !== after.get(name)).sort();
}

module.exports = { fixture, copyFixtureWorkspace, snapshot, changedFixtureFiles };
