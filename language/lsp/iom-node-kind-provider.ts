import type { AstNode, AstNodeDescription } from 'langium';
import { type NodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';
import type { AstTypeTable, NamedAstType } from '../model/ast-types.js';

/**
 * The symbol kind of each kind of declaration, for the outline, workspace symbols and completion icons. Journeys read
 * as classes (a deployable definition with members), steps as objects (a configured instance of a tile), conditions
 * as Booleans with Yes/No paths as their members, splitters as operators (they fork the flow) with branches as their
 * members. docs/editors.md lists them.
 */
const SYMBOL_KINDS: AstTypeTable<NamedAstType, SymbolKind> = {
    Journey: SymbolKind.Class,
    Test: SymbolKind.Event,
    Step: SymbolKind.Object,
    ConditionElement: SymbolKind.Boolean,
    ConditionPath: SymbolKind.EnumMember,
    Splitter: SymbolKind.Operator,
    Branch: SymbolKind.EnumMember,
    Policy: SymbolKind.Struct,
    Rule: SymbolKind.Method,
    Connection: SymbolKind.Variable,
    Connector: SymbolKind.Interface,
    PlatformReference: SymbolKind.Property,
    ProviderDefinition: SymbolKind.Class,
    MappingGroup: SymbolKind.Namespace,
    IdMappings: SymbolKind.Array,
    ConnectorSetting: SymbolKind.Property,
    EnvironmentSetting: SymbolKind.Property,
    ProviderInstance: SymbolKind.Object,
    ConnectionReferenceDefinition: SymbolKind.Property,
    ParameterDefinition: SymbolKind.Property,
    TransformationDefinition: SymbolKind.Method,
    LogicDefinition: SymbolKind.Method,
    BusinessEvent: SymbolKind.Event,
    ActionType: SymbolKind.Enum,
    Tile: SymbolKind.Constructor,
    Entity: SymbolKind.Class,
    Field: SymbolKind.Field,
    Relation: SymbolKind.Field,
    StateDefinition: SymbolKind.Field,
    StateReason: SymbolKind.Field,
    SecretReference: SymbolKind.Field,
    EmailTemplate: SymbolKind.File,
    EmailPlaceholder: SymbolKind.Field
};

const COMPLETION_KINDS: Partial<Record<SymbolKind, CompletionItemKind>> = {
    [SymbolKind.Module]: CompletionItemKind.Module,
    [SymbolKind.Function]: CompletionItemKind.Function,
    [SymbolKind.Struct]: CompletionItemKind.Struct,
    [SymbolKind.Method]: CompletionItemKind.Method,
    [SymbolKind.Variable]: CompletionItemKind.Variable,
    [SymbolKind.Interface]: CompletionItemKind.Interface,
    [SymbolKind.Property]: CompletionItemKind.Property,
    [SymbolKind.Class]: CompletionItemKind.Class,
    [SymbolKind.Object]: CompletionItemKind.Module,
    [SymbolKind.Event]: CompletionItemKind.Event,
    [SymbolKind.Enum]: CompletionItemKind.Enum,
    [SymbolKind.Constructor]: CompletionItemKind.Constructor,
    [SymbolKind.Field]: CompletionItemKind.Field,
    [SymbolKind.EnumMember]: CompletionItemKind.EnumMember,
    [SymbolKind.Operator]: CompletionItemKind.Operator,
    [SymbolKind.Boolean]: CompletionItemKind.Value
};

export class IomNodeKindProvider implements NodeKindProvider {
    getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return SYMBOL_KINDS[typeOf(node) as NamedAstType] ?? SymbolKind.Field;
    }

    getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return COMPLETION_KINDS[this.getSymbolKind(node)] ?? CompletionItemKind.Reference;
    }
}

function typeOf(node: AstNode | AstNodeDescription): string {
    return 'type' in node && typeof node.type === 'string' ? node.type : (node as AstNode).$type;
}
