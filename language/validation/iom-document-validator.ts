import {
    type AstNode,
    type AstReflection,
    CstUtils,
    DefaultDocumentValidator,
    DocumentValidator,
    type LangiumDocument,
    type ParseResult,
    type ScopeProvider,
    type ValidationAcceptor,
    type ValidationOptions
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { type IomValidationRegistry, nodeInterrupter } from '../model/interrupt.js';
import { treeContents } from '../model/ast-walk.js';
import { MAX_BLOCK_DEPTH, NESTING_ERROR_NAME } from '../parser/iom-parser.js';
import type { Cancellation } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Diagnostics, type DiagnosticDefinition } from './diagnostics.js';
import {
    type DiagnosticDocumentation,
    SEVERITY_NUMBERS,
    catalogDiagnostic,
    findDiagnostic,
    fixedRuleArguments,
    recode
} from './diagnostic-builder.js';
import { kindOf } from '../model/kinds.js';
import { memberReference } from '../scoping/iom-scope-provider.js';
import type { IomConfigService } from '../workspace/iom-config-service.js';
import { closest, didYouMean, unquote } from '../model/names.js';
import { isBuiltinDocument } from '../model/builtin.js';
import type { IomServices } from '../iom-module.js';

/**
 * Validates a document and post-processes its diagnostics:
 * 1. the diagnostics Langium itself produces (lexer, parser, linker) get their catalog codes; an unresolved
 *    reference gets a "did you mean" suggestion from the names in its scope;
 * 2. the levels of iomconfig.json apply (`off` drops a diagnostic);
 * 3. `// iom-disable-next-line CODE …` comments drop the named codes on the next line; a code that suppresses
 *    nothing, or is no code at all, is reported.
 * Syntax and linking errors (catalog entries marked `fixed`) escape 2 and 3: they are always reported as errors,
 * and a comment naming one is reported (IOM9010).
 * Built-in library documents are not validated.
 */
export class IomDocumentValidator extends DefaultDocumentValidator {
    private readonly reflection: AstReflection;
    private readonly scopeProvider: () => ScopeProvider;
    private readonly config: IomConfigService;
    private readonly documentation: DiagnosticDocumentation;
    /** The unresolved references of the document being validated, by the range of their name. */
    private readonly unresolved = new Map<string, UnresolvedReference>();
    /**
     * The nodes a syntax error lies directly in (see `validateSingleNodeOptions`), of every document validated: a
     * set of nodes rather than one per root, so that no node walks up to its root (thousands of levels when nested).
     */
    private readonly brokenNodes = new WeakSet<AstNode>();

    constructor(services: IomServices) {
        super(services);
        this.reflection = services.shared.AstReflection;
        this.scopeProvider = () => services.references.ScopeProvider;
        this.config = services.shared.workspace.ConfigService;
        this.documentation = services.shared.validation.DiagnosticDocumentation;
    }

    override async validateDocument(
        document: LangiumDocument,
        options: ValidationOptions = {},
        cancelToken?: Cancellation.CancellationToken
    ): Promise<Diagnostic[]> {
        if (isBuiltinDocument(document)) return [];
        await this.config.load(document.uri);
        this.collectUnresolved(document);
        for (const node of nodesWithSyntaxErrors(document)) this.brokenNodes.add(node);
        const diagnostics = (await super.validateDocument(document, options, cancelToken))
            .filter(diagnostic => !this.isConsequentialLinkingError(diagnostic))
            .map(diagnostic => this.withCatalogCode(diagnostic));
        this.unresolved.clear();
        return this.suppress(document, this.withConfiguredLevels(document, diagnostics)).map(diagnostic => this.documentation.linked(diagnostic));
    }

