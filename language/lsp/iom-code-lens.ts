import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import { isJourney, type Model } from '../generated/ast.js';

/** The VS Code client's commands the lenses run (they add progress and the virtual document). */
export const IomClientCommands = {
    compileWorkspace: 'iom.compileWorkspace',
    showCompiledDefinition: 'iom.showCompiledDefinition',
    openJourneyGraph: 'iom.openJourneyGraph',
    simulate: 'iom.simulate'
} as const;

/**
 * Lenses over each journey: compile the workspace, show the journey's compiled definition beside it, open its graph,
 * and simulate a sample order through it (the client asks for the order file and shows the trace beside the source).
 */
export class IomCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const lenses: CodeLens[] = [];
        for (const element of (document.parseResult.value as Model).elements ?? []) {
            if (!isJourney(element) || !element.$cstNode) continue;
            const range = { start: element.$cstNode.range.start, end: element.$cstNode.range.start };
            lenses.push(
                { range, command: { title: 'Compile workspace', command: IomClientCommands.compileWorkspace, arguments: [] } },
                {
                    range,
                    command: {
                        title: 'Show compiled definition',
                        command: IomClientCommands.showCompiledDefinition,
                        arguments: [document.uri.toString(), range.start]
                    }
                },
                {
                    range,
                    command: { title: 'Graph', command: IomClientCommands.openJourneyGraph, arguments: [document.uri.toString(), range.start] }
                },
                { range, command: { title: 'Simulate', command: IomClientCommands.simulate, arguments: [document.uri.toString(), element.name] } }
            );
        }
        return lenses;
    }
}
