import type { ValidationChecks } from 'langium';
import type { IomAstType } from '../generated/ast.js';
import type { IomServices } from '../iom-module.js';

/** Registers every check of the language, grouped by topic. */
export function registerValidationChecks(services: IomServices): void {
    const registry = services.validation.ValidationRegistry;
    const checks: ValidationChecks<IomAstType> = {};
    registry.register(checks);
}