    /**
     * Langium's node loop, without a promise per node and check: checks run synchronously unless they return a
     * promise, the loop yields to the event loop every few nodes only (language/model/interrupt.ts), and the nodes
     * are those of the tree's one walk (language/model/ast-walk.ts). The profiler's path is Langium's own.
     */
    protected override async validateAstNodes(
        rootNode: AstNode,
        options: ValidationOptions,
        acceptor: ValidationAcceptor,
        cancelToken: Cancellation.CancellationToken = CancellationToken.None
    ): Promise<void> {
        if (this.profiler?.isActive('validating')) return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        const interrupt = nodeInterrupter(cancelToken);
        const { nodes, ends } = treeContents(rootNode);
        const checksOf = (this.validationRegistry as IomValidationRegistry).checksByType(options.categories);
        for (let i = 0; i < nodes.length;) {
            const node = nodes[i]!;
            const pending = interrupt();
            if (pending) await pending;
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                const checks = checksOf(node.$type);
                for (let c = 0; c < checks.length; c++) {
                    const result = checks[c]!(node, acceptor, cancelToken);
                    if (result) await result;
                }
            }
            i = nodeOptions.validateChildren ? i + 1 : ends[i]!;
        }
    }

    /**
     * The checks of a node that a syntax error lies directly in do not run: the node is incomplete (the parser
     * recovered by skipping part of it), and "Policy has no type" next to "Expected 'filter' or 'execution' but
     * found 'filtr'" only repeats the syntax error. The node's children and its references are still checked.
     */
    protected override validateSingleNodeOptions(node: AstNode, options: ValidationOptions) {
        return this.brokenNodes.has(node) ? CHILDREN_ONLY : super.validateSingleNodeOptions(node, options);
    }

    /** Marks the diagnostics of blocks nested past the parser's limit (see language/parser/iom-parser.ts). */
    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const first = diagnostics.length;
        super.processParsingErrors(parseResult, diagnostics, options);
        parseResult.parserErrors.forEach((error, index) => {
            const diagnostic = diagnostics[first + index];
            if (error.name === NESTING_ERROR_NAME && diagnostic) diagnostic.data = { ...diagnostic.data, nestingTooDeep: true };
        });
    }

    protected withCatalogCode(diagnostic: Diagnostic): Diagnostic {
        const data = diagnostic.data as
            { code?: string; nestingTooDeep?: boolean; containerType?: string; property?: string; refText?: string } | undefined;
        switch (data?.code) {
            case DocumentValidator.LexingError:
            case DocumentValidator.LexingWarning:
            case DocumentValidator.LexingInfo:
            case DocumentValidator.LexingHint:
                return recode(diagnostic, Diagnostics.lexingError, { detail: messageText(diagnostic) });
            case DocumentValidator.ParsingError:
                if (data.nestingTooDeep) return recode(diagnostic, Diagnostics.nestingTooDeep, { limit: MAX_BLOCK_DEPTH.toLocaleString('en-US') });
                return recode(diagnostic, Diagnostics.parsingError, { detail: messageText(diagnostic) });
            case DocumentValidator.LinkingError: {
                const referenceType = data.containerType && data.property ? this.referenceType(data.containerType, data.property) : undefined;
                const kind = referenceType ? kindOf(referenceType) : 'declaration';
                const unresolved = this.unresolved.get(rangeKey(diagnostic.range));
                const suggestion = unresolved?.suggestion;
                const where = unresolved?.owner ? ` in ${unresolved.owner}` : '';
                return recode(
                    diagnostic,
                    Diagnostics.unresolvedReference,
                    { kind, name: data.refText ?? '', where, suggestion: didYouMean(suggestion) },
                    { property: data.property, refText: data.refText, referenceType, suggestion }
                );
            }
            default:
                return diagnostic;
        }
    }

    /**
     * One pass over the document's unresolved references: whether each is a member reference whose owner is itself
     * unresolved, and otherwise the closest name its scope offers (case-insensitive edit distance).
     */
    protected collectUnresolved(document: LangiumDocument): void {
        this.unresolved.clear();
        for (const reference of document.references) {
            const error = reference.error;
            if (!error || !reference.$refNode) continue;
            const member = memberReference(error.info.container, error.info.property);
            const consequential = member !== undefined && member.owner === undefined;
            const suggestion = consequential
                ? undefined
                : closest(
                      unquote(reference.$refText),
                      this.scopeProvider()
                          .getScope(error.info)
                          .getAllElements()
                          .map(d => d.name)
                  );
            // A member is looked up in its owner: the message says which one (the entity of a field, …).
            const ownerName = member?.owner ? (member.owner as { name?: string }).name : undefined;
            const owner = member?.owner && ownerName !== undefined ? `${kindOf(member.owner.$type)} '${ownerName}'` : undefined;
            this.unresolved.set(rangeKey(reference.$refNode.range), { consequential, suggestion, owner });
        }
    }

    /** Applies iomconfig.json levels: `off` removes a diagnostic, other levels replace its severity. */
    protected withConfiguredLevels(document: LangiumDocument, diagnostics: Diagnostic[]): Diagnostic[] {
        const result: Diagnostic[] = [];
        for (const diagnostic of diagnostics) {
            const level =
                typeof diagnostic.code === 'string' && !findDiagnostic(diagnostic.code)?.fixed
                    ? this.config.ruleFor(document.uri, diagnostic.code)?.level
                    : undefined;
            if (level === 'off') continue;
            result.push(level ? { ...diagnostic, severity: SEVERITY_NUMBERS[level === 'info' ? 'info' : level] } : diagnostic);
        }
        return result;
    }

    /** Drops diagnostics named by `// iom-disable-next-line` comments and reports suppressions that do nothing. */
    protected suppress(document: LangiumDocument, diagnostics: Diagnostic[]): Diagnostic[] {
        const suppressions = findSuppressions(document.textDocument.getText());
        if (suppressions.length === 0) return diagnostics;
        const used = new Set<Suppression['codes'][number]>();
        const kept = diagnostics.filter(diagnostic => {
            for (const suppression of suppressions) {
                if (diagnostic.range.start.line !== suppression.line + 1) continue;
                // Syntax and linking errors cannot be suppressed (the comment is reported below).
                const match = suppression.codes.find(entry => entry.definition?.code === diagnostic.code && !entry.definition?.fixed);
                if (match) {
                    used.add(match);
                    return false;
                }
            }
            return true;
        });
        const reports: Diagnostic[] = [];
        for (const suppression of suppressions) {
            for (const entry of suppression.codes) {
                const range = {
                    start: { line: suppression.line, character: entry.start },
                    end: { line: suppression.line, character: entry.start + entry.text.length }
                };
                if (!entry.definition) {
                    reports.push(catalogDiagnostic(Diagnostics.unknownSuppressedCode, range, { code: entry.text }));
                } else if (entry.definition.fixed) {
                    reports.push(catalogDiagnostic(Diagnostics.unsuppressibleDiagnostic, range, fixedRuleArguments(entry.definition, 'suppressed')));
                } else if (!used.has(entry)) {
                    reports.push(catalogDiagnostic(Diagnostics.unusedSuppression, range, { code: entry.definition.code }, {}));
                }
            }
        }
        return [...kept, ...this.withConfiguredLevels(document, reports)];
    }

    /**
     * A member reference whose owner is itself unresolved (the action of a misspelled provider, the field of a policy
     * without a known entity) adds nothing to the owner's own diagnostic, so it is not reported.
     */
    protected isConsequentialLinkingError(diagnostic: Diagnostic): boolean {
        const data = diagnostic.data as { code?: string } | undefined;
        return data?.code === DocumentValidator.LinkingError && this.unresolved.get(rangeKey(diagnostic.range))?.consequential === true;
    }

    private referenceType(containerType: string, property: string): string {
        return this.reflection.getReferenceType({ container: { $type: containerType } as AstNode, property, reference: undefined! });
    }
}

