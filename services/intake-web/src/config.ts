import { blankToUndefined, configFields, contentKeySecret, type ConfigOf, type SecretsOf, type ServiceContext } from '@hotline/platform';
import { z } from 'zod';

const { port, positiveInt, int, bool, optionalUrl } = configFields;

export const intakeConfig = {
  INTAKE_HOST: z.string().default('127.0.0.1'),
  INTAKE_PORT: port.default(8080),
  INTAKE_MAX_UPLOAD_BYTES: positiveInt.default(10 * 1024 * 1024),
  INTAKE_MAX_UPLOAD_FILES: positiveInt.default(5),
  INTAKE_RATE_LIMIT_PER_MINUTE: int(0).default(30),
  /** IPv6 clients are counted per prefix of this length: one customer usually holds a /56 or /48, not one address. */
  INTAKE_RATE_LIMIT_IPV6_PREFIX: int(16, 128).default(56),
  /** Status-page lookups (right or wrong) per client per minute: what bounds guessing a pick-up code. */
  INTAKE_STATUS_RATE_LIMIT_PER_MINUTE: int(0).default(10),
  /** Number of reverse-proxy hops to trust for the client address used (in memory only) by the rate limiter. */
  INTAKE_TRUST_PROXY: int(0, 10).default(0),
  /** The intake's public address; its origin is the only one whose form POSTs are accepted. Unset → the request's Host. */
  INTAKE_PUBLIC_URL: optionalUrl,
  /** Image uploads on the public form. Off: in most countries a reporter who copies the material breaks the law. */
  INTAKE_UPLOADS_ENABLED: bool.default(false),
  INTAKE_MAX_CONCURRENT_UPLOADS: positiveInt.default(4),
  /** A multipart body not complete by then gets 408, so slow clients cannot hold every upload slot. */
  INTAKE_BODY_TIMEOUT_MS: positiveInt.default(30000),
  /** Who runs this hotline, as the form and the privacy page name it. */
  HOTLINE_NAME: z.preprocess(blankToUndefined, z.string().trim().optional()),
  /** The hotline's privacy statement; unset → the intake's own /privacy page (what this software keeps). */
  HOTLINE_PRIVACY_URL: optionalUrl,
};

export type IntakeConfig = ConfigOf<typeof intakeConfig>;

/** It seals uploaded images (when uploads are on). */
export const intakeSecrets = { contentKey: contentKeySecret };

export type IntakeContext = ServiceContext<IntakeConfig, SecretsOf<typeof intakeSecrets>>;
