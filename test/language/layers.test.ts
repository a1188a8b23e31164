/**
 * The layers of language/ (docs/development.md, "Layout and architecture"): it imports no Node module (the Node host
 * is host/), nothing outside language/ but package.json, and its folders import each other without cycles. Read from
 * the import graph with the TypeScript compiler API. Type-only imports (`import type`, or every name marked `type`)
 * are left out: they are erased from the bundles, and Langium's typed services need them both ways (every service
 * names `IomServices`, which names every service).
 */
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const root = path.resolve(__dirname, '../..');
const languageDir = path.join(root, 'language');

interface Import {
    file: string;
    specifier: string;
}

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return sourceFiles(full);
        return /\.(ts|mts|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
    });
}

/** The module specifiers a file imports at run time: static imports and re-exports that are not type-only, import(), require(). */
function runtimeImports(file: string): Import[] {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const found: Import[] = [];
    const add = (node: ts.Expression | undefined) => {
        if (node && ts.isStringLiteralLike(node)) found.push({ file, specifier: node.text });
    };
    const visit = (node: ts.Node) => {
        if (ts.isImportDeclaration(node)) {
            const clause = node.importClause;
            const bindings = clause?.namedBindings;
            const typeOnly =
                clause !== undefined &&
                (clause.isTypeOnly ||
                    (!clause.name &&
                        bindings !== undefined &&
                        ts.isNamedImports(bindings) &&
                        bindings.elements.length > 0 &&
                        bindings.elements.every(e => e.isTypeOnly)));
            if (!typeOnly) add(node.moduleSpecifier);
        } else if (ts.isExportDeclaration(node)) {
            const clause = node.exportClause;
            const typeOnly =
                node.isTypeOnly ||
                (clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every(e => e.isTypeOnly));
            if (!typeOnly) add(node.moduleSpecifier);
        } else if (ts.isCallExpression(node)) {
            const callee = node.expression;
            if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) add(node.arguments[0]);
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}

const NODE_BUILTINS = new Set(builtinModules);
/** Packages' Node-only entry points. */
const NODE_ONLY_ENTRIES = new Set(['langium/node', 'vscode-languageserver/node', 'vscode-jsonrpc/node', 'vscode-languageclient/node']);

function isNodeOnly(specifier: string): boolean {
    return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0] ?? specifier) || NODE_ONLY_ENTRIES.has(specifier);
}

/** The folder of language/ a file belongs to (its first path segment; `.` for the files at the top). */
function folderOf(file: string): string {
    const relative = path.relative(languageDir, file).split(path.sep);
    return relative.length > 1 ? (relative[0] ?? '.') : '.';
}

const imports = sourceFiles(languageDir).flatMap(runtimeImports);
const relativeImports = imports
    .filter(entry => entry.specifier.startsWith('.'))
    .map(entry => ({ ...entry, target: path.resolve(path.dirname(entry.file), entry.specifier) }));
const show = (file: string) => path.relative(root, file).split(path.sep).join('/');

/** The strongly connected components (of more than one folder) of a graph: its cycles. */
function cycles(graph: Map<string, Set<string>>): string[][] {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const found: string[][] = [];
    const connect = (node: string) => {
        index.set(node, index.size);
        low.set(node, index.get(node)!);
        stack.push(node);
        for (const next of graph.get(node) ?? []) {
            if (!index.has(next)) {
                connect(next);
                low.set(node, Math.min(low.get(node)!, low.get(next)!));
            } else if (stack.includes(next)) {
                low.set(node, Math.min(low.get(node)!, index.get(next)!));
            }
        }
        if (low.get(node) === index.get(node)) {
            const component: string[] = [];
            let member: string | undefined;
            do {
                member = stack.pop();
                if (member !== undefined) component.push(member);
            } while (member !== undefined && member !== node);
            if (component.length > 1) found.push(component.sort());
        }
    };
    for (const node of graph.keys()) if (!index.has(node)) connect(node);
    return found;
}

describe('the layers of language/', () => {
    test('the scan sees the language (a broken scan must not pass)', () => {
        expect(imports.length).toBeGreaterThan(300);
        expect(relativeImports.some(entry => entry.specifier === '../generated/ast.js')).toBe(true);
    });

    test('language/ imports no Node module: the Node host is host/', () => {
        const nodeImports = imports.filter(entry => isNodeOnly(entry.specifier)).map(entry => `${show(entry.file)}: ${entry.specifier}`);
        expect(nodeImports).toEqual([]);
    });

    test('language/ imports nothing outside it but package.json (not host/, cli/, server/, client/, bench/ or test/)', () => {
        const outside = relativeImports
            .filter(entry => path.relative(languageDir, entry.target).startsWith('..') && path.basename(entry.target) !== 'package.json')
            .map(entry => `${show(entry.file)}: ${entry.specifier}`);
        expect(outside).toEqual([]);
    });

    test('the folders of language/ import each other without cycles', () => {
        const graph = new Map<string, Set<string>>();
        const why = new Map<string, string[]>();
        for (const entry of relativeImports) {
            if (path.relative(languageDir, entry.target).startsWith('..')) continue;
            const from = folderOf(entry.file);
            const to = folderOf(entry.target);
            if (from === to) continue;
            if (!graph.has(from)) graph.set(from, new Set());
            graph.get(from)!.add(to);
            const key = `${from} -> ${to}`;
            why.set(key, [...(why.get(key) ?? []), show(entry.file)]);
        }
        expect(graph.size).toBeGreaterThan(5);
        const found = cycles(graph).map(component => {
            const edges = [...why.entries()].filter(([key]) => component.some(a => component.some(b => key === `${a} -> ${b}`)));
            return `${component.join(', ')}: ${edges.map(([key, files]) => `${key} (${[...new Set(files)].join(', ')})`).join('; ')}`;
        });
        expect(found).toEqual([]);
    });

    // Langium's generated grammar module caches the deserialised grammar in one (a constant once loaded): not ours.
    test('language/ keeps no state in module variables (no top-level let or var): state lives in services', () => {
        const generated = path.join(languageDir, 'generated');
        const ours = sourceFiles(languageDir).filter(file => !file.startsWith(generated + path.sep));
        expect(ours.length).toBeGreaterThan(100);
        const moduleVariables = ours.flatMap(file => {
            const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
            return source.statements
                .filter(ts.isVariableStatement)
                .filter(statement => !(statement.declarationList.flags & ts.NodeFlags.Const))
                .flatMap(statement => statement.declarationList.declarations.map(d => `${show(file)}: ${d.name.getText(source)}`));
        });
        expect(moduleVariables).toEqual([]);
    });
});
