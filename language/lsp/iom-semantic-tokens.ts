import { type AstNode, AstUtils, isReference } from 'langium';
import { AbstractSemanticTokenProvider, type LangiumServices, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { isComparison, isConditionPath } from '../generated/ast.js';
import { isBuiltinNode } from '../model/builtin.js';
import type { AstTypeTable, NamedAstType, ReferenceTargetType } from '../model/ast-types.js';

/** The token type of each kind of declaration, for its name and for every reference to it. */
const TOKEN_TYPES: AstTypeTable<NamedAstType | ReferenceTargetType, string | undefined> = {
    Journey: SemanticTokenTypes.namespace,
    Step: SemanticTokenTypes.function,
    ConditionElement: SemanticTokenTypes.function,
    Splitter: SemanticTokenTypes.function,
    Branch: SemanticTokenTypes.function,
    Policy: SemanticTokenTypes.interface,
    Rule: SemanticTokenTypes.method,
    Connection: SemanticTokenTypes.variable,
    Connector: SemanticTokenTypes.type,
    PlatformReference: SemanticTokenTypes.property,
    ProviderDefinition: SemanticTokenTypes.class,
    MappingGroup: SemanticTokenTypes.namespace,
    IdMappings: SemanticTokenTypes.variable,
    ConnectorSetting: SemanticTokenTypes.property,
    EnvironmentSetting: SemanticTokenTypes.property,
    ProviderInstance: SemanticTokenTypes.class,
    ConnectionReferenceDefinition: SemanticTokenTypes.property,
    ParameterDefinition: SemanticTokenTypes.parameter,
    TransformationDefinition: SemanticTokenTypes.method,
    LogicDefinition: SemanticTokenTypes.method,
    BusinessEvent: SemanticTokenTypes.event,
    ActionType: SemanticTokenTypes.enum,
    // A step's tile is what the step is an instance of (`step Validate : "Validate Order Header"`): a type.
    Tile: SemanticTokenTypes.type,
    Entity: SemanticTokenTypes.struct,
    Field: SemanticTokenTypes.property,
    Relation: SemanticTokenTypes.property,
    EmailTemplate: SemanticTokenTypes.string,
    EmailPlaceholder: SemanticTokenTypes.parameter,
    // Not highlighted as declarations (their references, if any, read as variables).
    Test: undefined,
    StateDefinition: undefined,
    StateReason: undefined,
    SecretReference: undefined
};

export function tokenTypeOf(type: string): string {
    return TOKEN_TYPES[type as NamedAstType] ?? SemanticTokenTypes.variable;
}

/**
 * Semantic highlighting: declaration names carry the `declaration` modifier, references do not; names of built-in
 * catalog items (and references to them) carry `defaultLibrary`; the token type tells events, policies, providers,
 * tiles, action types, steps, fields… apart (see TOKEN_TYPES).
 */
export class IomSemanticTokenProvider extends AbstractSemanticTokenProvider {
    constructor(protected readonly services: LangiumServices) {
        super(services);
    }

    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const nameNode = this.services.references.NameProvider.getNameNode(node);
        if (nameNode && TOKEN_TYPES[node.$type as NamedAstType]) {
            const modifier = [SemanticTokenModifiers.declaration, ...(isBuiltinNode(node) ? [SemanticTokenModifiers.defaultLibrary] : [])];
            this.highlightNode({ node: nameNode, type: tokenTypeOf(node.$type), modifier });
        }
        if (isConditionPath(node)) {
            acceptor({ node, property: 'kind', type: SemanticTokenTypes.keyword });
        }
        if (isComparison(node) && node.operator) {
            acceptor({ node, property: 'operator', type: SemanticTokenTypes.operator });
        }
        for (const info of AstUtils.streamReferences(node)) {
            const reference = info.reference;
            const refNode = reference.$refNode;
            if (!refNode || !isReference(reference)) continue;
            const target = reference.ref;
            const type = target ? target.$type : this.services.shared.AstReflection.getReferenceType(info);
            const modifier = target && isBuiltinNode(target) ? [SemanticTokenModifiers.defaultLibrary] : [];
            this.highlightNode({ node: refNode, type: tokenTypeOf(type), modifier });
        }
    }
}
