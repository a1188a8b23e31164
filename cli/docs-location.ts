import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Where the diagnostics documentation is, for the `helpUri` of SARIF rules and the code links of diagnostics:
 * `IOM_DOCS_BASE` when set (e.g. a published copy of docs/diagnostics.md), else the docs/diagnostics.md shipped with
 * the CLI (found from the bundle's folder upwards), as a file URL.
 */
export function diagnosticsDocumentation(bundleDir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
    if (env.IOM_DOCS_BASE) return env.IOM_DOCS_BASE;
    for (let dir = bundleDir, depth = 0; depth < 5; dir = path.dirname(dir), depth++) {
        const file = path.join(dir, 'docs', 'diagnostics.md');
        if (fs.existsSync(file)) return pathToFileURL(file).toString();
        if (path.dirname(dir) === dir) break;
    }
    return undefined;
}
