import fs from 'node:fs';
import { isIPv4 } from 'node:net';
import { ipv4ToNumber, ipv6ToBigInt } from './ip-match';

export interface AsnInfo {
  asn: number;
  name: string | null;
}

/**
 * Sorted, non-overlapping ranges of one address family, each with an AS number and an index into `names`.
 * Typed arrays keep the 400 000 IPv4 rows at a few MB and the lookup a binary search.
 */
interface RangeTable<N> {
  starts: ArrayLike<N>;
  ends: ArrayLike<N>;
  asns: Uint32Array;
  nameIds: Uint32Array;
  names: string[];
}

let v4: RangeTable<number> | undefined;
let v6: RangeTable<bigint> | undefined;

function csvPath(file: string): string {
  return require.resolve(`@ip-location-db/asn/${file}`);
}

/** Rows `start,end,asn,name` (the name quoted when it holds a comma), as the package ships them. */
function* rows(file: string): Generator<[string, string, number, string]> {
  const text = fs.readFileSync(csvPath(file), 'utf8');
  let pos = 0;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.slice(pos, eol).replace(/\r$/, '');
    pos = eol + 1;
    const c1 = line.indexOf(',');
    const c2 = line.indexOf(',', c1 + 1);
    const c3 = line.indexOf(',', c2 + 1);
    if (c1 < 0 || c2 < 0 || c3 < 0) continue;
    let name = line.slice(c3 + 1);
    if (name.startsWith('"')) name = name.slice(1, name.endsWith('"') ? -1 : undefined).replace(/""/g, '"');
    yield [line.slice(0, c1), line.slice(c1 + 1, c2), Number(line.slice(c2 + 1, c3)), name];
  }
}

function build<N>(file: string, parse: (s: string) => N, makeArray: (n: number) => { [i: number]: N; length: number }): RangeTable<N> {
  const all = [...rows(file)];
  const starts = makeArray(all.length);
  const ends = makeArray(all.length);
  const asns = new Uint32Array(all.length);
  const nameIds = new Uint32Array(all.length);
  const names: string[] = [];
  const ids = new Map<string, number>();
  all.forEach(([s, e, asn, name], i) => {
    starts[i] = parse(s);
    ends[i] = parse(e);
    asns[i] = asn;
    let id = ids.get(name);
    if (id === undefined) {
      id = names.push(name) - 1;
      ids.set(name, id);
    }
    nameIds[i] = id;
  });
  return { starts, ends, asns, nameIds, names };
}

function find<N>(table: RangeTable<N>, key: N): AsnInfo | null {
  let lo = 0;
  let hi = table.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((table.starts[mid] as N) > key) hi = mid - 1;
    else if ((table.ends[mid] as N) < key) lo = mid + 1;
    else {
      const asn = table.asns[mid] as number;
      return asn === 0 ? null : { asn, name: table.names[table.nameIds[mid] as number] || null };
    }
  }
  return null;
}

/** The AS announcing an IP address (RouteViews and the RIRs, names from DB-IP; @ip-location-db/asn), or null. */
export function asnOfIp(ip: string): AsnInfo | null {
  if (isIPv4(ip)) {
    v4 ??= build('asn-ipv4-num.csv', Number, (n) => new Uint32Array(n));
    return find(v4, ipv4ToNumber(ip));
  }
  v6 ??= build('asn-ipv6-num.csv', BigInt, (n) => new Array<bigint>(n).fill(0n));
  return find(v6, ipv6ToBigInt(ip));
}
