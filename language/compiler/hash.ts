/**
 * SHA-1 and SHA-256 (FIPS 180-4) in plain TypeScript, for the compiler's stable ids (UUID v5) and artifact hashes.
 * The language imports no Node module, so it runs in any host (a browser worker included); the digests are the
 * standard ones (test/compiler/hash.test.ts compares them with Node's crypto).
 */

const encoder = new TextEncoder();

/** The bytes of a text in UTF-8 (a lone surrogate becomes U+FFFD, as Node's `Buffer.from(text, 'utf8')` does). */
export function utf8(text: string): Uint8Array {
    return encoder.encode(text);
}

/** The message padded to whole 64-byte blocks, with its bit length (big-endian) at the end, as 32-bit words. */
function paddedWords(bytes: Uint8Array): Uint32Array {
    const blocks = Math.ceil((bytes.length + 9) / 64);
    const padded = new Uint8Array(blocks * 64);
    padded.set(bytes);
    padded[bytes.length] = 0x80;
    const view = new DataView(padded.buffer);
    const bits = bytes.length * 8;
    view.setUint32(padded.length - 8, Math.floor(bits / 0x1_0000_0000));
    view.setUint32(padded.length - 4, bits >>> 0);
    const words = new Uint32Array(padded.length / 4);
    for (let i = 0; i < words.length; i++) words[i] = view.getUint32(i * 4);
    return words;
}

function hex(state: Uint32Array | number[]): string {
    let text = '';
    for (const word of state) text += (word >>> 0).toString(16).padStart(8, '0');
    return text;
}

/** Adds a block's result to the state, word by word (mod 2^32). */
function addInto(state: number[], words: readonly number[]): void {
    words.forEach((word, i) => (state[i] = ((state[i] ?? 0) + word) | 0));
}

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** SHA-1 of the bytes, as 40 hex digits. */
export function sha1Hex(bytes: Uint8Array): string {
    const words = paddedWords(bytes);
    const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
    const w = new Int32Array(80);
    for (let block = 0; block < words.length; block += 16) {
        for (let t = 0; t < 16; t++) w[t] = words[block + t];
        for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        let [a, b, c, d, e] = h;
        for (let t = 0; t < 80; t++) {
            const f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
            const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
            const next = (rotl(a, 5) + f + e + k + w[t]) | 0;
            e = d;
            d = c;
            c = rotl(b, 30);
            b = a;
            a = next;
        }
        addInto(h, [a, b, c, d, e]);
    }
    return hex(h);
}

/** The SHA-256 round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K256 = (() => {
    const primes: number[] = [];
    for (let n = 2; primes.length < 64; n++) if (primes.every(p => n % p !== 0)) primes.push(n);
    return Int32Array.from(primes, p => Math.floor((Math.cbrt(p) % 1) * 0x1_0000_0000) | 0);
})();

/** The SHA-256 initial state: the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const H256 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** SHA-256 of the bytes, as 64 hex digits. */
export function sha256Hex(bytes: Uint8Array): string {
    const words = paddedWords(bytes);
    const h = H256.slice();
    const w = new Int32Array(64);
    for (let block = 0; block < words.length; block += 16) {
        for (let t = 0; t < 16; t++) w[t] = words[block + t];
        for (let t = 16; t < 64; t++) {
            const s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
            const s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
            w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
        }
        let [a, b, c, d, e, f, g, hh] = h;
        for (let t = 0; t < 64; t++) {
            const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[t] + w[t]) | 0;
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
        addInto(h, [a, b, c, d, e, f, g, hh]);
    }
    return hex(h);
}
