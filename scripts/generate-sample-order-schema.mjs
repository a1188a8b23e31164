// Writes schemas/sample-order.schema.json from the built-in entity catalog (language/simulation/order-schema.ts).
// VS Code validates `*.order.json` files with it (package.json, contributes.jsonValidation).
// Usage: node scripts/generate-sample-order-schema.mjs
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const result = await build({
    stdin: {
        contents:
            "export { sampleOrderSchemaText } from './language/simulation/order-schema.ts'; export { EntityCatalog } from './language/orders/entities.ts';",
        resolveDir: root,
        loader: 'ts'
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error'
});
const module = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
const target = resolve(root, 'schemas', 'sample-order.schema.json');
writeFileSync(target, module.sampleOrderSchemaText(module.EntityCatalog.builtin()));
console.log(`wrote ${target}`);
