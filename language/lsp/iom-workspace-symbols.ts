/**
 * Workspace symbols (Go to Symbol in Workspace): every declaration once (a catalog item is indexed under its name
 * and its aliases, but listed once, by its name), plus the steps, conditions, splitters and branches of journeys.
 * A query matches a name that contains it (case-insensitive: "Seattle" finds "Fulfillment filter policy - Seattle")
 * or, failing that, one that contains its characters in order ("ffps" finds it too). Substring matches come first.
 */
import { type AstNode, AstUtils, type LangiumDocument, interruptAndCheck, type URI } from 'langium';
import type { LangiumSharedServices, NodeKindProvider, WorkspaceSymbolProvider } from 'langium/lsp';
import { CancellationToken, type WorkspaceSymbol, type WorkspaceSymbolParams } from 'vscode-languageserver';
import { isBranch, isConditionElement, isJourney, isSplitter, isStep } from '../generated/ast.js';
import { BUILTIN_SCHEME } from '../catalog/catalog.js';

interface Candidate {
    names: string[];
    symbol: WorkspaceSymbol;
}

export class IomWorkspaceSymbolProvider implements WorkspaceSymbolProvider {
    private readonly nodeKinds: NodeKindProvider;

    constructor(private readonly services: LangiumSharedServices) {
        this.nodeKinds = services.lsp.NodeKindProvider;
    }

    async getSymbols(params: WorkspaceSymbolParams, cancelToken = CancellationToken.None): Promise<WorkspaceSymbol[]> {
        const query = params.query.trim().toLowerCase();
        const matches: Array<{ score: number; symbol: WorkspaceSymbol }> = [];
        for (const candidate of await this.candidates(cancelToken)) {
            const score = Math.min(...candidate.names.map(name => matchScore(query, name)));
            if (score < Infinity) matches.push({ score, symbol: candidate.symbol });
        }
        return matches.sort((a, b) => a.score - b.score || a.symbol.name.localeCompare(b.symbol.name)).map(match => match.symbol);
    }

    private async candidates(cancelToken: CancellationToken): Promise<Candidate[]> {
        const byNode = new Map<string, Candidate>();
        for (const description of this.services.workspace.IndexManager.allElements()) {
            await interruptAndCheck(cancelToken);
            const key = `${description.documentUri.toString()}#${description.path}`;
            const known = byNode.get(key);
            if (known) {
                known.names.push(description.name); // an alias: searchable, not listed again
                continue;
            }
            const segment = description.nameSegment;
            if (!segment) continue;
            byNode.set(key, {
                names: [description.name],
                symbol: {
                    name: description.name,
                    kind: this.nodeKinds.getSymbolKind(description),
                    location: { uri: description.documentUri.toString(), range: segment.range },
                    ...(description.documentUri.scheme === BUILTIN_SCHEME ? { containerName: 'built-in catalog' } : {})
                }
            });
        }
        const candidates = [...byNode.values()];
        for (const document of this.services.workspace.LangiumDocuments.all) {
            await interruptAndCheck(cancelToken);
            if (document.uri.scheme === BUILTIN_SCHEME) continue;
            candidates.push(...this.journeyMembers(document));
        }
        return candidates;
    }

    /** Steps, conditions, splitters and branches, with their journey as container. */
    private journeyMembers(document: LangiumDocument): Candidate[] {
        const result: Candidate[] = [];
        const nameProvider = this.services.ServiceRegistry.getServices(document.uri).references.NameProvider;
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            if (!(isStep(node) || isConditionElement(node) || isSplitter(node) || isBranch(node))) continue;
            const name = nameProvider.getName(node);
            const nameNode = nameProvider.getNameNode(node);
            if (!name || !nameNode) continue;
            const journey = AstUtils.getContainerOfType(node, isJourney);
            result.push({
                names: [name],
                symbol: {
                    name,
                    kind: this.nodeKinds.getSymbolKind(node),
                    location: { uri: uriOf(node).toString(), range: nameNode.range },
                    ...(journey ? { containerName: journey.name } : {})
                }
            });
        }
        return result;
    }
}

function uriOf(node: AstNode): URI {
    return AstUtils.getDocument(node).uri;
}

/**
 * How well `name` matches the (lower-case) query: the position of the query in the name for a substring match,
 * 1000 plus the span of the match for characters in order, Infinity for no match. The empty query matches all.
 */
export function matchScore(query: string, name: string): number {
    if (!query) return 0;
    const lower = name.toLowerCase();
    const index = lower.indexOf(query);
    if (index >= 0) return index;
    const wanted = query.replace(/\s+/g, '');
    let at = -1;
    let first = -1;
    for (const character of wanted) {
        at = lower.indexOf(character, at + 1);
        if (at < 0) return Infinity;
        if (first < 0) first = at;
    }
    return 1000 + (at - first);
}
