import { GrammarUtils } from 'langium';
import { catalog, findInCatalog } from '../catalog/catalog.js';
import type { LogicDefinition, ParameterValue, ProviderDefinition, ProviderInstance, Step, TransformationDefinition } from '../generated/ast.js';
import { isBooleanLiteral, isNumberLiteral } from '../generated/ast.js';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';
import type { Check } from './check-context.js';
import { reportRepeats } from './connections.js';
import { effectiveActionType } from '../model/journeys.js';

const quoteList = (names: string[]) => names.map(name => `'${name}'`).join(', ');

/** An instance binds every connection reference of its definition, each once. */
export const instancesMustBindEveryConnectionReference: Check<ProviderInstance> = () => (node, accept) => {
    reportRepeats(accept, node.bindings);
    const definition = node.definition?.ref;
    if (!definition) return;
    const bound = new Set(node.bindings.map(binding => binding.reference?.ref));
    const missing = definition.connectionReferences.filter(reference => !bound.has(reference)).map(reference => reference.name);
    if (missing.length) {
        report(accept, Diagnostics.unboundConnectionReference, { node, property: 'name' }, { name: node.name, missing: quoteList(missing) });
    }
};

/** An instance gives every required parameter a value, each once. */
export const instancesMustGiveRequiredParameters: Check<ProviderInstance> = () => (node, accept) => {
    const definition = node.definition?.ref;
    const seen = new Set<unknown>();
    for (const value of node.parameters) {
        const parameter = value.parameter?.ref;
        if (parameter && seen.has(parameter))
            report(accept, Diagnostics.duplicateBinding, { node: value, property: 'parameter' }, { name: parameter.name });
        seen.add(parameter);
    }
    if (!definition) return;
    const missing = definition.parameters.filter(parameter => parameter.required && !seen.has(parameter)).map(parameter => parameter.name);
    if (missing.length) {
        report(
            accept,
            Diagnostics.missingRequiredParameter,
            { node, property: 'name' },
            { name: node.name, missing: quoteList(missing) },
            { missing }
        );
    }
};

/** At most one instance per provider definition is activated. */
export const atMostOneActiveInstancePerDefinition: Check<ProviderInstance> = context => (node, accept) => {
    const definition = node.definition?.ref;
    if (!node.activated || !definition) return;
    const others = (context.facts.activatedInstances.get(definition) ?? []).filter(other => other !== node);
    if (others.length) {
        report(
            accept,
            Diagnostics.multipleActiveInstances,
            { node, property: 'name' },
            { definition: definition.name, others: quoteList(others.map(other => other.name)) }
        );
    }
};

/** An instance is added from an active definition (Is Active = Yes puts it in the catalog). */
export const instancesMustComeFromActiveDefinitions: Check<ProviderInstance> = () => (node, accept) => {
    const definition = node.definition?.ref;
    if (definition && !definition.active) {
        report(accept, Diagnostics.inactiveProviderDefinition, { node, property: 'definition' }, { definition: definition.name });
    }
};

/** A parameter value matches the parameter's data type; an email parameter (the Communication "from" address) is in its catalog domain. */
export const parameterValuesMustMatchTheirType: Check<ParameterValue> = () => (node, accept) => {
    const parameter = node.parameter?.ref;
    if (!parameter || !node.value) return;
    const expected = parameter.dataType ?? 'Text';
    const actual = isNumberLiteral(node.value) ? 'Number' : isBooleanLiteral(node.value) ? 'Boolean' : 'Text';
    if (expected !== actual) {
        report(
            accept,
            Diagnostics.parameterValueType,
            { node, property: 'value' },
            { name: parameter.name, expected, actual: actual === 'Text' ? 'a text' : `a ${actual.toLowerCase()}` }
        );
        return;
    }
    // A parameter whose catalog entry names an email domain (the Communication "from" address) holds an address in it.
    const definition = node.$container.definition?.ref;
    const domain = definition && findInCatalog(findInCatalog(catalog.providers, definition.name)?.parameters ?? [], parameter.name)?.emailDomain;
    const value = (node.value as { value?: unknown }).value;
    if (domain && typeof value === 'string' && !value.toLowerCase().endsWith(`@${domain.toLowerCase()}`)) {
        report(accept, Diagnostics.communicationFromAddress, { node, property: 'value' }, { domain });
    }
};

/** Logic definitions: a type; provider actions carry an action type; others do not; `{{Key}}` placeholders name parameters. */
export const logicDefinitionsMustBeComplete: Check<LogicDefinition> = () => (node, accept) => {
    if (!node.logicType) {
        report(accept, Diagnostics.missingLogicType, { node, property: 'name' }, { name: node.name });
    } else if (node.logicType === 'provider action' && !node.actionType) {
        report(accept, Diagnostics.providerActionWithoutActionType, { node, property: 'name' }, { name: node.name });
    } else if (node.logicType !== 'provider action' && node.actionType) {
        report(accept, Diagnostics.actionTypeOnNonAction, { node, property: 'actionType' }, { name: node.name, logicType: node.logicType });
    }
    const definition = node.$container;
    if (node.logicType === 'message puller' && !definition.logicDefinitions.some(logic => logic.logicType === 'message handler')) {
        report(accept, Diagnostics.pullerWithoutHandler, { node, property: 'logicType' }, { name: node.name, definition: definition.name });
    }
    if (node.clientData) {
        const keys = new Set(definition.parameters.map(parameter => parameter.name));
        // Found only when a placeholder is reported (a walk of the node's CST).
        const at = (placeholder: string) => {
            const dataNode = GrammarUtils.findNodeForProperty(node.$cstNode, 'clientData');
            return dataNode ? placeholderRange(dataNode.text, dataNode.range.start, placeholder) : undefined;
        };
        for (const match of node.clientData.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
            const [placeholder, key] = match;
            if (key === undefined) continue; // the group always takes part in a match
            if (placeholder !== `{{${key}}}`) {
                const range = at(placeholder);
                report(accept, Diagnostics.placeholderWithSpaces, range ? { node, range } : { node, property: 'clientData' }, {
                    placeholder: placeholder,
                    key: key
                });
            }
            if (keys.has(key)) continue;
            const range = at(placeholder);
            report(accept, Diagnostics.unknownPlaceholder, range ? { node, range } : { node, property: 'clientData' }, {
                key: key,
                definition: definition.name
            });
        }
    }
};

