/**
 * Checks the text of an iomconfig.json against the diagnostic catalog: its JSON Schema (generated from the catalog)
 * and each rule's level and options, every problem a catalog diagnostic (IOM8xxx) at its place, with a "did you mean"
 * for a misspelled rule or key (model/names.ts); and which of the problems block a build.
 */
import type { URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { type DiagnosticDefinition, Diagnostics } from '../validation/diagnostics.js';
import { type MessageArguments, allDiagnostics, catalogDiagnostic, findDiagnostic, fixedRuleArguments } from '../validation/diagnostic-builder.js';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { findNodeAtLocation } from 'jsonc-parser/lib/esm/main.js';
import { buildConfigSchema, hasOptionType } from '../validation/config-schema.js';
import { closest, didYouMean } from '../model/names.js';
import { lazy } from '../model/lazy.js';
import { relativePath, toUriPath } from '../model/paths.js';
import { type IomConfig, parseConfig, positionOf, type RuleLevel } from './iom-config.js';

export interface ResolvedRule {
    level?: RuleLevel;
    options?: Record<string, unknown>;
}

export interface LoadedConfig {
    uri: URI;
    /** Absent when the folder has no iomconfig.json. */
    config?: IomConfig;
    /** Rule settings by catalog code. */
    rules: Map<string, ResolvedRule>;
    problems: Diagnostic[];
}

const LEVELS: readonly string[] = ['off', 'info', 'warning', 'error'];

/** Parses and checks the text of an iomconfig.json: against its JSON Schema (generated from the catalog), each problem at its place. */
export function interpretConfig(uri: URI, text: string): LoadedConfig {
    const { config, problem, tree, text: body } = parseConfig(text);
    const problems: Diagnostic[] = [];
    const rules = new Map<string, ResolvedRule>();
    if (problem) {
        problems.push(
            configDiagnostic(Diagnostics.invalidConfig, { detail: problem.message }, problem.line - 1, problem.column - 1, problem.length ?? 1)
        );
        return { uri, config, rules, problems };
    }
    /** The position of a property's key (`key: true`) or of its value, by JSON path; the file start when absent. */
    const locate = (...segments: Array<string | { key: string }>): [number, number, number] => {
        const last = segments[segments.length - 1];
        const keyOnly = typeof last === 'object';
        const jsonPath = segments.map(segment => (typeof segment === 'object' ? segment.key : segment));
        const node = tree ? findNodeAtLocation(tree, jsonPath) : undefined;
        const target = node && keyOnly && node.parent?.type === 'property' ? node.parent.children?.[0] : node;
        if (!target) return [0, 0, 1];
        const { line, column } = positionOf(body, target.offset);
        return [line - 1, column - 1, Math.max(1, target.type === 'object' || target.type === 'array' ? 1 : target.length)];
    };
    problems.push(...schemaProblems(config, locate));
    const ruleEntries = config.rules;
    if (ruleEntries !== undefined && (typeof ruleEntries !== 'object' || ruleEntries === null || Array.isArray(ruleEntries))) {
        problems.push(configDiagnostic(Diagnostics.invalidConfig, { detail: "'rules' must be an object." }, ...locate('rules')));
        return { uri, config, rules, problems };
    }
    for (const [key, setting] of Object.entries(ruleEntries ?? {})) {
        const definition = findDiagnostic(key);
        if (!definition) {
            const suggestion = closest(
                key,
                allDiagnostics.flatMap(definition => [definition.code, definition.name])
            );
            problems.push(configDiagnostic(Diagnostics.unknownRule, { rule: key, suggestion: didYouMean(suggestion) }, ...locate('rules', { key })));
            continue;
        }
        const resolved: ResolvedRule = {};
        if (typeof setting === 'string') {
            resolved.level = setting as RuleLevel;
        } else if (typeof setting === 'object' && setting !== null && !Array.isArray(setting)) {
            resolved.level = setting.level;
            resolved.options =
                typeof setting.options === 'object' && setting.options !== null && !Array.isArray(setting.options)
                    ? { ...setting.options }
                    : undefined;
            for (const option of Object.keys(setting.options ?? {})) {
                if (!definition.options?.[option]) {
                    const known = Object.keys(definition.options ?? {});
                    problems.push(
                        configDiagnostic(
                            Diagnostics.invalidRuleSetting,
                            {
                                rule: key,
                                detail: `unknown option '${option}' (${known.length ? `known: ${known.join(', ')}` : 'the rule has no options'}).`
                            },
                            ...locate('rules', key, 'options', { key: option })
                        )
                    );
                } else if (!hasOptionType(setting.options?.[option], definition.options[option].type)) {
                    // A wrong type never reaches the checks: they use the option's default instead.
                    problems.push(
                        configDiagnostic(
                            Diagnostics.invalidRuleSetting,
                            {
                                rule: key,
                                detail: `option '${option}' must be ${optionTypeText(definition.options[option].type)}; its default is used instead.`
                            },
                            ...locate('rules', key, 'options', option)
                        )
                    );
                    delete (resolved.options as Record<string, unknown>)[option];
                }
            }
        } else {
            problems.push(
                configDiagnostic(
                    Diagnostics.invalidRuleSetting,
                    { rule: key, detail: 'expected a level or { "level": …, "options": … }.' },
                    ...locate('rules', key)
                )
            );
            continue;
        }
        if (resolved.level !== undefined && !LEVELS.includes(resolved.level)) {
            problems.push(
                configDiagnostic(
                    Diagnostics.invalidRuleSetting,
                    { rule: key, detail: `'${String(resolved.level)}' is not a level (off, info, warning, error).` },
                    ...locate('rules', key)
                )
            );
            resolved.level = undefined;
        }
        if (definition.fixed && resolved.level !== undefined && resolved.level !== 'error') {
            // Syntax and linking errors keep their level whatever the configuration says.
            problems.push(
                configDiagnostic(
                    Diagnostics.unsuppressibleDiagnostic,
                    fixedRuleArguments(definition, resolved.level === 'off' ? 'turned off' : `downgraded to ${resolved.level}`),
                    ...locate('rules', { key })
                )
            );
            resolved.level = undefined;
        }
        rules.set(definition.code, resolved);
    }
    return { uri, config, rules, problems };
}

/**
 * The one decision about iomconfig.json problems, shared by `iom build` and the editor's Compile Workspace: every
 * problem of error severity (invalid JSON, unknown keys, values of the wrong type, invalid rule settings) blocks the
 * build, like an error in a .iom file. Returned as blocking errors (file relative to the workspace root, 1-based).
 */
export function configBlockingErrors(
    config: LoadedConfig | undefined,
    root: string
): Array<{ file: string; line: number; column: number; code?: string; message: string }> {
    if (!config) return [];
    const file = relativePath(toUriPath(root), config.uri.path);
    return config.problems
        .filter(problem => (problem.severity ?? 1) === 1)
        .map(problem => ({
            file,
            line: problem.range.start.line + 1,
            column: problem.range.start.character + 1,
            ...(problem.code !== undefined ? { code: String(problem.code) } : {}),
            message: typeof problem.message === 'string' ? problem.message : problem.message.value
        }));
}

function optionTypeText(type: 'string' | 'array' | 'number' | 'boolean'): string {
    return type === 'array' ? 'an array of strings' : `a ${type}`;
}

const schemaValidator = lazy((): ValidateFunction => new Ajv2020({ allErrors: true, strict: false }).compile(buildConfigSchema()));

/**
 * The problems ajv finds against the generated schema outside the rules (whose problems the rule checks report
 * with more precise messages): unknown keys (IOM8004) and values of the wrong type or form (IOM8005).
 */
function schemaProblems(config: unknown, locate: (...segments: Array<string | { key: string }>) => [number, number, number]): Diagnostic[] {
    const validate = schemaValidator();
    if (validate(config)) return [];
    const problems: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
        const segments = error.instancePath
            .split('/')
            .slice(1)
            .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
        const [section] = segments;
        if (section === 'rules') continue;
        const unknown =
            error.keyword === 'additionalProperties' ? String((error.params as { additionalProperty: string }).additionalProperty) : undefined;
        const where = [...segments, ...(unknown !== undefined ? [unknown] : [])].join('.');
        if (seen.has(where)) continue;
        seen.add(where);
        if (unknown !== undefined) {
            const known = Object.keys(
                (
                    (section === undefined
                        ? buildConfigSchema()
                        : (buildConfigSchema().properties as Record<string, { properties?: object }>)[section]) as { properties?: object }
                ).properties ?? {}
            );
            const suggestion = closest(unknown, known, { maxDistance: () => 2 });
            problems.push(
                configDiagnostic(
                    Diagnostics.unknownConfigKey,
                    {
                        key: where,
                        known: known.join(', '),
                        suggestion: didYouMean(suggestion)
                    },
                    ...locate(...segments, { key: unknown })
                )
            );
        } else {
            problems.push(
                configDiagnostic(Diagnostics.invalidConfigValue, { key: where, detail: schemaErrorText(error, segments) }, ...locate(...segments))
            );
        }
    }
    return problems;
}

function schemaErrorText(error: ErrorObject, segments: string[]): string {
    if (error.keyword === 'type') {
        const expected = String((error.params as { type: string }).type);
        if (segments.length === 1 && segments[0] === 'build') return 'must be an object, e.g. { "out": "out" }';
        return `must be ${expected === 'object' ? 'an object' : `a ${expected}`}`;
    }
    return error.message ?? 'is not valid';
}

function configDiagnostic<D extends DiagnosticDefinition>(
    definition: D,
    args: MessageArguments<D>,
    line: number,
    character: number,
    length: number
): Diagnostic {
    return catalogDiagnostic<DiagnosticDefinition>(definition, { start: { line, character }, end: { line, character: character + length } }, args);
}
