/**
 * A {@link SourceLookup} over the workspace's Langium documents: the end of the declaration that starts at a record's
 * source location, the span of a Splitter branch or a Condition path, and each file's diagnostics. It only locates
 * text; the graph itself comes from the lowered records.
 */
import { type AstNode, AstUtils, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { SourceLocation } from '../compiler/records.js';
import { relativeFile } from '../model/paths.js';
import type { GraphDiagnostic, GraphSeverity, SourceLookup, SourceSpan } from './model.js';

const DECLARATIONS = new Set(['Step', 'Splitter', 'ConditionElement', 'Journey']);
const SEVERITIES: GraphSeverity[] = ['error', 'error', 'warning', 'info', 'hint'];

/** The workspace-relative file name of a document, as the compiler writes it in `source.file` (model/paths.ts). */
export { relativeFile };

export function toGraphDiagnostic(file: string, diagnostic: Diagnostic): GraphDiagnostic {
    const code = diagnostic.code ?? (diagnostic.data as { code?: string } | undefined)?.code;
    return {
        severity: SEVERITIES[diagnostic.severity ?? 1] ?? 'error',
        code: code === undefined ? null : String(code),
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        file,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1
    };
}

export function documentSources(root: string, documents: readonly LangiumDocument[]): SourceLookup {
    const byFile = new Map<string, LangiumDocument>();
    for (const document of documents) byFile.set(relativeFile(root, document), document);
    const indexes = new Map<string, Map<string, AstNode>>();
    const index = (file: string) => {
        let map = indexes.get(file);
        if (map) return map;
        indexes.set(file, (map = new Map()));
        const document = byFile.get(file);
        if (!document) return map;
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            const start = node.$cstNode?.range.start;
            if (!start || !DECLARATIONS.has(node.$type)) continue;
            const key = `${start.line + 1}:${start.character + 1}`;
            if (!map.has(key)) map.set(key, node);
        }
        return map;
    };
    const spanOf = (file: string, node: AstNode | undefined): SourceSpan | null => {
        const range = node?.$cstNode?.range;
        if (!range) return null;
        return {
            file,
            line: range.start.line + 1,
            column: range.start.character + 1,
            endLine: range.end.line + 1,
            endColumn: range.end.character + 1
        };
    };
    const at = (location: SourceLocation) => index(location.file).get(`${location.line}:${location.column}`);
    const diagnostics = new Map<string, GraphDiagnostic[]>();
    return {
        span: location =>
            spanOf(location.file, at(location)) ?? {
                file: location.file,
                line: location.line,
                column: location.column,
                endLine: location.line,
                endColumn: location.column
            },
        branchSpan(control, branch) {
            const node = at(control) as
                (AstNode & { branches?: Array<AstNode & { name: string }>; paths?: Array<AstNode & { kind: string }> }) | undefined;
            const target = node?.branches?.find(b => b.name === branch) ?? node?.paths?.find(p => (p.kind === 'yes' ? 'Yes' : 'No') === branch);
            return spanOf(control.file, target);
        },
        diagnostics(file) {
            let list = diagnostics.get(file);
            if (!list) {
                const document = byFile.get(file);
                list = (document?.diagnostics ?? []).map(diagnostic => toGraphDiagnostic(file, diagnostic));
                diagnostics.set(file, list);
            }
            return list;
        }
    };
}
