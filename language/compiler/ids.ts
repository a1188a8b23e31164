import { type Digests, PLAIN_DIGESTS, utf8 } from './hash.js';

/**
 * The namespace of every id the compiler derives (a fixed, randomly chosen UUID; never change it, or every record
 * of every environment would be duplicated on the next deployment).
 */
export const ID_NAMESPACE = '6f1d3c2a-8b4e-4f7a-9c5d-2e8b7a6f4d31';

const NAMESPACE_BYTES = Uint8Array.from(ID_NAMESPACE.replace(/-/g, '').match(/../g) ?? [], byte => parseInt(byte, 16));

/** A trie of the ids derived during a compile: kind, then each name (strings the AST already holds, hashed once). */
interface IdTrie {
    id?: string;
    next?: Map<string, IdTrie>;
}

/**
 * A stable id: UUID v5 of the JSON array `[kind, ...names]` (e.g. `["rule","Order line validation policy","Min
 * quantity"]`) in {@link ID_NAMESPACE}. The same kind and names give the same id on every build and machine, so a
 * rebuild updates records rather than duplicating them.
 */
export function stableId(kind: string, ...names: string[]): string {
    return uuidV5(JSON.stringify([kind, ...names]), PLAIN_DIGESTS);
}

/**
 * The stable ids of one compile, each derived once: a trie by kind, then each name (strings the AST already holds).
 * A compile makes its own, so each compile starts cold and no state outlives it.
 */
export class StableIds {
    private readonly root: IdTrie = {};

    constructor(private readonly digests: Digests = PLAIN_DIGESTS) {}

    of(kind: string, ...names: string[]): string {
        let node = child(this.root, kind);
        for (const name of names) node = child(node, name);
        return (node.id ??= uuidV5(JSON.stringify([kind, ...names]), this.digests));
    }
}

function child(node: IdTrie, key: string): IdTrie {
    node.next ??= new Map();
    let next = node.next.get(key);
    if (!next) node.next.set(key, (next = {}));
    return next;
}

/**
 * RFC 9562 UUID version 5: the SHA-1 of the namespace's 16 bytes followed by the name's UTF-8 bytes, truncated to
 * 16 bytes, with the version (5) in the high nibble of byte 6 and the variant (10xx) in the high bits of byte 8.
 */
function uuidV5(name: string, digests: Digests): string {
    const bytes = utf8(name);
    const data = new Uint8Array(NAMESPACE_BYTES.length + bytes.length);
    data.set(NAMESPACE_BYTES);
    data.set(bytes, NAMESPACE_BYTES.length);
    const hex = digests.sha1Hex(data);
    const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
