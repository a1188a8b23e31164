/**
 * Email templates of the Dynamics 365 Communication provider (Send email steps): the placeholders P1-P5 a custom
 * template declares, the `{{P1}}` personalization tokens of its subject and body, and the fit between a Send email
 * step's template and its Send Email action. The placeholder names, the catalog templates and each Send Email
 * action's entity are catalog data (language/catalog/email-templates.json, providers.json).
 */
import { GrammarUtils } from 'langium';
import { catalog } from '../catalog/catalog.js';
import type { EmailTemplate, Step } from '../generated/ast.js';
import type { Check } from './check-context.js';
import { report } from './diagnostic-builder.js';
import { Diagnostics } from './diagnostics.js';
import { placeholderRange } from './providers.js';

/** A `{{Name}}` personalization token of a template's subject or body. */
export interface PersonalizationToken {
    /** The text between the braces, as written. */
    name: string;
    /** The whole token, braces included. */
    text: string;
}

/** The personalization tokens of a text, in order. */
export function personalizationTokens(text: string): PersonalizationToken[] {
    return [...text.matchAll(/\{\{([^{}]*)\}\}/g)].map(match => ({ name: match[1]!, text: match[0] }));
}

const PLACEHOLDERS = new Set(catalog.emailPlaceholders);

/**
 * A custom template has an entity, a subject and a body; its placeholders are P1-P5, each once; every token of its
 * subject and body names a declared placeholder; every placeholder is used.
 */
export const emailTemplatesMustBeComplete: Check<EmailTemplate> = context => (node, accept) => {
    if (context.isBuiltin(node)) return;
    const missing = [node.entity ? '' : 'entity', node.subject === undefined ? 'subject' : '', node.body === undefined ? 'body' : ''].filter(Boolean);
    if (missing.length) {
        report(
            accept,
            Diagnostics.incompleteEmailTemplate,
            { node, property: 'name' },
            { name: node.name, missing: missing.map(setting => `'${setting}'`).join(', ') }
        );
    }
    const declared = new Set<string>();
    for (const placeholder of node.placeholders) {
        if (!PLACEHOLDERS.has(placeholder.name)) {
            report(
                accept,
                Diagnostics.emailPlaceholderName,
                { node: placeholder, property: 'name' },
                { name: placeholder.name, allowed: catalog.emailPlaceholders.join(', ') }
            );
        }
        declared.add(placeholder.name);
    }
    const used = new Set<string>();
    for (const property of ['subject', 'body'] as const) {
        const text = node[property];
        if (text === undefined) continue;
        const cst = GrammarUtils.findNodeForProperty(node.$cstNode, property);
        for (const token of personalizationTokens(text)) {
            used.add(token.name);
            if (declared.has(token.name)) continue;
            const range = cst ? placeholderRange(cst.text, cst.range.start, token.text) : undefined;
            report(accept, Diagnostics.unknownEmailToken, range ? { node, range } : { node, property }, {
                token: token.text,
                name: node.name,
                declared: declared.size ? [...declared].join(', ') : 'none'
            });
        }
    }
    for (const placeholder of node.placeholders) {
        if (!used.has(placeholder.name) && PLACEHOLDERS.has(placeholder.name)) {
            report(accept, Diagnostics.unusedEmailPlaceholder, { node: placeholder }, { name: placeholder.name, template: node.name });
        }
    }
};

/**
 * A Send email step's template is for the entity its Send Email action sends for (Order Confirmation with "Send
 * Email for Sales Order", …), when both are known.
 */
export const emailTemplatesMustFitTheAction: Check<Step> = () => (node, accept) => {
    const template = node.emailTemplate?.ref;
    const action = node.providerAction?.ref;
    const templateEntity = template?.entity?.ref;
    const actionEntity = action?.entity?.ref;
    if (!templateEntity || !actionEntity || templateEntity === actionEntity) return;
    report(
        accept,
        Diagnostics.emailTemplateEntityMismatch,
        { node, property: 'emailTemplate' },
        { template: template.name, entity: templateEntity.name, action: action.name, actionEntity: actionEntity.name }
    );
};
