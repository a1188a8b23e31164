import { type Digests, PLAIN_DIGESTS } from './hash.js';

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
    return new UuidV5(PLAIN_DIGESTS).of(JSON.stringify([kind, ...names]));
}

/**
 * The stable ids of one compile, each derived once: a trie by kind, then each name (strings the AST already holds).
 * A compile makes its own, so each compile starts cold and no state outlives it.
 */
export class StableIds {
    private readonly root: IdTrie = {};
    private readonly uuids: UuidV5;

    constructor(digests: Digests = PLAIN_DIGESTS) {
        this.uuids = new UuidV5(digests);
    }

    of(kind: string, ...names: string[]): string {
        let node = child(this.root, kind);
        for (const name of names) node = child(node, name);
        return (node.id ??= this.uuids.of(JSON.stringify([kind, ...names])));
    }
}

function child(node: IdTrie, key: string): IdTrie {
    node.next ??= new Map();
    let next = node.next.get(key);
    if (!next) node.next.set(key, (next = {}));
    return next;
}

const encoder = new TextEncoder();

/**
 * RFC 9562 UUID version 5: the SHA-1 of the namespace's 16 bytes followed by the name's UTF-8 bytes, truncated to
 * 16 bytes, with the version (5) in the high nibble of byte 6 and the variant (10xx) in the high bits of byte 8.
 *
 * The bytes are written into one buffer that starts with the namespace and is reused for every name (grown when a
 * name needs more room): allocating two byte arrays per id (the encoded name, then the namespace and the name) cost
 * more than the SHA-1 itself. A lone surrogate becomes U+FFFD, as `TextEncoder.encode` and Node's Buffer make it.
 */
class UuidV5 {
    private buffer = new Uint8Array(0);
    private tail = this.buffer;

    constructor(private readonly digests: Digests) {}

    of(name: string): string {
        // At most three UTF-8 bytes per UTF-16 code unit (a surrogate pair is four bytes for two units).
        const room = NAMESPACE_BYTES.length + name.length * 3;
        if (this.buffer.length < room) {
            this.buffer = new Uint8Array(Math.max(room, 1024));
            this.buffer.set(NAMESPACE_BYTES);
            this.tail = this.buffer.subarray(NAMESPACE_BYTES.length);
        }
        const { written } = encoder.encodeInto(name, this.tail);
        const hex = this.digests.sha1Hex(this.buffer.subarray(0, NAMESPACE_BYTES.length + written));
        const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    }
}
