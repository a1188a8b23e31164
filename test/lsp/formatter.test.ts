import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectFormatting, parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { formatDocumentText } from '../../language/lsp/iom-formatter.js';
import { createLspTestServices, repositoryRoot } from './helpers.js';

const services = await createLspTestServices();
const format = expectFormatting(services.Iom);
const parse = parseHelper(services.Iom);

async function formatted(text: string, options = { tabSize: 4, insertSpaces: true }): Promise<string | undefined> {
    return formatDocumentText(await parse(text), services.Iom, options);
}

describe('formatter', () => {
    const examples = fs.readdirSync(path.join(repositoryRoot, 'examples'), { recursive: true })
        .map(String).filter(file => file.endsWith('.iom')).sort();

    test.each(examples)('the example %s is byte-stable', async file => {
        const text = fs.readFileSync(path.join(repositoryRoot, 'examples', file), 'utf8');
        expect(await formatted(text)).toBe(text);
    });

    test('there are examples to check', () => {
        expect(examples.length).toBeGreaterThanOrEqual(10);
    });
});
