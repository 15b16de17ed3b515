import fs from 'node:fs';
import { Reader, type Response } from 'mmdb-lib';

interface CountryRecord {
  country_code?: string;
}

// One file for IPv4 and IPv6 (geo-whois-asn-country: RIR whois data refined by geolocation, CC0), read once.
let reader: Reader<Response> | undefined;

function countryReader(): Reader<Response> {
  reader ??= new Reader<Response>(fs.readFileSync(require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb')));
  return reader;
}

/** The ISO 3166 alpha-2 country of an IP address from the shipped database, or null (private, unknown). */
export function countryOfIp(ip: string): string | null {
  // The file's records are `{ country_code }`, not MaxMind's nested shape the reader's types describe.
  const code = (countryReader().get(ip) as CountryRecord | null)?.country_code;
  return code && /^[A-Z]{2}$/.test(code) ? code : null;
}

/** When the shipped country database was built (ISO). */
export function countryDatabaseBuiltAt(): string {
  return countryReader().metadata.buildEpoch.toISOString();
}
