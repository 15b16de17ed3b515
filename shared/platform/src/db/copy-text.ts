/**
 * Reads PostgreSQL's COPY text format straight from the bytes the server sends, for bulk readers
 * (the matcher's start-up load of millions of rows): no string per line, no array per row. Each
 * row is handed over as field boundaries in one buffer, valid only during the callback.
 */
export class CopyTextRow {
  buf: Buffer = Buffer.alloc(0);
  readonly start: number[] = [];
  readonly end: number[] = [];
  count = 0;

  isNull(i: number): boolean {
    const s = this.start[i]!;
    return this.end[i]! - s === 2 && this.buf[s] === 0x5c && this.buf[s + 1] === 0x4e; // \N
  }

  /** A non-negative integer field (ids, counts); NaN when the field is not one. */
  int(i: number): number {
    let v = 0;
    const e = this.end[i]!;
    let s = this.start[i]!;
    if (s === e) return NaN;
    for (; s < e; s++) {
      const d = this.buf[s]! - 0x30;
      if (d < 0 || d > 9) return NaN;
      v = v * 10 + d;
    }
    return v;
  }

  /** A text field, backslash escapes undone; null for \N. */
  text(i: number): string | null {
    if (this.isNull(i)) return null;
    const raw = this.buf.toString('utf8', this.start[i], this.end[i]);
    return raw.includes('\\') ? unescapeCopy(raw) : raw;
  }
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

export function unescapeCopy(v: string): string {
  return v.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
}

const TAB = 0x09;
const NEWLINE = 0x0a;

export class CopyTextReader {
  private readonly row = new CopyTextRow();
  private rest: Buffer | null = null;

  constructor(private readonly onRow: (row: CopyTextRow) => void) {}

  /** Feeds the next chunk; rows may span chunks. */
  feed(chunk: Buffer): void {
    let from = 0;
    if (this.rest) {
      // Only the broken row is copied: the remainder plus the chunk up to its first newline.
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) {
        this.rest = Buffer.concat([this.rest, chunk]);
        return;
      }
      const line = Buffer.concat([this.rest, chunk.subarray(0, nl + 1)]);
      this.rest = null;
      this.scan(line, 0);
      from = nl + 1;
    }
    const done = this.scan(chunk, from);
    if (done < chunk.length) this.rest = Buffer.from(chunk.subarray(done));
  }

  /** Call after the last chunk: a stream must end with a newline. */
  end(): void {
    if (this.rest && this.rest.length > 0) throw new Error('COPY data ended inside a row');
  }

  /** Emits every complete row from `from`; returns where the first incomplete one starts. */
  private scan(buf: Buffer, from: number): number {
    const row = this.row;
    row.buf = buf;
    let fieldStart = from;
    let rowStart = from;
    let n = 0;
    for (let i = from; i < buf.length; i++) {
      const c = buf[i];
      if (c === TAB) {
        row.start[n] = fieldStart;
        row.end[n++] = i;
        fieldStart = i + 1;
      } else if (c === NEWLINE) {
        row.start[n] = fieldStart;
        row.end[n++] = i;
        row.count = n;
        this.onRow(row);
        n = 0;
        fieldStart = rowStart = i + 1;
      }
    }
    return rowStart;
  }
}