export interface Suppression {
    /** The 0-based line of the comment. */
    line: number;
    codes: Array<{ text: string; start: number; definition: DiagnosticDefinition | undefined }>;
}

const CHILDREN_ONLY = Object.freeze({ validateNode: false, validateChildren: true });

const SUPPRESSION = /\/\/\s*iom-disable-next-line\b(.*)$/;

/** Finds `// iom-disable-next-line CODE [CODE…]` comments; codes may also be rule names. */
export function findSuppressions(text: string): Suppression[] {
    const result: Suppression[] = [];
    // Most files have none: no lines to split them into.
    if (!text.includes('iom-disable-next-line')) return result;
    text.split(/\r?\n/).forEach((lineText, line) => {
        const match = SUPPRESSION.exec(lineText);
        const list = match?.[1];
        if (!match || list === undefined) return;
        const listStart = match.index + match[0].length - list.length;
        const codes: Suppression['codes'] = [];
        for (const token of list.matchAll(/[^\s,]+/g)) {
            codes.push({ text: token[0], start: listStart + token.index!, definition: findDiagnostic(token[0]) });
        }
        result.push({ line, codes });
    });
    return result;
}

interface UnresolvedReference {
    /** A member reference whose owner is unresolved: the owner's own diagnostic says it all. */
    consequential: boolean;
    suggestion: string | undefined;
    /** The declaration a member reference was looked up in, e.g. `entity 'Order'`. */
    owner?: string;
}

function rangeKey(range: Diagnostic['range']): string {
    return `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
}

/** The innermost AST nodes that contain the position of a syntax error (the token before it, if it was skipped). */
function nodesWithSyntaxErrors(document: LangiumDocument): Set<AstNode> {
    const nodes = new Set<AstNode>();
    const root = document.parseResult.value;
    const rootCst = root.$cstNode;
    if (!rootCst) return nodes;
    for (const error of document.parseResult.parserErrors) {
        const offset = Number.isNaN(error.token.startOffset) ? document.textDocument.getText().length : error.token.startOffset;
        const leaf = CstUtils.findLeafNodeAtOffset(rootCst, offset) ?? CstUtils.findLeafNodeBeforeOffset(rootCst, offset);
        if (leaf && leaf.astNode !== root) nodes.add(leaf.astNode);
    }
    return nodes;
}

/** Langium's lexer and parser messages are plain text. */
function messageText(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
