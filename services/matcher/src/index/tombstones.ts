/** Disabled-id flags (1 byte per id: a bitset would save 9 MB at 10M but cost a shift on every match). */
export class Tombstones {
  flags: Uint8Array;
  private disabled = 0;

  constructor(capacity: number) {
    this.flags = new Uint8Array(Math.max(16, capacity));
  }

  /** Makes ids < n addressable (amortised doubling). */
  ensure(n: number): void {
    if (n <= this.flags.length) return;
    const next = new Uint8Array(Math.max(n, this.flags.length * 2));
    next.set(this.flags);
    this.flags = next;
  }

  get disabledCount(): number {
    return this.disabled;
  }

  isDisabled(id: number): boolean {
    return this.flags[id] === 1;
  }

  /** Returns true when the flag changed. */
  set(id: number, disabled: boolean): boolean {
    const v = disabled ? 1 : 0;
    if (this.flags[id] === v) return false;
    this.flags[id] = v;
    this.disabled += disabled ? 1 : -1;
    return true;
  }
}

/** Throws unless id is an assigned id (integer in [0, size)). */
export function assertId(id: number, size: number): void {
  if (!Number.isInteger(id) || id < 0 || id >= size) throw new RangeError(`unknown id ${id} (ids are 0..${size - 1})`);
}
