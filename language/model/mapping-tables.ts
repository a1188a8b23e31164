/** The Dataverse tables an ID mapping row can name: the table keyword written in the source → the compiled table name. */

export type MappingTableName = 'Accounts' | 'Contacts' | 'Products' | 'Price Lists' | 'Warehouses' | 'Currencies' | 'Unit Groups' | 'Units';

export const MAPPING_TABLES: Record<string, MappingTableName> = {
    account: 'Accounts',
    contact: 'Contacts',
    product: 'Products',
    'price list': 'Price Lists',
    warehouse: 'Warehouses',
    currency: 'Currencies',
    'unit group': 'Unit Groups',
    unit: 'Units'
};