/** The range of the first occurrence of a placeholder inside the client data text. */
export function placeholderRange(text: string, start: { line: number; character: number }, placeholder: string) {
    const offset = text.indexOf(placeholder);
    if (offset < 0) return undefined;
    const before = text.slice(0, offset).split('\n');
    const line = start.line + before.length - 1;
    const character = (before.length === 1 ? start.character : 0) + (before.at(-1)?.length ?? 0);
    return { start: { line, character }, end: { line, character: character + placeholder.length } };
}

/** A definition's flows share a single Dataverse connection reference. */
export const definitionsHaveOneDataverseReference: Check<ProviderDefinition> = () => (node, accept) => {
    const dataverse = node.connectionReferences.filter(reference => reference.connector?.ref?.name === 'Microsoft Dataverse');
    const [, second] = dataverse;
    if (second) {
        report(
            accept,
            Diagnostics.multipleDataverseReferences,
            { node: second, property: 'name' },
            { definition: node.name, count: dataverse.length }
        );
    }
};

/** A step's provider action is a provider action of an activated instance, with the step's action type. */
export const stepProviderActionsMustBeUsable: Check<Step> = () => (node, accept) => {
    const provider = node.provider?.ref;
    const action = node.providerAction?.ref;
    if (!provider) return;
    if (!provider.activated) {
        report(
            accept,
            Diagnostics.providerNotActivated,
            { node, property: 'provider' },
            { provider: provider.name, action: node.providerAction?.$refText ?? '' },
            {}
        );
    }
    if (!action) return;
    if (action.logicType && action.logicType !== 'provider action') {
        report(accept, Diagnostics.notAProviderAction, { node, property: 'providerAction' }, { action: action.name, logicType: action.logicType });
        return;
    }
    const expected = effectiveActionType(node);
    const actual = action.actionType?.ref;
    if (expected && actual && expected !== actual) {
        report(
            accept,
            Diagnostics.providerActionTypeMismatch,
            { node, property: 'providerAction' },
            { action: action.name, actual: actual.name, expected: expected.name }
        );
    }
};

/**
 * A transformation's source type decides how it is called: a JSON source (JsonPayload, JsonDocument) with a Payload,
 * a Dataverse-entity source with a Record ID, which needs the source table (`source object`). The transformer finds
 * the transformation by its source and destination object names, so it needs its destination object.
 */
export const transformationsMustSayHowTheyAreCalled: Check<TransformationDefinition> = () => (node, accept) => {
    if (!node.sourceType) {
        report(accept, Diagnostics.missingSourceType, { node, property: 'name' }, { name: node.name });
    } else if (node.sourceType === 'DataverseEntity' && node.sourceObject === undefined) {
        report(accept, Diagnostics.missingSourceObject, { node, property: 'sourceType' }, { name: node.name }, { setting: 'source object ""' });
    }
    if (node.destinationObject === undefined) {
        report(accept, Diagnostics.missingDestinationObject, { node, property: 'name' }, { name: node.name }, { setting: 'destination object ""' });
    }
};

/**
 * Within a definition, no two transformations share (source object, destination object): the transformer resolves a
 * transformation by that pair. Object names compare case-insensitively, as Dataverse compares names; a missing
 * source object counts as the empty name. Both transformations are reported.
 */
export const transformationObjectPairsMustBeUnique: Check<ProviderDefinition> = () => (node, accept) => {
    if (node.transformations.length < 2) return;
    const groups = new Map<string, TransformationDefinition[]>();
    for (const transformation of node.transformations) {
        if (transformation.destinationObject === undefined) continue;
        const pair = `${(transformation.sourceObject ?? '').toLowerCase()}\u0000${transformation.destinationObject.toLowerCase()}`;
        const group = groups.get(pair);
        if (group) group.push(transformation);
        else groups.set(pair, [transformation]);
    }
    for (const group of groups.values()) {
        if (group.length < 2) continue;
        for (const transformation of group) {
            const other = group.find(candidate => candidate !== transformation)!;
            report(
                accept,
                Diagnostics.duplicateTransformationObjects,
                { node: transformation, property: 'name' },
                {
                    name: transformation.name,
                    other: other.name,
                    definition: node.name,
                    source: transformation.sourceObject === undefined ? '(none)' : `'${transformation.sourceObject}'`,
                    // Never undefined: transformations without a destination object are not grouped.
                    destination: transformation.destinationObject ?? ''
                }
            );
        }
    }
};
