import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { clearDocuments } from 'langium/test';
import { createIomServices } from '../../language/iom-module.js';
import { buildModel, parseSampleOrder, simulate, traceText, type SimulationOptions, type SimulationResult } from '../../language/simulation/index.js';
import { loadBuiltins } from '../helpers/language-services.js';

/** Shared services for simulator tests: each workspace is loaded, simulated and cleared. */
export async function createSimulator() {
    const services = createIomServices(EmptyFileSystem);
    await loadBuiltins(services.shared);
    let counter = 0;
    return {
        /** Loads the files as one workspace, runs the sample order, and returns the result with the errors found. */
        async run(files: Record<string, string>, order: unknown, options: SimulationOptions = {}) {
            const folder = `/sim/${++counter}`;
            const documents: LangiumDocument[] = Object.entries(files).map(([name, text]) => {
                const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`${folder}/${name}`));
                services.shared.workspace.LangiumDocuments.addDocument(document);
                return document;
            });
            try {
                await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
                const { model, errors } = buildModel(folder, documents);
                const sample = parseSampleOrder(JSON.stringify(order), model.entities);
                const result = simulate(model, sample, options);
                return { result, errors, model, text: traceText(result, line => line.source && `${line.source.file}:${line.source.line}`) };
            } finally {
                await clearDocuments(services.shared, documents);
            }
        }
    };
}

/** Runs a sample order through an example workspace on disk (the real file system, as the CLI does). */
export async function simulateExample(folder: string, orderFile: string, options: SimulationOptions = {}): Promise<SimulationResult> {
    const { loadWorkspace } = await import('../../host/load-workspace.js');
    void NodeFileSystem;
    const workspace = await loadWorkspace(folder);
    const { model } = buildModel(workspace.root, workspace.documents);
    return simulate(model, parseSampleOrder(fs.readFileSync(path.resolve(folder, orderFile), 'utf8'), model.entities), options);
}

export function step(result: SimulationResult, name: string) {
    return result.journeys.flatMap(journey => journey.steps).find(candidate => candidate.name === name);
}
