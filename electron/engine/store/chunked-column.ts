/**
 * A growable typed-array column split into fixed chunks. Chunks (not one doubling array) keep the
 * memory per frame flat: no 2x overshoot when a million-frame lane grows, and no copy on growth.
 */
const CHUNK_BITS = 16;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

type TypedArray = Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;
type TypedArrayConstructor<T extends TypedArray> = new (length: number) => T;

export class ChunkedColumn<T extends TypedArray> {
  private readonly chunks: T[] = [];

  constructor(private readonly make: TypedArrayConstructor<T>) {}

  get(index: number): number {
    return (this.chunks[index >>> CHUNK_BITS] as T)[index & CHUNK_MASK] as number;
  }

  set(index: number, value: number): void {
    const chunk = index >>> CHUNK_BITS;
    while (this.chunks.length <= chunk) this.chunks.push(new this.make(CHUNK_SIZE));
    (this.chunks[chunk] as T)[index & CHUNK_MASK] = value;
  }

  /** Bytes held, for the memory-per-frame figure. */
  get byteLength(): number {
    let total = 0;
    for (const chunk of this.chunks) total += chunk.byteLength;
    return total;
  }
}
