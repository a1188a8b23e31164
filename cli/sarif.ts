/**
 * SARIF 2.1.0 output (OASIS Static Analysis Results Interchange Format), as code-scanning tools read it: one run,
 * the tool's rules (the diagnostic catalog entries the results use), and one result per diagnostic with its
 * location relative to the workspace folder (uriBaseId WORKSPACE).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { DiagnosticDocumentation, findDiagnostic } from '../language/validation/diagnostic-builder.js';
import { diagnosticsDocumentation } from './docs-location.js';
import { type DiagnosticRow, diagnosticCode, severityName } from './diagnostics-output.js';

const LEVEL: Record<string, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

declare const __dirname: string;

export function sarifLog(
    rows: readonly DiagnosticRow[],
    root: string,
    version: string,
    // Rules link to their documentation (helpUri): IOM_DOCS_BASE, else the docs/diagnostics.md shipped with the CLI.
    documentation = new DiagnosticDocumentation(diagnosticsDocumentation(__dirname))
): Sarif.Log {
    const rules: Sarif.ReportingDescriptor[] = [];
    const ruleIndex = new Map<string, number>();
    const results = rows.map(({ fsPath, diagnostic }): Sarif.Result => {
        const code = diagnosticCode(diagnostic);
        const result: Sarif.Result = {
            level: LEVEL[severityName(diagnostic)] ?? 'error',
            message: { text: typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message) },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri: encodeURI(path.relative(root, fsPath).split(path.sep).join('/')), uriBaseId: 'WORKSPACE' },
                        region: {
                            startLine: diagnostic.range.start.line + 1,
                            startColumn: diagnostic.range.start.character + 1,
                            endLine: diagnostic.range.end.line + 1,
                            endColumn: diagnostic.range.end.character + 1
                        }
                    }
                }
            ]
        };
        if (code) {
            if (!ruleIndex.has(code)) {
                ruleIndex.set(code, rules.length);
                rules.push(ruleFor(code, documentation));
            }
            result.ruleId = code;
            result.ruleIndex = ruleIndex.get(code);
        }
        return result;
    });
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: 'iom', semanticVersion: version, version, rules } },
                originalUriBaseIds: { WORKSPACE: { uri: pathToFileURL(root).href.replace(/\/?$/, '/') } },
                columnKind: 'utf16CodeUnits',
                results
            }
        ]
    };
}

function ruleFor(code: string, documentation: DiagnosticDocumentation): Sarif.ReportingDescriptor {
    const definition = findDiagnostic(code);
    const rule: Sarif.ReportingDescriptor = { id: code };
    if (definition) {
        rule.name = definition.name;
        rule.shortDescription = { text: `${definition.name} (${definition.category})` };
        rule.defaultConfiguration = { level: LEVEL[definition.severity] ?? 'warning' };
    }
    const help = documentation.link(code);
    if (help) rule.helpUri = help;
    return rule;
}

export function sarifText(rows: readonly DiagnosticRow[], root: string, version: string, env: NodeJS.ProcessEnv): string {
    const documentation = new DiagnosticDocumentation(diagnosticsDocumentation(__dirname, env));
    return JSON.stringify(sarifLog(rows, root, version, documentation), null, 2) + '\n';
}
