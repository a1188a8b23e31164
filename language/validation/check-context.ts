import type { AstNode, LangiumDocument, ValidationAcceptor } from 'langium';
import { AstUtils } from 'langium';
import type { IomServices } from '../iom-module.js';
import type { DiagnosticDefinition } from './diagnostics.js';
import type { WorkspaceFacts } from './facts.js';
import { isBuiltinDocument, isBuiltinNode } from '../model/builtin.js';
import { hasOptionType } from './config-schema.js';

/** What checks receive: the services, the cached workspace facts and the rule options of iomconfig.json. */
export class CheckContext {
    constructor(readonly services: IomServices) {}

    get facts(): WorkspaceFacts {
        return this.services.shared.workspace.FactsProvider.facts;
    }

    /** A rule option from the iomconfig.json of the node's workspace folder, or its default; typed by the entry's options. */
    option<D extends DiagnosticDefinition, K extends keyof NonNullable<D['options']> & string>(
        node: AstNode,
        definition: D,
        key: K
    ): OptionValue<NonNullable<D['options']>[K]> | undefined {
        const configured = this.services.shared.workspace.ConfigService.optionsFor(AstUtils.getDocument(node).uri, definition)?.[key];
        const type = definition.options?.[key]?.type;
        // A value of the wrong type (reported as IOM8003) never reaches a check: it gets the default.
        const usable = configured !== undefined && type !== undefined && hasOptionType(configured, type);
        return (usable ? configured : definition.options?.[key]?.default) as OptionValue<NonNullable<D['options']>[K]> | undefined;
    }

    isBuiltin(node: AstNode): boolean {
        return isBuiltinNode(node);
    }
}

/** The value of a rule option of a type (iomconfig.json is JSON; `hasOptionType` checks the value). */
type OptionValue<Option> = Option extends { type: infer Type }
    ? Type extends 'string'
        ? string
        : Type extends 'array'
          ? readonly string[]
          : Type extends 'number'
            ? number
            : boolean
    : unknown;

export type Check<N extends AstNode> = (context: CheckContext) => (node: N, accept: ValidationAcceptor) => void;

/** Where a declaration lives, for messages: `file.iom:12`, or `built in`. */
export function locationOf(document: LangiumDocument | undefined, line: number | undefined): string {
    if (!document) return 'elsewhere';
    if (isBuiltinDocument(document)) return 'built in';
    const name = document.uri.path.split('/').pop() ?? document.uri.path;
    return line === undefined ? name : `${name}:${line + 1}`;
}
