import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { binding, shapeEntries, type Shape } from '../../language/deployment/binding.js';
import { readArtifactSchema, repoRoot, SCHEMA_OF_KIND } from '../compiler/helpers.js';

// Every record kind but email templates, for which the binding has no table (the package does not carry them).
const BOUND_KINDS = Object.entries(SCHEMA_OF_KIND).filter(([kind]) => kind !== 'emailTemplate');
const recordBase = readArtifactSchema('common').$defs.recordBase.properties as Record<string, unknown>;

/** The setup tables the ALM guide names (domain reference 6.1): the only documented table names. */
const DOCUMENTED_TABLES = [
    'msdyn_iompolicy',
    'msdyn_iomrule',
    'msdyn_iomproviderdefinition',
    'msdyn_iomprovider',
    'msdyn_iomproviderconnectionreference',
    'msdyn_iomproviderdefinitionconnectionref',
    'msdyn_iomprovidertransformation',
    'msdyn_iomproviderdefinitiontransformation',
    'msdyn_iomproviderparameter',
    'msdyn_iomproviderdefinitionparameter',
    'msdyn_iomproviderdefinitionlogicdefinition',
    'msdyn_iomdesigner'
];

describe('the Dataverse binding', () => {
    test('validates against its JSON Schema', () => {
        const ajv = new Ajv2020({ allErrors: true, strict: false });
        const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(repoRoot, 'language', 'deployment', 'binding.schema.json'), 'utf8')));
        expect(validate(binding), ajv.errorsText(validate.errors)).toBe(true);
        const broken = structuredClone(binding) as unknown as { kinds: { policy: { fields: Record<string, unknown> } } };
        broken.kinds.policy.fields.name = { bind: 'column', name: 'msdyn_name', type: 'text', provenance: 'assumed', reason: 'x' };
        expect(validate(broken)).toBe(false);
    });

    test('binds every field of every artifact kind, nested rows included (per the artifact JSON Schemas)', () => {
        const unbound: string[] = [];
        const extra: string[] = [];
        const check = (
            where: string,
            shape: Shape,
            properties: Record<string, { type?: string; items?: { properties?: Record<string, unknown> } }>
        ) => {
            for (const [field, property] of Object.entries(properties)) {
                const fieldBinding = shape.fields[field];
                if (!fieldBinding) {
                    unbound.push(`${where}.${field}`);
                    continue;
                }
                if (fieldBinding.bind === 'child') {
                    expect(property.items?.properties, `${where}.${field} is a list of objects`).toBeDefined();
                    check(`${where}.${field}`, fieldBinding.shape, property.items!.properties as never);
                }
            }
            for (const field of Object.keys(shape.fields)) if (!(field in properties)) extra.push(`${where}.${field}`);
        };
        for (const [kind, schema] of BOUND_KINDS) {
            const shape = binding.kinds[kind as keyof typeof binding.kinds];
            expect(shape, kind).toBeDefined();
            check(kind, shape, { ...recordBase, ...readArtifactSchema(schema).properties } as never);
        }
        expect(unbound).toEqual([]);
        expect(extra).toEqual([]);
    });

    test('a documented name cites a known source, an assumed one a known reason; only the ALM guide tables are documented', () => {
        const names = shapeEntries()
            .flatMap(({ shape }) => [
                shape.table,
                shape.primaryId,
                shape.api,
                shape.parent,
                ...Object.values(shape.fields).filter(field => field.bind === 'column' || field.bind === 'lookup' || field.bind === 'parameter')
            ])
            .filter(item => item !== null && item !== undefined);
        expect(names.length).toBeGreaterThan(40);
        for (const item of names) {
            if (item.provenance === 'documented') expect(binding.sources, JSON.stringify(item)).toHaveProperty([item.source]);
            else expect(binding.reasons, JSON.stringify(item)).toHaveProperty([item.reason]);
        }
        for (const { shape } of shapeEntries()) {
            if (!shape.table) continue;
            expect(shape.table.provenance === 'documented', shape.table.name).toBe(DOCUMENTED_TABLES.includes(shape.table.name));
            if (shape.route === 'package') expect(shape.primaryName && shape.fields[shape.primaryName]?.bind, shape.table.name).toBe('column');
        }
        // The only documented choice values are the Logic Type values (domain reference 5.6).
        const documentedValues = JSON.stringify(binding.kinds).match(/"value": ?\d+/g) ?? [];
        expect(documentedValues.map(text => Number(text.replace(/\D/g, '')))).toEqual([192350000, 192350001, 192350002, 192350003]);
    });

    test('the built-in ids quoted by the lab are kept without a guessed name', () => {
        expect(binding.builtinIds.map(item => [item.id, item.name])).toEqual([
            ['063d85c8-60a4-eb11-9443-000d3a313675', null],
            ['ccf64002-61a4-eb11-9443-000d3a313675', null],
            ['48688716-61a4-eb11-9443-000d3a313675', null]
        ]);
    });
});
