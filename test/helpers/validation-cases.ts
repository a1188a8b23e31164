import * as fs from 'node:fs';
import * as path from 'node:path';
import { type LangiumDocument, URI } from 'langium';
import { clearDocuments, VirtualFileSystemProvider } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createIomServices } from '../../language/iom-module.js';
import { loadBuiltins } from './language-services.js';
import { type Expectation, parseMarkers, rangeToString } from './validation-markers.js';

export const validationResources = path.resolve(__dirname, '..', 'resources', 'validation');

/** One case: a single `.iom` file, or a folder of `.iom` files (and maybe an iomconfig.json) forming a workspace. */
export interface ValidationCase {
    /** The code folder, e.g. `IOM1001`. */
    code: string;
    /** Path relative to test/resources/validation. */
    name: string;
    files: Array<{ name: string; source: string }>;
    config?: string;
    /** Other files of a folder case (sample orders, logos, sample data: all but .iom files and iomconfig.json), put beside the .iom files. */
    data?: Array<{ name: string; text: string }>;
}

/** Every case below test/resources/validation/<code>/. */
export function listValidationCases(root = validationResources): ValidationCase[] {
    const cases: ValidationCase[] = [];
    for (const code of fs.readdirSync(root).sort()) {
        const folder = path.join(root, code);
        if (code.startsWith('_') || !fs.statSync(folder).isDirectory()) continue;
        for (const entry of fs.readdirSync(folder).sort()) {
            const full = path.join(folder, entry);
            if (fs.statSync(full).isDirectory()) {
                const files = fs
                    .readdirSync(full)
                    .filter(file => file.endsWith('.iom'))
                    .sort()
                    .map(file => ({ name: file, source: fs.readFileSync(path.join(full, file), 'utf8') }));
                const configPath = path.join(full, 'iomconfig.json');
                const data = fs
                    .readdirSync(full)
                    .filter(file => !file.endsWith('.iom') && file !== 'iomconfig.json')
                    .sort()
                    .map(file => ({ name: file, text: fs.readFileSync(path.join(full, file), 'utf8') }));
                cases.push({
                    code,
                    name: `${code}/${entry}`,
                    files,
                    config: fs.existsSync(configPath) ? fs.readFileSync(configPath, 'utf8') : undefined,
                    data
                });
            } else if (entry.endsWith('.iom')) {
                cases.push({ code, name: `${code}/${entry}`, files: [{ name: entry, source: fs.readFileSync(full, 'utf8') }] });
            }
        }
    }
    return cases;
}

const SEVERITIES = ['', 'error', 'warning', 'info', 'hint'];

/**
 * Language services over a virtual file system with the built-in library loaded. `run` validates one case in its
 * own virtual folder and removes its documents afterwards, so no case sees another's declarations.
 */
export async function createValidationRunner() {
    const fileSystem = new VirtualFileSystemProvider();
    const services = createIomServices({ fileSystemProvider: () => fileSystem });
    const { shared } = services;
    await loadBuiltins(shared);
    let counter = 0;

    async function load(
        files: Array<{ name: string; text: string }>,
        config?: string,
        data: Array<{ name: string; text: string }> = []
    ): Promise<LangiumDocument[]> {
        const folder = `file:///cases/${++counter}`;
        if (config !== undefined) fileSystem.insert(`${folder}/iomconfig.json`, config);
        for (const file of data) fileSystem.insert(`${folder}/${file.name}`, file.text);
        const documents = files.map(file => {
            const document = shared.workspace.LangiumDocumentFactory.fromString(file.text, URI.parse(`${folder}/${file.name}`));
            shared.workspace.LangiumDocuments.addDocument(document);
            return document;
        });
        await shared.workspace.DocumentBuilder.build(documents, { validation: true });
        return documents;
    }

    return {
        ...services,
        fileSystem,
        load,
        async dispose(documents: LangiumDocument[]) {
            await clearDocuments(shared, documents);
        },
        /** Validates a case; returns the differences between expected and actual diagnostics (empty when it passes). */
        async run(testCase: ValidationCase): Promise<{ problems: string[]; expectations: Expectation[] }> {
            const parsed = testCase.files.map(file => ({ name: file.name, ...parseMarkers(file.source) }));
            const documents = await load(
                parsed.map(file => ({ name: file.name, text: file.text })),
                testCase.config,
                testCase.data
            );
            const problems: string[] = [];
            const expectations: Expectation[] = [];
            try {
                parsed.forEach((file, index) => {
                    const actual = [...(documents[index]?.diagnostics ?? [])];
                    for (const expected of file.expectations) {
                        expectations.push(expected);
                        const found = actual.findIndex(diagnostic => matches(diagnostic, expected));
                        if (found >= 0) actual.splice(found, 1);
                        else
                            problems.push(
                                `${file.name}: expected ${expected.severity} ${expected.code} at ${rangeToString(expected.range)}` +
                                    `${expected.message ? ` ("${expected.message}")` : ''}; got ${describe(documents[index]?.diagnostics ?? []) || 'nothing'}`
                            );
                    }
                    for (const diagnostic of actual) problems.push(`${file.name}: unexpected ${describe([diagnostic])}`);
                });
            } finally {
                await clearDocuments(shared, documents);
            }
            return { problems, expectations };
        }
    };
}

function matches(diagnostic: Diagnostic, expected: Expectation): boolean {
    return (
        diagnostic.code === expected.code &&
        SEVERITIES[diagnostic.severity ?? 1] === expected.severity &&
        rangeToString(diagnostic.range) === rangeToString(expected.range) &&
        (!expected.message || messageText(diagnostic).includes(expected.message))
    );
}

export function describe(diagnostics: Diagnostic[]): string {
    return diagnostics.map(d => `${SEVERITIES[d.severity ?? 1]} ${d.code} at ${rangeToString(d.range)}: ${messageText(d)}`).join(' | ');
}

export function messageText(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
