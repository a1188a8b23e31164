import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { IomNodeHost } from '../../host/node-host.js';
import { afterEach, describe, expect, test } from 'vitest';
import { compileWorkspace } from '../../language/compiler/index.js';
import { writeArtifacts } from '../../host/write.js';
import type { PreviewDeploymentResult } from '../../language/deployment/server-plan.js';
import { createIomServices } from '../../language/iom-module.js';
import { IomServerCommands } from '../../language/lsp/iom-command-handler.js';
import { loadWorkspace } from '../../host/load-workspace.js';
import { copyExample, tempDir } from '../compiler/helpers.js';

const cleanup: string[] = [];
afterEach(() => {
    for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('iom.server.previewDeployment', () => {
    test('returns the plan against a previous build as Markdown, and a reason when there is none', async () => {
        const dir = tempDir('iom-preview-');
        cleanup.push(dir);
        copyExample('quickstart-lab', dir);
        writeArtifacts(compileWorkspace(await loadWorkspace(dir)), path.join(dir, 'baseline'));
        const file = path.join(dir, 'policies.iom');
        fs.writeFileSync(
            file,
            fs
                .readFileSync(file, 'utf8')
                .replace('criticality information\n    entity "Fulfillment Order"', 'criticality critical\n    entity "Fulfillment Order"')
        );
        const { shared } = createIomServices(IomNodeHost);
        await shared.workspace.WorkspaceManager.initializeWorkspace([{ name: 'lab', uri: URI.file(dir).toString() }]);
        const handler = shared.lsp.ExecuteCommandHandler!;
        const result = (await handler.executeCommand(IomServerCommands.previewDeployment, [
            { folder: URI.file(dir).toString(), against: URI.file(path.join(dir, 'baseline')).toString() }
        ])) as PreviewDeploymentResult;
        expect(result.ok).toBe(true);
        expect(result.markdown).toContain('Against `baseline` (a build output folder): **0 to create, 1 to modify, 0 to delete, 22 unchanged**.');
        expect(result.markdown).toContain('~ criticality: Information -> Critical information');
        const missing = (await handler.executeCommand(IomServerCommands.previewDeployment, [
            { folder: URI.file(dir).toString(), against: path.join(dir, 'nowhere') }
        ])) as PreviewDeploymentResult;
        expect(missing).toMatchObject({ ok: false, failure: `${path.join(dir, 'nowhere')}: no such file or folder` });
    });
});
