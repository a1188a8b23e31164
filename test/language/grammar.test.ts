import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test, vi } from 'vitest';
import { IomLanguageMetaData } from '../../language/generated/module.js';
import { keywordsOf } from '../../language/model/grammar-keywords.js';
import { createIomServices } from '../../language/iom-module.js';
import { repositoryRoot } from '../helpers/language-services.js';

describe('the grammar', () => {
    test('builds its parser in development mode without ambiguity warnings', () => {
        // The services run in production mode (no grammar validations at start-up); this test runs them.
        expect(IomLanguageMetaData.mode).toBe('development');
        expect(createIomServices(EmptyFileSystem).Iom.LanguageMetaData.mode).toBe('production');
        const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
        const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
        try {
            const { Iom } = createIomServices(EmptyFileSystem, { LanguageMetaData: () => IomLanguageMetaData });
            // The parser is built lazily; parsing forces it (and chevrotain's grammar checks).
            const result = Iom.parser.LangiumParser.parse('journey J { }');
            expect(result.parserErrors).toEqual([]);
            const messages = [...log.mock.calls, ...warn.mock.calls].map(args => args.join(' '));
            expect(messages.filter(message => /ambiguit|alternatives/i.test(message))).toEqual([]);
        } finally {
            log.mockRestore();
            warn.mockRestore();
        }
    });

    test('every keyword is highlighted by the TextMate grammar', () => {
        const { Iom } = createIomServices(EmptyFileSystem);
        const textMate = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'syntaxes', 'iom.tmLanguage.json'), 'utf8')) as {
            patterns: Array<{ match?: string }>;
        };
        const highlighted = new Set(textMate.patterns.flatMap(pattern => /^\\b\((.*)\)\\b$/.exec(pattern.match ?? '')?.[1]?.split('|') ?? []));
        const keywords = keywordsOf(Iom.Grammar);
        expect(keywords.length).toBeGreaterThan(50);
        expect(keywords.filter(keyword => !highlighted.has(keyword))).toEqual([]);
        // And nothing is highlighted that the grammar does not know.
        expect([...highlighted].filter(word => !keywords.includes(word))).toEqual([]);
    });
});
