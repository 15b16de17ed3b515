export { checkAddress, type AddressVerdict } from './address-policy';
export { vetTarget, type LookupFn, type VetOptions, type VettedTarget } from './ssrf-guard';
export { MAX_URL_LENGTH, safeFetch, type SafeFetchOptions, type FetchedResource } from './safe-fetch';
export { extractImageUrls } from './extract-images';
export { safeFetchConfig, safeFetchOptions, safeFetchWarnings, type SafeFetchConfig } from './config';
