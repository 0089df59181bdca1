/**
 * Interned strings: Source, Destination and Protocol repeat across most frames, so each frame
 * keeps a 32-bit id and the text is held once.
 */
export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  private textBytes = 0;

  intern(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.ids.set(text, id);
      this.textBytes += text.length * 2;
    }
    return id;
  }

  get(id: number): string {
    return this.strings[id] ?? '';
  }

  get size(): number {
    return this.strings.length;
  }

  /** Approximate heap cost: the text, plus a map entry and an array slot per string. */
  get byteLength(): number {
    return this.textBytes + this.strings.length * 64;
  }
}
