import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { AstUtils, URI } from 'langium';
import { clearDocuments } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { catalog, formatName, renderCatalog } from '../../language/catalog/catalog.js';
import type { Journey, Model, Step } from '../../language/generated/ast.js';
import { createTestServices, describeDiagnostics, repositoryRoot } from '../helpers/language-services.js';

const catalogFolder = path.join(repositoryRoot, 'language', 'catalog');
const services = await createTestServices();

describe('the built-in catalog', () => {
    const files = fs.readdirSync(catalogFolder).filter(file => file.endsWith('.json') && file !== 'catalog.schema.json');

    test.each(files)('%s matches the catalog schema', file => {
        const ajv = new Ajv2020({ allErrors: true });
        const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(catalogFolder, 'catalog.schema.json'), 'utf8')));
        const valid = validate(JSON.parse(fs.readFileSync(path.join(catalogFolder, file), 'utf8')));
        expect(validate.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
    });

    test('loads as a built-in library with no diagnostics', () => {
        expect(services.builtins.map(d => `${d.uri.scheme}:${d.uri.path}`)).toEqual([
            'iom-builtin:/connectors.iom',
            'iom-builtin:/events.iom',
            'iom-builtin:/action-types.iom',
            'iom-builtin:/tiles.iom',
            'iom-builtin:/entities.iom',
            'iom-builtin:/providers.iom',
            'iom-builtin:/email-templates.iom',
            'iom-builtin:/settings.iom'
        ]);
        for (const document of services.builtins) {
            expect(describeDiagnostics(document), document.uri.toString()).toEqual([]);
        }
    });

    test("holds every item of the domain reference's catalogs", () => {
        const names = (items: Array<{ name: string }>) => items.map(item => item.name);
        expect(names(catalog.tiles)).toEqual([
            'Validate Order Header',
            'Validate Order Line',
            'Send to DOM',
            'Assign Fulfillment Source',
            'Send to Fulfillment',
            'Send to Fulfillment – Dynamics 365 finance and operations apps',
            'Send to Invoice',
            'Send to Fulfillment and Returns Optimization',
            'Send email',
            'Custom'
        ]);
        expect(names(catalog.platformReferences)).toContain('Microsoft Dataverse - Integration');
        expect(names(catalog.providers)).toEqual(
            expect.arrayContaining([
                'Dynamics 365 Distributed Order Management',
                'Fulfillment and Returns Optimization',
                'BigCommerce',
                'Flexe',
                'FedEx',
                'Orderful',
                'Avalara',
                'Dynamics 365 Communication',
                'Inventory Visibility Service'
            ])
        );
        expect(names(catalog.entities)).toEqual(expect.arrayContaining(['Order', 'Order product', 'Fulfillment order', 'Fulfillment order product']));
    });

    test('every catalog item is documented on hover through its doc comment', () => {
        const events = services.builtins.find(d => d.uri.path === '/events.iom')!;
        const newOrder = (events.parseResult.value as Model).elements.find(e => 'name' in e && e.name === 'New Order')!;
        expect(services.Iom.documentation.DocumentationProvider.getDocumentation(newOrder)).toMatch(/^Entry event of a journey/);
    });

    test('an entry added to the data resolves like any declaration, without code changes', async () => {
        const extended = renderCatalog({
            ...catalog,
            tiles: [...catalog.tiles, { name: 'Send to Carrier', actionType: 'Send to Fulfillment', description: 'Hands shipments to a carrier.' }]
        });
        const tiles = extended.find(d => d.name === 'tiles.iom')!;
        expect(tiles.text).toContain('tile "Send to Carrier" {');
        // Load the extended tile document as a library document and refer to the new tile.
        const { shared } = services;
        const library = shared.workspace.LangiumDocumentFactory.fromString(tiles.text, URI.parse('iom-builtin:///extended-tiles.iom'));
        shared.workspace.LangiumDocuments.addDocument(library);
        try {
            await shared.workspace.DocumentBuilder.build([library]);
            const document = await services.validate(
                'journey J { step S : "Send to Carrier" { input events "Creation of Fulfillment Order has Succeeded" } }'
            );
            expect(describeDiagnostics(document).filter(d => d.includes('IOM1001'))).toEqual([]);
            const step = (document.parseResult.value.elements[0] as Journey).elements[0] as Step;
            expect(AstUtils.getDocument(step.tile.ref!).uri.toString()).toBe(library.uri.toString());
        } finally {
            await clearDocuments(shared, [library]);
        }
    });

    test('names are written bare when they are identifiers and quoted otherwise', () => {
        expect(formatName('BigCommerce')).toBe('BigCommerce');
        expect(formatName('Send to DOM')).toBe('"Send to DOM"');
        expect(formatName('journey')).toBe('"journey"');
        expect(formatName('Filter Policy – "BigCommerce"')).toBe('"Filter Policy – \\"BigCommerce\\""');
    });
});
