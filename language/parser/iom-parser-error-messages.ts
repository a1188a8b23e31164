import { LangiumParserErrorMessageProvider } from 'langium';

// chevrotain's types, as Langium's provider receives them (chevrotain is Langium's dependency, not ours).
type Provider = LangiumParserErrorMessageProvider;
type MismatchOptions = Parameters<Provider['buildMismatchTokenMessage']>[0];
type NotAllInputOptions = Parameters<Provider['buildNotAllInputParsedMessage']>[0];
type NoViableAltOptions = Parameters<Provider['buildNoViableAltMessage']>[0];
type EarlyExitOptions = Parameters<Provider['buildEarlyExitMessage']>[0];
type TokenType = MismatchOptions['expected'];
type IToken = MismatchOptions['actual'];

/** How the terminals of the grammar are named in messages. */
const TERMINALS: Record<string, string> = {
    ID: 'a name',
    STRING: 'a quoted string',
    NUMBER: 'a number',
    TEXT_BLOCK: 'a text block ("""…""")'
};

/**
 * One-line syntax error messages in the language's terms: "Expected 'filter' or 'execution' but found 'filtr'."
 * (chevrotain's defaults span several lines and list token sequences, which breaks `path:line:col - message`.)
 */
export class IomParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage({ expected, actual }: MismatchOptions): string {
        // The parser expects the end of the file where no further declaration could start.
        if (expected.name === 'EOF') return expectedDeclaration(actual);
        return `Expected ${label(expected)} but found ${found(actual)}.`;
    }

    override buildNotAllInputParsedMessage({ firstRedundant }: NotAllInputOptions): string {
        return expectedDeclaration(firstRedundant);
    }

    override buildNoViableAltMessage({ expectedPathsPerAlt, actual }: NoViableAltOptions): string {
        return `Expected ${alternatives(expectedPathsPerAlt.flat())} but found ${found(actual[0])}.`;
    }

    override buildEarlyExitMessage({ expectedIterationPaths, actual }: EarlyExitOptions): string {
        return `Expected at least one ${alternatives(expectedIterationPaths)} but found ${found(actual[0])}.`;
    }
}

function expectedDeclaration(actual: IToken): string {
    return `Expected a declaration (connection, connector, platform, provider, event, action type, allow, policy, journey) but found ${found(actual)}.`;
}

function label(type: TokenType): string {
    const name = type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name;
    return TERMINALS[name] ?? `'${name}'`;
}

/** The first token of each path, without repeats: `'a', 'b' or 'c'`. */
function alternatives(paths: TokenType[][]): string {
    const labels = [...new Set(paths.filter(path => path.length > 0).map(path => label(path[0])))];
    if (labels.length === 0) return 'something else';
    if (labels.length === 1) return labels[0];
    return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

function found(token: IToken | undefined): string {
    return !token || token.image === '' ? 'the end of the file' : `'${token.image}'`;
}
