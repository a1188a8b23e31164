/**
 * The file system of the CLI and the language server: Langium's Node file system, reading text without a leading
 * UTF-8 byte order mark. Editors hide the BOM from the document text; reading it from disk must give the same text,
 * or a declaration on line 1 would be recorded one column to the right and the artifacts' hashes would differ from
 * the same files without a BOM (issue 10 item 12).
 */
import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';

const BOM = '\uFEFF';

/** The text without a leading byte order mark. */
export function stripBom(text: string): string {
    return text.startsWith(BOM) ? text.slice(1) : text;
}

export class IomNodeFileSystemProvider extends NodeFileSystemProvider {
    override async readFile(uri: URI): Promise<string> {
        return stripBom(await super.readFile(uri));
    }

    override readFileSync(uri: URI): string {
        return stripBom(super.readFileSync(uri));
    }
}
