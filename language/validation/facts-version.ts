/**
 * The versions of the workspace facts: per category, a fingerprint made of names and source locations, never of
 * object identities (`fingerprints`), and per document contribution, the same by name and location
 * (`documentFingerprint`), so that an edit that changes no cross-file fact is told apart in one fingerprint.
 */
import { type AstNode, AstUtils } from 'langium';
import { type BusinessEvent, type EntityExtension, isActionType, type TransitionRow } from '../generated/ast.js';
import { locationOf } from './check-context.js';
import type { DocumentFacts, FactCategory, WorkspaceFacts } from './facts.js';

const documentFingerprints = new WeakMap<DocumentFacts, string>();

/** What a document contributes, by name and location: equal for two contributions the checks cannot tell apart. */
export function documentFingerprint(facts: DocumentFacts): string {
    let text = documentFingerprints.get(facts);
    if (text !== undefined) return text;
    const keys = (nodes: ReadonlyArray<AstNode & { name: string }>) => nodes.map(key).join(',');
    text = [
        facts.allowed
            .map(
                ([actionType, event, origin]) =>
                    `${key(actionType)}>${key(event)}${isActionType(origin) ? '' : `@${origin.$cstNode?.range.start.line}`}`
            )
            .join(','),
        keys(facts.bound),
        facts.activated.map(([definition, instance]) => `${key(definition)}>${instance.name}`).join(','),
        String(facts.intake),
        keys(facts.raised),
        facts.raisedNames.join(','),
        facts.events.map(([name, event]) => `${name}=${key(event)}`).join(','),
        String(facts.platforms.length),
        facts.platformReferences.join(','),
        facts.published.map(entry => `${key(entry.journey)} ${entry.filtered} ${keys([...entry.events])}`).join(','),
        keys(facts.eventEntities),
        facts.extensions.map(([entity, extension]) => `${key(entity)}+${memberKeys(extension)}`).join(','),
        facts.transitions.map(([event, row]) => `${key(event)}:${transitionKey(row)}`).join(','),
        facts.idMappings.map(([mappingKey, row]) => `${mappingKey}@${row.$cstNode?.range.start.line}`).join(','),
        [...facts.reads].join(',')
    ].join('\n');
    documentFingerprints.set(facts, text);
    return text;
}

export function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
    if (a === b) return true;
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (b.get(k) !== v) return false;
    return true;
}

/** The fingerprint of each category: names and, where reports show them, source locations; never object identities. */
export function fingerprints(
    facts: WorkspaceFacts,
    repeated: Set<Map<BusinessEvent, AstNode>>,
    platformReferences: string[]
): Record<FactCategory, string> {
    const allowed: string[] = [];
    for (const [actionType, events] of facts.allowedInputs) {
        allowed.push(`${key(actionType)}: ${[...events.keys()].map(key).join(', ')}`);
        if (!repeated.has(events)) continue;
        // Some input is allowed more than once: the redundant allows are reported with the first one's location.
        for (const [event, origin] of events) {
            if (!isActionType(origin))
                allowed.push(`  ${key(event)} first at ${locationOf(AstUtils.getDocument(origin), origin.$cstNode?.range.start.line)}`);
        }
    }
    const activated = [...facts.activatedInstances].map(([definition, instances]) => `${key(definition)}: ${instances.map(i => i.name).join(', ')}`);
    return {
        allowed: allowed.join('\n'),
        raised: [...facts.raisedEvents].map(key).sort().join('\n'),
        activated: `intake ${facts.hasActivatedIntakeProvider}\n${activated.join('\n')}`,
        bound: [...facts.boundConnections].map(key).sort().join('\n'),
        platforms:
            `platforms ${facts.platforms.length}, providers activated ${facts.activatedInstances.size > 0}\n${platformReferences.join('\n')}\n` +
            facts.platforms
                .flatMap(platform => platform.settings.map(setting => `${setting.setting?.$refText}=${setting.value?.$cstNode?.text}`))
                .join('\n'),
        published: facts.publishedEntries
            .map(entry => `${key(entry.journey)} ${entry.filtered} ${[...entry.events].map(key).sort().join(', ')}`)
            .join('\n'),
        entityEvents: [...facts.entitiesWithEvents].map(key).sort().join('\n'),
        states: [
            ...[...facts.extensions].map(([entity, list]) => `${key(entity)}: ${list.map(memberKeys).join(' ')}`),
            ...[...facts.transitions].map(([event, rows]) => `${key(event)}: ${rows.map(transitionKey).join(' ')}`)
        ]
            .sort()
            .join('\n'),
        mappings: [...facts.idMappings]
            .map(([mappingKey, rows]) => `${mappingKey}: ${rows.map(row => key(row.$container)).join(' ')}`)
            .sort()
            .join('\n')
    };
}

/** A declaration's name and document, kept until the node is dropped (the tree of a changed document is new). */
const nodeKeys = new WeakMap<AstNode, string>();

function key(node: AstNode & { name: string }): string {
    let text = nodeKeys.get(node);
    if (text === undefined) nodeKeys.set(node, (text = `${node.name}@${AstUtils.getDocument(node).uri.toString()}`));
    return text;
}

/** The members of an extension by name and line (their reports show where the others are). */
function memberKeys(extension: EntityExtension): string {
    return [...extension.fields, ...extension.states]
        .map(member => `${member.$type}:${member.name}@${AstUtils.getDocument(member).uri.toString()}:${member.$cstNode?.range.start.line}`)
        .join(',');
}

/** A transition row by its states and line. */
function transitionKey(row: TransitionRow): string {
    return `${row.sources.map(source => source.$refText).join('|')}>${row.target?.$refText}@${AstUtils.getDocument(row).uri.toString()}:${row.$cstNode?.range.start.line}`;
}
