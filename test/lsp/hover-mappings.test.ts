import { describe, expect, test } from 'vitest';
import { createLspTestServices, hoverTextOf } from './helpers.js';

const services = await createLspTestServices();

const hoverText = hoverTextOf(services);

describe('hover: ID mappings, settings, pause and policy versions', () => {
    test('the Default mapping group is built in; id mappings list their scope and tables', async () => {
        expect(await hoverText('id mappings M {\n    mapping group "Default mapp<|>ing group"\n    map unit "unit" "each" to ea\n}')).toContain(
            'The mapping group IOM creates'
        );
        const mappings = await hoverText(
            'id mappings "M<|>ine" {\n    mapping group "Default mapping group"\n    map unit "unit" "each" to ea\n    map price list "name" "Retail" to Retail\n}'
        );
        expect(mappings).toContain('Mapping group: `Default mapping group`');
        expect(mappings).toContain('Mappings: 2 (unit, price list)');
    });

    test('a connector setting says its type and that it is a secret; a journey says it is paused; a policy its version', async () => {
        expect(await hoverText('connection C {\n    connector BigCommerce\n    setting "API K<|>ey" = secret env "KEY"\n}')).toMatch(
            /Type: text, required, secret/
        );
        expect(await hoverText('journey "J<|>1" {\n    published\n    paused\n}')).toContain('Published, paused (preview)');
        expect(await hoverText('policy "P<|>1" {\n    type filter\n    version 3\n}')).toContain('Version: Current, number 3');
    });
});
