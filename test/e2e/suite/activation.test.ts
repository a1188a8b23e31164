/// <reference types="mocha" />
// The extension activates on a .iom file and starts its language server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFile, revertAll, waitFor } from './helpers';

describe('activation', () => {
    after(revertAll);

    it('opens .iom files as the iom language and activates the extension', async () => {
        const editor = await openFile('journey.iom');
        assert.equal(editor.document.languageId, 'iom');
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(extension, `${EXTENSION_ID} is loaded`);
        await waitFor('the extension to activate', () => extension.isActive);
        // run-vsix-tests.cjs runs this suite against the extension installed from the packaged .vsix.
        if (process.env.EXTENSION_PATH) {
            assert.equal(extension.extensionPath, process.env.EXTENSION_PATH, 'the installed .vsix is the extension under test');
            assert.ok(!require('node:fs').existsSync(require('node:path').join(extension.extensionPath, 'language')), 'the package holds no sources');
        }
    });

    it('starts the language server: the outline of an open file comes from it', async () => {
        const editor = await openFile('policies.iom');
        const symbols = await waitFor('document symbols', async () => {
            const result = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
            return result && result.length > 0 ? result : undefined;
        });
        assert.deepEqual(
            symbols.map(symbol => [symbol.name, symbol.children.map(child => child.name)]),
            [['US Orders', ['Ship to US']]]
        );
    });
});
