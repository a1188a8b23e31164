import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import { isJourney, type Model } from '../generated/ast.js';

/** The VS Code client's commands the lenses run (they add progress and the virtual document). */
export const IomClientCommands = {
    compileWorkspace: 'iom.compileWorkspace',
    showCompiledDefinition: 'iom.showCompiledDefinition'
} as const;

/** Two lenses over each journey: compile the workspace, and show the journey's compiled definition beside it. */
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
                        title: 'Show compiled definition', command: IomClientCommands.showCompiledDefinition,
                        arguments: [document.uri.toString(), range.start]
                    }
                }
            );
        }
        return lenses;
    }
}
