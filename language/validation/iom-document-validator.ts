import { type AstNode, type AstReflection, DefaultDocumentValidator, DocumentValidator, type LangiumCoreServices, type LangiumDocument, type ValidationOptions } from 'langium';
import type { Cancellation } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Diagnostics, type DiagnosticDefinition, documentationLink, formatMessage } from './diagnostics.js';
import { kindOf } from './kinds.js';
import { memberReference } from '../scoping/iom-scope-provider.js';

/**
 * Gives the diagnostics Langium itself produces (lexer, parser, linker) their catalog codes and messages, so that
 * every diagnostic the user sees carries an `IOM` code.
 */
export class IomDocumentValidator extends DefaultDocumentValidator {
    private readonly reflection: AstReflection;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.reflection = services.shared.AstReflection;
    }

    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        return diagnostics.filter(diagnostic => !this.isConsequentialLinkingError(diagnostic, document))
            .map(diagnostic => this.withCatalogCode(diagnostic));
    }

    protected withCatalogCode(diagnostic: Diagnostic): Diagnostic {
        const data = diagnostic.data as { code?: string; containerType?: string; property?: string; refText?: string } | undefined;
        switch (data?.code) {
            case DocumentValidator.LexingError:
            case DocumentValidator.LexingWarning:
            case DocumentValidator.LexingInfo:
            case DocumentValidator.LexingHint:
                return coded(diagnostic, Diagnostics.lexingError, { detail: diagnostic.message });
            case DocumentValidator.ParsingError:
                return coded(diagnostic, Diagnostics.parsingError, { detail: diagnostic.message });
            case DocumentValidator.LinkingError: {
                const kind = data.containerType && data.property
                    ? kindOf(this.referenceType(data.containerType, data.property)) : 'declaration';
                return coded(diagnostic, Diagnostics.unresolvedReference, { kind, name: data.refText ?? '', suggestion: '' },
                    { containerType: data.containerType, property: data.property, refText: data.refText });
            }
            default:
                return diagnostic;
        }
    }

    /**
     * A member reference whose owner is itself unresolved (the action of a misspelled provider, the field of a policy
     * without a known entity) adds nothing to the owner's own diagnostic, so it is not reported.
     */
    protected isConsequentialLinkingError(diagnostic: Diagnostic, document: LangiumDocument): boolean {
        const data = diagnostic.data as { code?: string; property?: string } | undefined;
        if (data?.code !== DocumentValidator.LinkingError || !data.property) return false;
        const reference = document.references.find(ref => ref.error && ref.$refNode && rangeEquals(ref.$refNode.range, diagnostic.range));
        const container = reference?.error?.info.container;
        if (!container) return false;
        const member = memberReference(container, data.property);
        return member !== undefined && member.owner === undefined;
    }

    private referenceType(containerType: string, property: string): string {
        return this.reflection.getReferenceType({ container: { $type: containerType } as AstNode, property, reference: undefined! });
    }
}

function rangeEquals(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
    return a.start.line === b.start.line && a.start.character === b.start.character
        && a.end.line === b.end.line && a.end.character === b.end.character;
}

function coded(diagnostic: Diagnostic, definition: DiagnosticDefinition, args: Record<string, unknown>, data: Record<string, unknown> = {}): Diagnostic {
    const href = documentationLink(definition.code);
    return {
        ...diagnostic,
        message: formatMessage(definition.message, args),
        code: definition.code,
        codeDescription: href ? { href } : undefined,
        data: { ...data, code: definition.code }
    };
}
