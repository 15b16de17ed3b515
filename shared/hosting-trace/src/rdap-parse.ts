/** What the trace keeps of an RDAP network or autnum object (RFC 9083). */
export interface RdapContact {
  abuseEmail: string | null;
  name: string | null;
  handle: string | null;
  country: string | null;
  /** A CIDR (cidr0 extension) or "start - end". */
  network: string | null;
  rangeStart: string | null;
  rangeEnd: string | null;
}

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** The e-mail of a jCard (`["vcard", [["email", {}, "text", "abuse@x"], …]]`). */
function vcardEmail(entity: Json): string | null {
  const card = entity.vcardArray;
  if (!Array.isArray(card) || !Array.isArray(card[1])) return null;
  for (const prop of card[1] as unknown[]) {
    if (Array.isArray(prop) && prop[0] === 'email') {
      const value = str(prop[3])?.replace(/^mailto:/i, '');
      if (value && EMAIL.test(value)) return value.toLowerCase();
    }
  }
  return null;
}

/** The first entity with role `abuse` and an e-mail, searched breadth-first through nested entities. */
export function abuseEmailOf(object: Json): string | null {
  let level = Array.isArray(object.entities) ? (object.entities as Json[]) : [];
  for (let depth = 0; depth < 5 && level.length > 0; depth++) {
    for (const entity of level) {
      const roles = Array.isArray(entity?.roles) ? (entity.roles as unknown[]) : [];
      if (roles.includes('abuse')) {
        const email = vcardEmail(entity);
        if (email) return email;
      }
    }
    level = level.flatMap((e) => (e && Array.isArray(e.entities) ? (e.entities as Json[]) : []));
  }
  return null;
}

function cidrOf(object: Json): string | null {
  const cidrs = Array.isArray(object.cidr0_cidrs) ? (object.cidr0_cidrs as Json[]) : [];
  const first = cidrs[0];
  if (!first) return null;
  const prefix = str(first.v4prefix) ?? str(first.v6prefix);
  return prefix && typeof first.length === 'number' ? `${prefix}/${first.length}` : null;
}

export function parseRdapObject(object: Json): RdapContact {
  const start = str(object.startAddress);
  const end = str(object.endAddress);
  const country = str(object.country)?.toUpperCase() ?? null;
  return {
    abuseEmail: abuseEmailOf(object),
    name: str(object.name),
    handle: str(object.handle),
    country: country && /^[A-Z]{2}$/.test(country) ? country : null,
    network: cidrOf(object) ?? (start && end ? `${start} - ${end}` : null),
    rangeStart: start,
    rangeEnd: end,
  };
}
