/**
 * The entities of a workspace, as sample orders and the simulator read them: the built-in entity catalog
 * (language/catalog/*.json) and the workspace's own entity declarations.
 */
import type { LangiumDocument } from 'langium';
import { catalog } from '../catalog/catalog.js';
import type { TypedValue } from '../compiler/records.js';
import { isEntity, type Model } from '../generated/ast.js';

export type FieldType = TypedValue['type'];

export interface EntityField {
    name: string;
    type: FieldType;
    values: string[];
    description?: string;
}

export interface EntityRelation {
    name: string;
    cardinality: 'many to one' | 'one to many';
    target: string;
}

export interface EntityInfo {
    name: string;
    aliases: string[];
    custom: boolean;
    fields: EntityField[];
    relations: EntityRelation[];
}

/** The entities of a workspace: the built-in catalog and the workspace's own (custom) entity declarations. */
export class EntityCatalog {
    readonly entities: EntityInfo[];
    private readonly byName = new Map<string, EntityInfo>();

    constructor(entities: EntityInfo[]) {
        this.entities = entities;
        for (const entity of entities) {
            for (const name of [entity.name, ...entity.aliases])
                if (!this.byName.has(name.toLowerCase())) this.byName.set(name.toLowerCase(), entity);
        }
    }

    /** An entity by its name or one of its aliases (case-insensitive, as IOM's names differ only in case). */
    get(name: string | null | undefined): EntityInfo | undefined {
        return name ? this.byName.get(name.toLowerCase()) : undefined;
    }

    field(entity: string, field: string): EntityField | undefined {
        return (
            this.get(entity)?.fields.find(candidate => candidate.name === field) ??
            this.get(entity)?.fields.find(candidate => candidate.name.toLowerCase() === field.toLowerCase())
        );
    }

    /** The built-in catalog alone. */
    static builtin(): EntityCatalog {
        return new EntityCatalog(
            catalog.entities.map(entity => ({
                name: entity.name,
                aliases: entity.aliases ?? [],
                custom: false,
                fields: entity.fields.map(field => ({
                    name: field.name,
                    type: field.type as FieldType,
                    values: field.values ?? [],
                    description: field.description
                })),
                relations: entity.relations.map(relation => ({ name: relation.name, cardinality: relation.cardinality, target: relation.target }))
            }))
        );
    }

    /** The built-in catalog plus the entity declarations of the given (workspace) documents. */
    static of(documents: readonly LangiumDocument[]): EntityCatalog {
        const builtin = EntityCatalog.builtin().entities;
        const custom: EntityInfo[] = [];
        for (const document of documents) {
            for (const element of (document.parseResult.value as Model).elements ?? []) {
                if (!isEntity(element) || !element.name) continue;
                if (builtin.some(entity => entity.name === element.name)) continue;
                custom.push({
                    name: element.name,
                    aliases: [...element.aliases],
                    custom: true,
                    fields: element.fields
                        .filter(field => field.name)
                        .map(field => ({
                            name: field.name,
                            type: (field.fieldType ?? 'text') as FieldType,
                            values: [...field.values],
                            description: field.description
                        })),
                    relations: element.relations
                        .filter(relation => relation.name)
                        .map(relation => ({
                            name: relation.name,
                            cardinality: relation.cardinality === 'many to one' ? 'many to one' : 'one to many',
                            target: relation.target.ref?.name ?? relation.target.$refText.replace(/^"|"$/g, '')
                        }))
                });
            }
        }
        return new EntityCatalog([...builtin, ...custom]);
    }
}
