import type { Connection, ConnectionBinding, Platform, PlatformBinding } from '../generated/ast.js';
import { isPlatformReference } from '../generated/ast.js';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';
import type { Check } from './check-context.js';

/** A connection URL is an https URL; it should be a Power Automate connection page. */
export const connectionUrlsMustBeWellFormed: Check<Connection> = context => (node, accept) => {
    if (node.url === undefined) {
        report(accept, Diagnostics.connectionWithoutUrl, { node, property: 'name' }, { name: node.name });
        return;
    }
    let url: URL;
    try {
        url = new URL(node.url);
    } catch {
        report(accept, Diagnostics.malformedConnectionUrl, { node, property: 'url' }, { url: node.url, reason: 'it is not a URL' });
        return;
    }
    if (url.protocol !== 'https:') {
        report(accept, Diagnostics.malformedConnectionUrl, { node, property: 'url' }, { url: node.url, reason: 'it must use https' });
        return;
    }
    const hosts = context.option(node, Diagnostics.unexpectedConnectionUrl, 'hosts') ?? [];
    const page = /\/environments\/[^/]+\/connections/.test(url.pathname);
    if (!hosts.includes(url.hostname.toLowerCase()) || !page) {
        report(
            accept,
            Diagnostics.unexpectedConnectionUrl,
            { node, property: 'url' },
            { url: node.url, hosts: hosts[0] ?? 'make.powerautomate.com' }
        );
    }
};

/** A connection should be bound by some connection reference; otherwise it is dead configuration. */
export const connectionsShouldBeUsed: Check<Connection> = context => (node, accept) => {
    if (!context.facts.boundConnections.has(node)) {
        report(accept, Diagnostics.unusedConnection, { node, property: 'name' }, { name: node.name }, {});
    }
};

/** The platform block binds every required platform reference once, is the only one, and is activated when used. */
export const platformMustBindEveryReference: Check<Platform> = context => (node, accept) => {
    const bound = new Set(node.bindings.map(binding => binding.reference?.ref).filter(isPlatformReference));
    const references = context.services.shared.workspace.IndexManager.allElements('PlatformReference');
    const missing = references
        .filter(description => {
            const reference = description.node;
            return isPlatformReference(reference) && !reference.optional && !bound.has(reference) && description.name === reference.name;
        })
        .toArray();
    for (const description of missing) {
        report(accept, Diagnostics.unboundPlatformReference, { node, keyword: 'platform' }, { name: description.name });
    }
    if (context.facts.platforms.length > 1) {
        report(accept, Diagnostics.duplicatePlatform, { node, keyword: 'platform' });
    }
    if (!node.activated && context.facts.activatedInstances.size > 0) {
        report(accept, Diagnostics.systemNotActivated, { node, keyword: 'platform' }, {}, { setting: 'activated' });
    }
};

/** A reference is bound at most once per block. */
export const referencesMustBeBoundOnce: Check<Platform> = () => (node, accept) => {
    reportRepeats(accept, node.bindings);
};

export function reportRepeats(
    accept: Parameters<ReturnType<Check<Platform>>>[1],
    bindings: ReadonlyArray<PlatformBinding | ConnectionBinding>
): void {
    const seen = new Set<string>();
    for (const binding of bindings) {
        const name = binding.reference?.$refText;
        if (!name) continue;
        const key = binding.reference.ref ? binding.reference.ref.name : name;
        if (seen.has(key)) report(accept, Diagnostics.duplicateBinding, { node: binding, property: 'reference' }, { name });
        seen.add(key);
    }
}

/** A reference is bound to a connection of the connector it needs. */
export const bindingsMustMatchTheConnector: Check<PlatformBinding | ConnectionBinding> = () => (node, accept) => {
    const reference = node.reference?.ref;
    const connection = node.connection?.ref;
    const expected = reference?.connector?.ref;
    const actual = connection?.connector?.ref;
    if (!reference || !connection || !expected || !actual || expected === actual) return;
    report(
        accept,
        Diagnostics.connectorMismatch,
        { node, property: 'connection' },
        { reference: reference.name, expected: expected.name, connection: connection.name, actual: actual.name }
    );
};
