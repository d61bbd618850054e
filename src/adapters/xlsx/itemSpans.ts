/**
 * Where each shared string's text lies in the table's text (sharedStringsScanner.ts), in about a
 * byte an item rather than the four of an offset: twenty million items then cost 20 MB, not 80.
 * An item's length is a byte (255: longer, its length kept apart, in order); each group of 256
 * items keeps where its first item starts, so that a group's items are found from their lengths
 * alone. Items are read a group at a time (sharedStrings.ts decodes a group's text at once).
 */

export const GROUP_SHIFT = 8;
export const GROUP_ITEMS = 1 << GROUP_SHIFT;

/** Lengths are kept in arrays of this many, each allocated whole: nothing is copied to grow. */
const ARRAY_SHIFT = 16;
const ARRAY_ITEMS = 1 << ARRAY_SHIFT;
const LONG = 255;

export class ItemSpans {
  length = 0;
  private readonly lengths: Uint8Array[] = [];
  /** Per group: where its first item starts in the text. */
  private groupStarts = new Int32Array(64);
  /** Per group: how many long items came before it, the index of its first in `longLengths`. */
  private groupLongs = new Int32Array(64);
  private longLengths = new Int32Array(16);
  private longCount = 0;
  /** Where the last item added ends. */
  private end = 0;

  /** The next item, which ends at `end` in the text (and starts where the one before it ended). */
  add(end: number): void {
    const index = this.length;
    const slot = index & (ARRAY_ITEMS - 1);
    if (slot === 0) this.lengths.push(new Uint8Array(ARRAY_ITEMS));
    if ((index & (GROUP_ITEMS - 1)) === 0) {
      const group = index >>> GROUP_SHIFT;
      if (group === this.groupStarts.length) {
        this.groupStarts = grown(this.groupStarts);
        this.groupLongs = grown(this.groupLongs);
      }
      this.groupStarts[group] = this.end;
      this.groupLongs[group] = this.longCount;
    }
    const length = end - this.end;
    if (length >= LONG) {
      if (this.longCount === this.longLengths.length) this.longLengths = grown(this.longLengths);
      this.longLengths[this.longCount++] = length;
    }
    this.lengths[this.lengths.length - 1][slot] = Math.min(length, LONG);
    this.end = end;
    this.length++;
  }

  /**
   * The bounds of group `group`'s items in the text: bounds[0] where the first starts, bounds[k + 1]
   * where item k of the group ends (`bounds` has GROUP_ITEMS + 1 entries). Returns how many items
   * the group has.
   */
  group(group: number, bounds: Int32Array): number {
    const first = group << GROUP_SHIFT;
    const count = Math.min(GROUP_ITEMS, this.length - first);
    // A group lies in one array of lengths: GROUP_ITEMS divides ARRAY_ITEMS.
    const lengths = this.lengths[first >>> ARRAY_SHIFT];
    const offset = first & (ARRAY_ITEMS - 1);
    let long = this.groupLongs[group];
    let at = this.groupStarts[group];
    bounds[0] = at;
    for (let k = 0; k < count; k++) {
      const length = lengths[offset + k];
      at += length === LONG ? this.longLengths[long++] : length;
      bounds[k + 1] = at;
    }
    return count;
  }

  /** The bytes these spans take. */
  get byteLength(): number {
    return this.lengths.length * ARRAY_ITEMS + (this.groupStarts.length + this.groupLongs.length + this.longLengths.length) * 4;
  }
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
