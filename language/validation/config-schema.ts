/**
 * The JSON Schema of iomconfig.json, with the rules part generated from the diagnostic catalog: every code and rule
 * name is a known property (completion with its description and default level), and rules with options describe
 * them. `npm run schema:generate` writes it to schemas/iomconfig.schema.json; a test fails when that file is stale.
 */
import { allDiagnostics } from './diagnostic-builder.js';
import type { DiagnosticDefinition } from './diagnostics.js';

const LEVEL = { $ref: '#/$defs/level' };

function ruleSchema(definition: DiagnosticDefinition): Record<string, unknown> {
    const description =
        `${definition.code} ${definition.name} (${definition.category}, default ${definition.severity}): ${definition.description ?? ''}`.trim();
    const options = definition.options
        ? {
              type: 'object',
              additionalProperties: false,
              properties: Object.fromEntries(
                  Object.entries(definition.options).map(([key, option]) => [
                      key,
                      {
                          type: option.type,
                          description: option.description,
                          ...(option.type === 'array' ? { items: { type: 'string' } } : {}),
                          ...(option.default !== undefined ? { default: option.default } : {})
                      }
                  ])
              )
          }
        : { type: 'object', additionalProperties: false, description: 'This rule has no options.' };
    return {
        description,
        markdownDescription: `**${definition.code}** \`${definition.name}\` — ${definition.description ?? ''}\n\nDefault: ${definition.severity}.`,
        anyOf: [LEVEL, { type: 'object', additionalProperties: false, properties: { level: LEVEL, options } }]
    };
}

export function buildConfigSchema(): Record<string, unknown> {
    const rules: Record<string, unknown> = {};
    for (const definition of allDiagnostics) {
        rules[definition.code] = ruleSchema(definition);
        rules[definition.name] = ruleSchema(definition);
    }
    return {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: 'https://iom-lang.dev/schemas/iomconfig.schema.json',
        title: 'IOM workspace configuration (iomconfig.json)',
        description: 'Generated from the diagnostic catalog by scripts/generate-iomconfig-schema.mjs; do not edit the rules by hand.',
        type: 'object',
        additionalProperties: false,
        properties: {
            $schema: { type: 'string' },
            rules: {
                description: 'Diagnostic levels and options per rule, by code (IOM1001) or rule name (unresolved-reference).',
                type: 'object',
                additionalProperties: false,
                properties: rules
            },
            build: {
                type: 'object',
                additionalProperties: false,
                properties: {
                    out: { type: 'string', description: 'Output folder of `iom build`, relative to the workspace root.', default: 'out' }
                }
            }
        },
        $defs: {
            level: {
                enum: ['off', 'info', 'warning', 'error'],
                markdownEnumDescriptions: ['Not reported.', 'Reported as information.', 'Reported as a warning.', 'Reported as an error.']
            }
        }
    };
}

export function configSchemaText(): string {
    return JSON.stringify(buildConfigSchema(), null, 2) + '\n';
}

/** Whether an option value has the type the catalog declares (arrays hold strings). */
export function hasOptionType(value: unknown, type: 'string' | 'array' | 'number' | 'boolean'): boolean {
    if (type === 'array') return Array.isArray(value) && value.every(item => typeof item === 'string');
    return typeof value === type;
}
