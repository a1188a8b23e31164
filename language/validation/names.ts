import { type AstNode, type ValidationAcceptor } from 'langium';
import {
    type EmailTemplate,
    type Entity,
    type Journey,
    type ParameterDefinition,
    type Policy,
    type ProviderDefinition,
    type TransformationDefinition,
    type LogicDefinition,
    isConditionElement,
    isSplitter,
    type JourneyElement
} from '../generated/ast.js';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';
import { type Check, locationOf } from './check-context.js';
import { kindOf } from '../model/kinds.js';

/** Declarations of one kind must have unique names across the workspace; both places are reported. */
export const namesMustBeUniqueInTheWorkspace: Check<AstNode> = context => (node, accept) => {
    const others = context.facts.duplicates.get(node);
    const other = others?.[0];
    if (!other || !(node as { name?: string }).name) return;
    const documents = context.services.shared.workspace.LangiumDocuments;
    const where = locationOf(documents.getDocument(other.documentUri), other.nameSegment?.range.start.line);
    report(
        accept,
        Diagnostics.duplicateName,
        { node, property: 'name' as never },
        { kind: kindOf(node.$type), name: (node as unknown as { name: string }).name, other: where }
    );
};

function uniqueMembers(accept: ValidationAcceptor, ownerLabel: string, members: readonly AstNode[]): void {
    if (members.length < 2 || allNamesDiffer(members)) return;
    const groups = new Map<string, AstNode[]>();
    for (const member of members) {
        const name = (member as { name?: string }).name;
        if (!name) continue;
        const group = groups.get(name);
        if (group) group.push(member);
        else groups.set(name, [member]);
    }
    for (const [name, nodes] of groups) {
        if (nodes.length < 2) continue;
        for (const node of nodes) {
            report(
                accept,
                Diagnostics.duplicateMemberName,
                { node, property: 'name' as never },
                { kind: kindOf(node.$type), name, owner: ownerLabel }
            );
        }
    }
}

/** Whether no two members share a name (the usual answer, found without a list per name). */
function allNamesDiffer(members: readonly AstNode[]): boolean {
    const names = new Set<string>();
    for (const member of members) {
        const name = (member as { name?: string }).name;
        if (!name) continue;
        if (names.has(name)) return false;
        names.add(name);
    }
    return true;
}

/** Parameters, connection references, transformations and logic definitions of a definition have unique names. */
export const definitionMembersMustBeUnique: Check<ProviderDefinition> = () => (node, accept) => {
    const label = `provider definition '${node.name}'`;
    uniqueMembers(accept, label, node.connectionReferences);
    uniqueMembers(accept, label, node.parameters);
    uniqueMembers(accept, label, node.transformations);
    uniqueMembers(accept, label, node.logicDefinitions);
};

/** Rule names are unique within their policy. */
export const ruleNamesMustBeUnique: Check<Policy> = () => (node, accept) => {
    uniqueMembers(accept, `policy '${node.name}'`, node.rules);
};

/** Fields and relations of an entity have unique names. */
export const entityMembersMustBeUnique: Check<Entity> = () => (node, accept) => {
    uniqueMembers(accept, `entity '${node.name}'`, node.fields);
    uniqueMembers(accept, `entity '${node.name}'`, node.relations);
    uniqueMembers(accept, `entity '${node.name}'`, node.states);
};

/** The placeholders of an email template have unique names. */
export const emailPlaceholdersMustBeUnique: Check<EmailTemplate> = () => (node, accept) => {
    uniqueMembers(accept, `email template '${node.name}'`, node.placeholders);
};

/** Steps, conditions and splitters of a journey have unique names within the journey. */
export const journeyElementNamesMustBeUnique: Check<Journey> = () => (node, accept) => {
    const all: JourneyElement[] = [];
    const walk = (elements: readonly JourneyElement[]) => {
        for (const element of elements) {
            all.push(element);
            if (isConditionElement(element)) element.paths.forEach(path => walk(path.elements));
            else if (isSplitter(element)) element.branches.forEach(branch => walk(branch.elements));
        }
    };
    walk(node.elements);
    uniqueMembers(accept, `journey '${node.name}'`, all);
};

/** Logical names of provider definitions, transformations, logic definitions and parameters carry the publisher prefix. */
export const logicalNamesMustHaveThePublisherPrefix: Check<ProviderDefinition | TransformationDefinition | LogicDefinition | ParameterDefinition> =
    context => (node, accept) => {
        if (!node.logicalName) return;
        const prefix = context.option(node, Diagnostics.missingPublisherPrefix, 'prefix');
        const ok = prefix ? node.logicalName.toLowerCase().startsWith(`${prefix.toLowerCase()}_`) : /^[A-Za-z][A-Za-z0-9]*_\w/.test(node.logicalName);
        if (!ok) {
            report(
                accept,
                Diagnostics.missingPublisherPrefix,
                { node, property: 'logicalName' },
                { name: node.logicalName, prefix: prefix ? `${prefix}_` : 'publisher_' }
            );
        }
    };

/** User provider definitions and transformations have a logical name (their export key). */
export const definitionsMustHaveALogicalName: Check<ProviderDefinition | TransformationDefinition> = () => (node, accept) => {
    if (node.logicalName || !node.name) return;
    report(accept, Diagnostics.missingLogicalName, { node, property: 'name' }, { kind: kindOf(node.$type), name: node.name });
};
