import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadWorkspace } from '../../host/load-workspace.js';
import { describe as describeDiagnostics } from '../helpers/validation-cases.js';

const examples = path.resolve(__dirname, '..', '..', 'examples');

describe('the example workspaces', () => {
    test.each(['seed', 'quickstart-lab', 'splitter-merge', 'order-emails'])('%s has no diagnostics at all', async name => {
        const workspace = await loadWorkspace(path.join(examples, name));
        expect(workspace.documents.length).toBeGreaterThan(1);
        expect(describeDiagnostics(workspace.diagnostics.map(entry => entry.diagnostic))).toBe('');
    });
});
