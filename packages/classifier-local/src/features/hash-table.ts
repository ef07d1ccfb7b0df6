/**
 * @module features/hash-table
 * An open-addressing table from 32-bit feature hashes to column numbers. Lookups sit in the
 * prediction hot loop, so each slot's key, value and two spare words share one typed array (one
 * cache line per probe); the featurizer keeps a column's idf and a per-text mark in the spare words.
 */

/** Words per slot: key, value, and two free for the caller (see {@link HashTable.slotOf}). */
export const SLOT_WORDS = 4;

const EMPTY = 0;

/** Keys are stored as `hash | 0` with 0 remapped, so 0 can mark an empty slot. */
function slotKey(hash: number): number {
  const key = hash | 0;
  return key === EMPTY ? 1 : key;
}

function mix(key: number): number {
  let h = key;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

/**
 * @example
 * const table = new HashTable(16);
 * const col = table.insert(hash); // the existing or a new column
 * table.get(hash); // col, or -1
 */
export class HashTable {
  /** Slot `s` holds its key at `4s`, its value at `4s + 1`; `4s + 2` and `4s + 3` are the caller's. */
  slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * SLOT_WORDS);
    this.mask = capacity - 1;
  }

  /** The index in `slots` of `hash`'s key, or -1 (the value follows it). */
  slotOf(hash: number): number {
    const key = slotKey(hash);
    const slots = this.slots;
    const mask = this.mask;
    let slot = mix(key) & mask;
    for (;;) {
      const k = slots[slot * SLOT_WORDS] as number;
      if (k === key) return slot * SLOT_WORDS;
      if (k === EMPTY) return -1;
      slot = (slot + 1) & mask;
    }
  }

  /** The column of `hash`, or -1. */
  get(hash: number): number {
    const at = this.slotOf(hash);
    return at < 0 ? -1 : (this.slots[at + 1] as number);
  }

  /** The column of `hash`, giving it the next free column (`size`) when new. */
  insert(hash: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const key = slotKey(hash);
    const slots = this.slots;
    const mask = this.mask;
    let slot = mix(key) & mask;
    for (;;) {
      const k = slots[slot * SLOT_WORDS] as number;
      if (k === key) return slots[slot * SLOT_WORDS + 1] as number;
      if (k === EMPTY) {
        slots[slot * SLOT_WORDS] = key;
        slots[slot * SLOT_WORDS + 1] = this.size;
        return this.size++;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Sets `hash` to `value` (used when rebuilding a table from a saved model). */
  set(hash: number, value: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const key = slotKey(hash);
    let slot = mix(key) & this.mask;
    for (;;) {
      const k = this.slots[slot * SLOT_WORDS] as number;
      if (k === key) {
        this.slots[slot * SLOT_WORDS + 1] = value;
        return;
      }
      if (k === EMPTY) {
        this.slots[slot * SLOT_WORDS] = key;
        this.slots[slot * SLOT_WORDS + 1] = value;
        this.size++;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length / 4 - 1;
    for (let s = 0; s < old.length; s += 4) {
      const key = old[s] as number;
      if (key === EMPTY) continue;
      let slot = mix(key) & this.mask;
      while (this.slots[slot * SLOT_WORDS] !== EMPTY) slot = (slot + 1) & this.mask;
      this.slots[slot * SLOT_WORDS] = key;
      this.slots[slot * SLOT_WORDS + 1] = old[s + 1] as number;
    }
  }
}
