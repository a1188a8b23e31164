// Writes schemas/iomconfig.schema.json from the diagnostic catalog (language/validation/config-schema.ts).
// Usage: node scripts/generate-iomconfig-schema.mjs
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const result = await build({
    stdin: { contents: "export { configSchemaText } from './language/validation/config-schema.ts';", resolveDir: root, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false
});
const module = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
const target = resolve(root, 'schemas', 'iomconfig.schema.json');
writeFileSync(target, module.configSchemaText());
console.log(`wrote ${target}`);
