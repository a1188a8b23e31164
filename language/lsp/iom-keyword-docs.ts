/**
 * Short explanations of the language's keywords, for hover. A keyword that is part of a phrase (`action type`,
 * `input events`, `filter policy`) is explained as the phrase. Keywords without an entry get no hover: the hover
 * then says nothing rather than something about the enclosing construct.
 */
import { AstUtils, GrammarAST } from 'langium';

/** By phrase; plural forms (`events`, `policies`) are looked up in the singular. `Rule:phrase` entries win. */
const KEYWORD_DOCS: Record<string, string> = {
    connection: 'Declares a Power Automate connection that IOM uses through its connection URL.',
    connector: 'The connector of a connection, or the declaration of a custom connector.',
    url: 'The connection URL of the Power Automate connection (it opens the connection in Power Automate).',
    platform: "The system's platform connection references, bound to connections.",
    'platform reference': 'A platform connection reference of the IOM system.',
    bind: 'Binds a connection reference to one of your connections: `bind <reference> to <connection>`.',
    to: 'The connection a reference is bound to.',
    activated: "Marks the provider (or the system's platform) as activated.",
    'provider definition': 'A provider definition: its connection references, parameters, transformations and logic.',
    provider: 'A provider instance, created `from` a provider definition.',
    from: 'The provider definition this provider instance is created from.',
    'Step:provider': 'The provider instance whose action this step runs: `provider <instance> action <logic>`.',
    'Step:action': 'The provider action (a logic definition of the provider) this step runs.',
    'connection reference': 'A connection reference of the provider definition, bound to a connection by each provider instance.',
    'service type': 'The service type of the provider definition.',
    'display name': 'The name shown in IOM.',
    'source type': 'The kind of source the transformation reads: `JsonPayload`, `JsonDocument` or `DataverseEntity`.',
    'source object': 'The source object of the transformation.',
    'destination object': 'The destination object of the transformation.',
    'ProviderInstance:parameter': 'Sets a parameter of the provider definition: `parameter <name> = <value>`.',
    parameter: 'A parameter the provider definition asks for.',
    transformation: 'A Power Query transformation of the provider (source, destination, query).',
    logic: 'A logic definition of the provider: a provider action, message handler or puller.',
    query: 'The Power Query (M) text of the transformation.',
    'logical name': 'The logical (schema) name, with the publisher prefix.',
    'mapping group': 'The transformation mapping group of this provider instance.',
    event: 'Declares a business event.',
    'action type': 'The action type: groups provider actions by function and decides which events may start a step.',
    allow: 'Allows business events as inputs of an action type: `allow <events> as input of <action type>`.',
    'as input of': 'The action type the events become allowed inputs of.',
    'input event': 'The business events that start this step.',
    'output event': 'The business events this step raises when it finishes.',
    policy: 'Declares a filter or execution policy with its rules.',
    'Policy:type': 'Whether the policy is a `filter` policy (decides whether a step runs) or an `execution` policy (sets values).',
    filter: 'A filter policy: decides whether the step runs.',
    execution: 'An execution policy: sets values when its rules match.',
    'filter policy': 'The filter policies that decide whether this step runs.',
    'execution policy': 'The execution policies applied when this step runs.',
    criticality: 'How a policy failure is treated: `information` or `critical`.',
    entity: 'The associated entity the rules test (Order, Order line, …).',
    rule: 'A rule of the policy: its conditions, and for execution policies the values it sets.',
    group: 'A nested group of conditions combined with `and` or `or`.',
    related: 'Conditions on a related entity, reached through a relation.',
    set: 'Sets a field to a value when the rule matches (execution policies).',
    published: 'Marks the policy or journey as published when deployed.',
    journey: 'Declares an orchestration journey: its steps, conditions and splitters.',
    'orchestration type': 'The orchestration type of the journey.',
    step: 'An action step of the journey: `step <name> : <tile>`.',
    condition: 'A condition: a Yes path when the previous step succeeded, a No path when it failed.',
    merge: 'Makes this a merge element: its paths or branches join again after it.',
    yes: 'The path taken when the previous step succeeded.',
    no: 'The path taken when the previous step failed.',
    splitter: "A splitter: parallel branches, told apart by the filter policy of each branch's first step.",
    branch: 'A parallel branch of a splitter.',
    'email template': 'The email template the step sends.',
    description: 'A description, shown in IOM.',
    aliases: 'Other names this item is also known by.',
    tile: 'A journey designer tile (catalog).',
    true: 'The Boolean value true.',
    false: 'The Boolean value false.'
};

/** The explanation of a keyword of the grammar, or undefined when it has none. */
export function keywordExplanation(keyword: GrammarAST.Keyword): string | undefined {
    const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name;
    const phrase = phraseOf(keyword);
    const singular = (text: string) => text.replace(/\bevents\b/g, 'event').replace(/\bpolicies\b/g, 'policy');
    const key = singular(phrase);
    const text = (rule && KEYWORD_DOCS[`${rule}:${key}`]) ?? KEYWORD_DOCS[key];
    return text ? `\`${phrase}\`: ${text}` : undefined;
}

/** The run of keywords the keyword stands in (`action type`, `input events`), the keyword itself when alone. */
function phraseOf(keyword: GrammarAST.Keyword): string {
    // A choice of keywords (`'event' | 'events'`) counts as one element of the group, spelled as the hovered one.
    const container = keyword.$container as GrammarAST.AbstractElement | undefined;
    const element: GrammarAST.AbstractElement =
        container && GrammarAST.isAlternatives(container) && container.elements.every(GrammarAST.isKeyword) ? container : keyword;
    const group = element.$container;
    if (!GrammarAST.isGroup(group)) return keyword.value;
    const spell = (item: GrammarAST.AbstractElement): string | undefined => {
        if (item === element) return keyword.value;
        if (GrammarAST.isKeyword(item)) return item.value;
        if (GrammarAST.isAlternatives(item) && item.elements.every(GrammarAST.isKeyword)) return (item.elements[0] as GrammarAST.Keyword).value;
        return undefined;
    };
    const index = group.elements.indexOf(element);
    let start = index;
    // Whether the element at i is a keyword written once (part of the phrase).
    const spelledOnce = (i: number) => {
        const item = group.elements[i];
        return !!item && !item.cardinality && !!spell(item);
    };
    while (start > 0 && spelledOnce(start - 1)) start--;
    let end = index;
    while (end < group.elements.length - 1 && spelledOnce(end + 1)) end++;
    return group.elements
        .slice(start, end + 1)
        .map(spell)
        .join(' ');
}
