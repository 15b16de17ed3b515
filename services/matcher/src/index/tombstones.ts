/**
 * Disabled ids as a bitset (1.25 MB at 10M ids; every byte counts under the 1 GB budget).
 * Searches test a bit only for hashes already verified within the radius, so the shift is free.
 */
export class Tombstones {
  /** Bit (id & 7) of byte (id >>> 3) is set when id is disabled. */
  bits: Uint8Array;
  private disabled = 0;

  constructor(capacity: number) {
    this.bits = new Uint8Array(Math.max(16, Math.ceil(capacity / 8)));
  }

  /** Makes ids < n addressable (amortised doubling). */
  ensure(n: number): void {
    const bytes = Math.ceil(n / 8);
    if (bytes <= this.bits.length) return;
    const next = new Uint8Array(Math.max(bytes, this.bits.length * 2));
    next.set(this.bits);
    this.bits = next;
  }

  get disabledCount(): number {
    return this.disabled;
  }

  isDisabled(id: number): boolean {
    return isDead(this.bits, id);
  }

  /** Returns true when the flag changed. */
  set(id: number, disabled: boolean): boolean {
    if (this.isDisabled(id) === disabled) return false;
    this.bits[id >>> 3] = this.bits[id >>> 3]! ^ (1 << (id & 7));
    this.disabled += disabled ? 1 : -1;
    return true;
  }
}

/** Whether id is flagged in a Tombstones bitset. */
export function isDead(bits: Uint8Array, id: number): boolean {
  return ((bits[id >>> 3]! >>> (id & 7)) & 1) !== 0;
}

/** Throws unless id is an assigned id (integer in [0, size)). */
export function assertId(id: number, size: number): void {
  if (!Number.isInteger(id) || id < 0 || id >= size) throw new RangeError(`unknown id ${id} (ids are 0..${size - 1})`);
}

/**
 * Ids 0..size-1 with their enabled flags: the bookkeeping every index here shares (the Hamming
 * index, the exact hash table, the brute-force oracle). Subclasses assign ids by raising `count`
 * and calling `dead.ensure`.
 */
export abstract class TombstonedIds {
  protected count: number;
  protected readonly dead: Tombstones;

  protected constructor(count: number, capacity = count) {
    this.count = count;
    this.dead = new Tombstones(capacity);
  }

  /** Number of ids assigned (enabled + disabled); the next add() returns this value. */
  get size(): number {
    return this.count;
  }

  /** Number of enabled hashes. */
  get activeSize(): number {
    return this.count - this.dead.disabledCount;
  }

  /** Excludes id from results (idempotent). */
  disable(id: number): void {
    assertId(id, this.count);
    this.dead.set(id, true);
  }

  /** Re-includes a disabled id (idempotent). */
  enable(id: number): void {
    assertId(id, this.count);
    this.dead.set(id, false);
  }

  isEnabled(id: number): boolean {
    assertId(id, this.count);
    return !this.dead.isDisabled(id);
  }
}
