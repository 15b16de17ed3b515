export { checkAddress, type AddressVerdict } from './address-policy';
export { vetTarget, type LookupFn, type VetOptions, type VettedTarget } from './ssrf-guard';
export { safeFetch, type SafeFetchOptions, type FetchedResource } from './safe-fetch';
export { extractImageUrls } from './extract-images';
