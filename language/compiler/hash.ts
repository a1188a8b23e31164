/**
 * SHA-1 and SHA-256 (FIPS 180-4) in plain TypeScript, for the compiler's stable ids (UUID v5) and artifact hashes.
 * The language imports no Node module, so it runs in any host (a browser worker included); the digests are the
 * standard ones (test/compiler/hash.test.ts compares them with Node's crypto).
 *
 * The word arrays (the message, its schedule, the round constants) are DataViews read and written by byte offset
 * (`at`, four bytes a word; `t` counts rounds): `getInt32` is typed `number`, where an element of an array or of a
 * typed array is `number | undefined` under `noUncheckedIndexedAccess`, and V8 compiles it to a plain load. The
 * message is read big-endian, as the standard says; the schedule and the constants are private, so they are kept
 * little-endian (`LE`), which x86 and ARM load without a byte swap. The state is a tuple, so destructuring it is typed.
 */

/**
 * How the compiler hashes: this file's plain TypeScript ({@link PLAIN_DIGESTS}), or the host's when it has a faster
 * one (Node's crypto: host/node-host.ts). Every implementation gives the standard digests.
 */
export interface Digests {
    /** SHA-1 of the bytes, as 40 hex digits. */
    sha1Hex(bytes: Uint8Array): string;
    /** SHA-256 of a text's UTF-8 bytes, as 64 hex digits (a host may hash the text without copying it to bytes). */
    sha256Text(text: string): string;
}

const encoder = new TextEncoder();
/** The byte order of the schedule and the round constants (see above). */
const LE = true;

/** The bytes of a text in UTF-8 (a lone surrogate becomes U+FFFD, as Node's `Buffer.from(text, 'utf8')` does). */
export function utf8(text: string): Uint8Array {
    return encoder.encode(text);
}

/** The message padded to whole 64-byte blocks, with its bit length (big-endian) at the end: big-endian words. */
function padded(bytes: Uint8Array): DataView {
    const blocks = Math.ceil((bytes.length + 9) / 64);
    const message = new Uint8Array(blocks * 64);
    message.set(bytes);
    message[bytes.length] = 0x80;
    const view = new DataView(message.buffer);
    const bits = bytes.length * 8;
    view.setUint32(message.length - 8, Math.floor(bits / 0x1_0000_0000));
    view.setUint32(message.length - 4, bits >>> 0);
    return view;
}

function hex(state: readonly number[]): string {
    let text = '';
    for (const word of state) text += (word >>> 0).toString(16).padStart(8, '0');
    return text;
}

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** SHA-1 of the bytes, as 40 hex digits. */
export function sha1Hex(bytes: Uint8Array): string {
    const message = padded(bytes);
    let h: [number, number, number, number, number] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
    const w = new DataView(new ArrayBuffer(80 * 4));
    for (let block = 0; block < message.byteLength; block += 64) {
        for (let at = 0; at < 64; at += 4) w.setInt32(at, message.getInt32(block + at), LE);
        for (let at = 64; at < 320; at += 4)
            w.setInt32(at, rotl(w.getInt32(at - 12, LE) ^ w.getInt32(at - 32, LE) ^ w.getInt32(at - 56, LE) ^ w.getInt32(at - 64, LE), 1), LE);
        let [a, b, c, d, e] = h;
        for (let t = 0; t < 80; t++) {
            const f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
            const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
            const next = (rotl(a, 5) + f + e + k + w.getInt32(t * 4, LE)) | 0;
            e = d;
            d = c;
            c = rotl(b, 30);
            b = a;
            a = next;
        }
        h = [(h[0] + a) | 0, (h[1] + b) | 0, (h[2] + c) | 0, (h[3] + d) | 0, (h[4] + e) | 0];
    }
    return hex(h);
}

/** The SHA-256 round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K256 = (() => {
    const primes: number[] = [];
    for (let n = 2; primes.length < 64; n++) if (primes.every(p => n % p !== 0)) primes.push(n);
    const constants = new DataView(new ArrayBuffer(64 * 4));
    primes.forEach((p, i) => constants.setInt32(i * 4, Math.floor((Math.cbrt(p) % 1) * 0x1_0000_0000) | 0, LE));
    return constants;
})();

type State256 = [number, number, number, number, number, number, number, number];

/** The SHA-256 initial state: the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const H256: Readonly<State256> = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** SHA-256 of the bytes, as 64 hex digits. */
export function sha256Hex(bytes: Uint8Array): string {
    const message = padded(bytes);
    let h: State256 = [...H256];
    const w = new DataView(new ArrayBuffer(64 * 4));
    for (let block = 0; block < message.byteLength; block += 64) {
        for (let at = 0; at < 64; at += 4) w.setInt32(at, message.getInt32(block + at), LE);
        for (let at = 64; at < 256; at += 4) {
            const w15 = w.getInt32(at - 60, LE);
            const w2 = w.getInt32(at - 8, LE);
            const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
            const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
            w.setInt32(at, (w.getInt32(at - 64, LE) + s0 + w.getInt32(at - 28, LE) + s1) | 0, LE);
        }
        let [a, b, c, d, e, f, g, hh] = h;
        for (let at = 0; at < 256; at += 4) {
            const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256.getInt32(at, LE) + w.getInt32(at, LE)) | 0;
            const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
            hh = g;
            g = f;
            f = e;
            e = (d + t1) | 0;
            d = c;
            c = b;
            b = a;
            a = (t1 + t2) | 0;
        }
        h = [(h[0] + a) | 0, (h[1] + b) | 0, (h[2] + c) | 0, (h[3] + d) | 0, (h[4] + e) | 0, (h[5] + f) | 0, (h[6] + g) | 0, (h[7] + hh) | 0];
    }
    return hex(h);
}

/** The digests of this file, for hosts without a faster implementation (a browser worker). */
export const PLAIN_DIGESTS: Digests = { sha1Hex, sha256Text: text => sha256Hex(utf8(text)) };
