// The "JSON.parse + ajv" baseline of issue 12, as a user without the language would run it: a fresh Node process that
// compiles the artifact JSON Schemas with ajv, then reads, parses and validates every artifact `iom build` wrote.
// The benchmark times it from spawn to exit (process start included, like `iom validate`) and reads the split below.
// Usage: node bench/ajv-baseline.mjs <out folder> <schemas folder> <folder-to-schema JSON>
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const [out, schemas, mappingText] = process.argv.slice(2);
const schemaOfFolder = new Map(Object.entries(JSON.parse(mappingText)));
const addFormats = addFormatsModule.default ?? addFormatsModule;

const start = performance.now();
const ajv = new Ajv2020({ allErrors: false, strict: false });
addFormats(ajv);
const ids = new Map();
for (const file of fs.readdirSync(schemas).filter(f => f.endsWith('.schema.json'))) {
    const schema = JSON.parse(fs.readFileSync(path.join(schemas, file), 'utf8'));
    ajv.addSchema(schema, schema.$id ?? file);
    ids.set(file, schema.$id ?? file);
}
const validators = new Map([...ids].map(([file, id]) => [file, ajv.getSchema(id)]));
const compiled = performance.now();

let files = 0;
let bytes = 0;
let unchecked = 0;
const walk = (folder, relative) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        const rel = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
            walk(full, rel);
            continue;
        }
        if (!entry.name.endsWith('.json')) continue;
        const text = fs.readFileSync(full, 'utf8');
        const value = JSON.parse(text);
        const schema = rel.includes('/') ? schemaOfFolder.get(rel.split('/')[0]) : `${entry.name.replace(/\.json$/, '')}.schema.json`;
        const validate = schema && validators.get(schema);
        if (validate) {
            if (!validate(value)) throw new Error(`${rel} does not validate: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
        } else unchecked++;
        files++;
        bytes += text.length;
    }
};
walk(out, '');
const end = performance.now();
process.stdout.write(JSON.stringify({ files, bytes, unchecked, compileMs: compiled - start, checkMs: end - compiled }));
