import { configFields, contentKeySecret, type ConfigOf, type SecretsOf, type ServiceContext } from '@hotline/platform';
import { safeFetchConfig } from '@hotline/safe-fetch';

const { positiveInt, int } = configFields;

/** The fetch limits of @hotline/safe-fetch and how much of a page the fetcher takes, and how fast. */
export const fetcherConfig = {
  ...safeFetchConfig,
  FETCH_MAX_LINKED_IMAGES: int(0, 200).default(20),
  FETCH_CONCURRENCY: positiveInt.default(4),
  /** Only this many bytes of a page are searched for images: parsing stays a bounded piece of synchronous work. */
  FETCH_MAX_PARSE_BYTES: positiveInt.default(4 * 1024 * 1024),
  /** Whole reported URL, a page's linked images included; what is not fetched by then ends `failed`. */
  FETCH_PAGE_BUDGET_MS: positiveInt.default(60000),
  FETCH_LINKED_CONCURRENCY: positiveInt.default(4),
};

/** It seals what it fetches; nothing else. The fetcher parses hostile HTML: it holds no review credential. */
export const fetcherSecrets = { contentKey: contentKeySecret };

export type FetcherContext = ServiceContext<ConfigOf<typeof fetcherConfig>, SecretsOf<typeof fetcherSecrets>>;
