/**
 * Which strings have been seen, and at what position each was first seen: a hash table in typed
 * arrays. It does the job of a `Map<string, number>` for the duplicate-id check, which meets every
 * event once, at half the cost for a million ids: the table is two flat arrays of numbers, where a
 * Map of a million entries is a large structure the collector keeps walking, and it grows by
 * rehashing numbers, not entries. The strings themselves are kept by reference (the events hold
 * them anyway).
 */
export class FirstSeen {
  /** Open addressing: 0 is an empty slot, k + 1 the k-th string. Its size is a power of two, at least twice the count. */
  private slots = new Int32Array(1024);
  private hashes = new Int32Array(512);
  private readonly keys: string[] = [];

  /** How many distinct strings it holds. */
  get size(): number {
    return this.keys.length;
  }

  /**
   * The position at which `s` was first seen (0, 1, 2 … in order of first sight), or -1 when this is
   * its first sight, which it records under the next position.
   */
  see(s: string): number {
    const h = hashOf(s);
    const mask = this.slots.length - 1;
    let at = h & mask;
    for (let slot = this.slots[at]!; slot !== 0; slot = this.slots[at]!) {
      if (this.hashes[slot - 1] === h && this.keys[slot - 1] === s) return slot - 1;
      at = (at + 1) & mask;
    }
    const k = this.keys.length;
    if (k === this.hashes.length) {
      const wider = new Int32Array(k * 2);
      wider.set(this.hashes);
      this.hashes = wider;
    }
    this.hashes[k] = h;
    this.keys.push(s);
    this.slots[at] = k + 1;
    if ((k + 1) * 2 > this.slots.length) this.rehash();
    return -1;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let k = 0; k < this.keys.length; k++) {
      let at = this.hashes[k]! & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = k + 1;
    }
    this.slots = slots;
  }
}

/** FNV-1a over the UTF-16 code units, with a final mix so that ids differing only at the end spread over the table. */
function hashOf(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}
