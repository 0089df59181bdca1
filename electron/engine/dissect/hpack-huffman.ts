/**
 * The HPACK Huffman code (RFC 7541 §5.2, Appendix B). The code is canonical (codes of each length are
 * consecutive, in symbol order), so the table is given as the 257 code lengths (symbol 256 is EOS) and the
 * codes are derived from them; a decoding tree is built once.
 *
 *   string literal:  |H| length (7+) |  data: the Huffman code of each octet, then the most significant
 *                                        bits of EOS (all ones, at most 7) as padding to an octet boundary
 */

/** Code length of each symbol, as letters: A = 5 bits … Z = 30 bits (Appendix B). */
const LENGTHS =
  'ISXXXXXXXTZXXZXXXXXXXXZXXXXXXXXXBFFHIBDGFFDGDBBBAAABBBBBBBCDKBHFIBCCCCCCCCCCCCCCCCCCCCCCDCDIOIJBKABABABBBACCBBBABCBAABCCCCCKGJIXPRPPRRRSRSSSSSTSTTRSTSSSSQRSRSSTRQPRRSSQSRRTQRSSQQRQSRSSPRRRSRRSVVPORSRUVVVWWVTUOQVWWVWTQQVVXWWWPTPQRQQSRRUUTTVSVWVVWWWWWXWWWWWVZ';

export const EOS = 256;

/** Each symbol's code (right-aligned) and length, derived canonically from `LENGTHS`. */
export const HUFFMAN_CODES: readonly (readonly [code: number, bits: number])[] = (() => {
  const bits = Array.from(LENGTHS, (c) => c.charCodeAt(0) - 60);
  const order = bits.map((_, s) => s).sort((a, b) => (bits[a] ?? 0) - (bits[b] ?? 0) || a - b);
  const out: [number, number][] = new Array(bits.length);
  let code = 0;
  let previous = bits[order[0] ?? 0] ?? 0;
  order.forEach((symbol, i) => {
    const length = bits[symbol] ?? 0;
    if (i > 0) code = (code + 1) * 2 ** (length - previous);
    previous = length;
    out[symbol] = [code, length];
  });
  return out;
})();

/** The decoding tree: node n has children `tree[2n]` and `tree[2n+1]`; a leaf is -(symbol + 1). */
const tree: Int32Array = (() => {
  const nodes = new Int32Array(2 * 2 * 257);
  let used = 1;
  HUFFMAN_CODES.forEach(([code, length], symbol) => {
    let node = 0;
    for (let b = length - 1; b >= 0; b--) {
      const slot = 2 * node + (Math.floor(code / 2 ** b) & 1);
      if (b === 0) nodes[slot] = -(symbol + 1);
      else node = nodes[slot] || (nodes[slot] = used++);
    }
  });
  return nodes;
})();

/**
 * Decodes `[start, end)`; null when the data is not a valid Huffman string (EOS inside, padding longer than
 * 7 bits or not all ones: RFC 7541 §5.2 makes these decoding errors).
 */
export function huffmanDecode(bytes: Uint8Array, start: number, end: number): Uint8Array | null {
  const out = new Uint8Array(Math.ceil(((end - start) * 8) / 5));
  let n = 0;
  let node = 0;
  let depth = 0;
  let allOnes = true;
  for (let p = start; p < end; p++) {
    const byte = bytes[p] ?? 0;
    for (let b = 7; b >= 0; b--) {
      const bit = (byte >>> b) & 1;
      const next = tree[2 * node + bit] ?? 0;
      depth++;
      allOnes &&= bit === 1;
      if (next < 0) {
        if (next === -(EOS + 1)) return null;
        out[n++] = -next - 1;
        node = 0;
        depth = 0;
        allOnes = true;
      } else node = next;
    }
  }
  return depth > 7 || !allOnes ? null : out.subarray(0, n);
}
