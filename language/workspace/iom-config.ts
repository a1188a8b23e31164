/**
 * iomconfig.json: the workspace's settings, at the workspace root (like bicepconfig.json).
 *
 * {
 *   "rules": { "IOM2001": "off", "unused-connection": { "level": "info", "options": { … } } },
 *   "build": { "out": "out" }
 * }
 *
 * Its JSON Schema is schemas/iomconfig.schema.json (shipped with the extension, wired through jsonValidation).
 */
export const CONFIG_FILE_NAME = 'iomconfig.json';

export type RuleLevel = 'off' | 'info' | 'warning' | 'error';

export interface RuleSetting {
    level?: RuleLevel;
    options?: Record<string, unknown>;
}

export interface IomConfig {
    /** Per rule (by code or rule name): a level, or a level with rule options. */
    rules?: Record<string, RuleLevel | RuleSetting>;
    build?: {
        /** The output folder of `iom build`, relative to the workspace root. Default `out`. */
        out?: string;
    };
}

export interface ConfigProblem {
    message: string;
    line: number;
    column: number;
}

/** Parses the text of an iomconfig.json; a syntax problem is returned with its position instead of thrown. */
export function parseConfig(text: string): { config: IomConfig; problem?: ConfigProblem } {
    try {
        const value = JSON.parse(text) as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            return { config: {}, problem: { message: 'iomconfig.json must hold a JSON object.', line: 1, column: 1 } };
        }
        return { config: value as IomConfig };
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
        const before = text.slice(0, offset).split('\n');
        return { config: {}, problem: { message: `Invalid JSON: ${message}`, line: before.length, column: before[before.length - 1].length + 1 } };
    }
}
