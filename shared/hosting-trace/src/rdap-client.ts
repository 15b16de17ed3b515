/** Bigger answers are not RDAP objects we want: a network with its entities is a few tens of KB. */
export const RDAP_MAX_BYTES = 1024 * 1024;

export class RdapLookupError extends Error {}

/** GET one RDAP object (RFC 9082) within the time limit and size cap; any failure is an RdapLookupError. */
export async function fetchRdap(url: string, timeoutMs: number): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/rdap+json, application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const why = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `connection failed (${(err as Error).message})`;
    throw new RdapLookupError(why);
  }
  if (res.status === 404) {
    await res.body?.cancel();
    throw new RdapLookupError('the registry has no such object (404)');
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new RdapLookupError(`the registry answered ${res.status}`);
  }
  const body = await readCapped(res, timeoutMs);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new RdapLookupError('the answer is not JSON');
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new RdapLookupError('the answer is not an RDAP object');
  return json as Record<string, unknown>;
}

async function readCapped(res: Response, timeoutMs: number): Promise<string> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > RDAP_MAX_BYTES) {
        await res.body.cancel().catch(() => {});
        throw new RdapLookupError(`the answer exceeds ${RDAP_MAX_BYTES} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof RdapLookupError) throw err;
    throw new RdapLookupError((err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'the answer broke off');
  }
  return Buffer.concat(chunks).toString('utf8');
}
