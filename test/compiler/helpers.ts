import { afterEach } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { RecordKind } from '../../language/compiler/index.js';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const examplesDir = path.join(repoRoot, 'examples');
export const examples = fs
    .readdirSync(examplesDir)
    .filter(name => fs.statSync(path.join(examplesDir, name)).isDirectory())
    .sort();

export const schemaDir = path.join(repoRoot, 'schemas', 'artifacts');
/** The artifact schema (schemas/artifacts/<name>.schema.json) of each record kind. */
export const SCHEMA_OF_KIND: Record<RecordKind, string> = {
    connection: 'connection',
    platform: 'platform',
    providerDefinition: 'provider-definition',
    provider: 'provider',
    businessEvent: 'business-event',
    actionType: 'action-type',
    policy: 'policy',
    journey: 'journey',
    stateDefinition: 'state-definition',
    stateTransition: 'state-transition',
    entityExtension: 'entity-extension',
    emailTemplate: 'email-template',
    mappingGroup: 'mapping-group',
    idMappings: 'id-mappings'
};

/** An artifact schema, parsed (`name`: as in SCHEMA_OF_KIND, or `common`). */
export function readArtifactSchema(name: string) {
    return JSON.parse(fs.readFileSync(path.join(schemaDir, `${name}.schema.json`), 'utf8'));
}

/** An ajv (draft 2020-12, with formats) loaded with every artifact schema. */
export function artifactValidator() {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
    const add = (addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats;
    add(ajv);
    for (const file of fs
        .readdirSync(schemaDir)
        .filter(f => f.endsWith('.schema.json'))
        .sort()) {
        ajv.addSchema(JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf8')));
    }
    const id = (name: string) => `https://iom-lang.dev/schemas/artifacts/1.0/${name}.schema.json`;
    /** Validates one emitted file; returns ajv's errors as text, or undefined when it is valid. */
    return (relativePath: string, text: string): string | undefined => {
        const value = JSON.parse(text) as { kind?: RecordKind };
        const schema = relativePath === 'manifest.json' ? 'manifest' : SCHEMA_OF_KIND[value.kind as RecordKind];
        if (!schema) return `${relativePath}: unknown kind ${String(value.kind)}`;
        const validate = ajv.getSchema(id(schema))!;
        return validate(value) ? undefined : `${relativePath}: ${ajv.errorsText(validate.errors)}`;
    };
}

/** A fresh temporary folder, removed by the caller's cleanup. */
export function tempDir(prefix = 'iom-test-'): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** For a test file: a function that makes a temporary folder, each removed after the test that made it. */
export function tempDirs(prefix: string): () => string {
    const made: string[] = [];
    afterEach(() => {
        for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    });
    return () => {
        const dir = tempDir(prefix);
        made.push(dir);
        return dir;
    };
}

/** Copies an example's .iom files (and iomconfig.json, and its sample orders) into a folder, optionally rewriting their text. */
export function copyExample(example: string, target: string, rewrite: (text: string) => string = t => t): void {
    const from = path.join(examplesDir, example);
    for (const file of fs.readdirSync(from)) {
        // The sample orders the examples' test blocks read (docs/simulation.md).
        // The files the examples' provider definitions name (logos, transformation sample data) are checked to exist.
        if (file === 'orders' || file === 'assets') {
            fs.cpSync(path.join(from, file), path.join(target, file), { recursive: true });
            continue;
        }
        if (!file.endsWith('.iom') && file !== 'iomconfig.json') continue;
        fs.writeFileSync(path.join(target, file), rewrite(fs.readFileSync(path.join(from, file), 'utf8')));
    }
}

/** A rewrite for `copyExample`: the text with `from` replaced by `to` (the first occurrence in each file). */
export function replacing(from: string, to: string): (text: string) => string {
    return text => text.replace(from, to);
}

/** The quickstart lab's fulfillment email parameter read from a Key Vault secret instead of written in the source. */
export const labSecretParameter = replacing(
    'parameter IOMLabOutboundFulfillmentEmail = "seattle.store@contoso.com"',
    'parameter IOMLabOutboundFulfillmentEmail = secret keyvault "contoso-vault" "fulfillment-email"'
);

/** Every file below a folder, path (with /) → text. */
export function readTree(folder: string): Map<string, string> {
    const files = new Map<string, string>();
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else files.set(path.relative(folder, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
        }
    };
    if (fs.existsSync(folder)) walk(folder);
    return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}
