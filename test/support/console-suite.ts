import { consoleOrigin, ensureConsoleBuilt, launchConsoleBrowser, unexpectedProblems, type ConsoleBrowser } from './browser';
import { startEmbedded, stopEmbedded, type LogCapture, type RunningPipeline } from './pipeline';
import type { TestDb } from './test-db';

type EmbeddedOptions = NonNullable<Parameters<typeof startEmbedded>[1]>;
export type EmbeddedRun = { testDb: TestDb; pipeline: RunningPipeline };

/** A first login answers 409 (the one-time password must be changed): part of the flow, not a problem. */
export const FIRST_LOGIN_409 = /status of 409 .*\/api\/session\)$/;

export interface ConsoleSuite {
  readonly b: ConsoleBrowser;
  readonly origin: string;
  readonly running: EmbeddedRun;
}

/**
 * What every console test in Chromium sets up: the console built, the embedded pipeline (`embedded`: its services and
 * settings), `prepare` (users, seeded cases, reports) once it runs, a fresh Chromium, and, after each test, no console
 * error, page error or CSP violation but the `allowed` ones (by default the first login's 409). Call it inside a
 * describe; read the suite's fields in the tests (they are set once its beforeAll has run).
 */
export function consoleInChromium(
  logs: LogCapture,
  setup: {
    embedded: () => EmbeddedOptions | Promise<EmbeddedOptions>;
    prepare?: (running: EmbeddedRun, origin: string) => Promise<void>;
    cleanup?: () => Promise<void>;
    allowed?: RegExp[];
    timeoutMs?: number;
  },
): ConsoleSuite {
  let running: EmbeddedRun | undefined;
  let b: ConsoleBrowser | undefined;
  let origin = '';
  beforeAll(async () => {
    ensureConsoleBuilt();
    running = await startEmbedded(logs, await setup.embedded());
    origin = consoleOrigin(running.pipeline.reviewUrl);
    await setup.prepare?.(running, origin);
    b = await launchConsoleBrowser();
  }, setup.timeoutMs ?? 60_000);

  afterAll(async () => {
    await b?.close();
    await stopEmbedded(running ?? {});
    await setup.cleanup?.();
  });

  afterEach(() => {
    const allowed = setup.allowed ?? [FIRST_LOGIN_409];
    expect(unexpectedProblems(b!.problems).filter((p) => !allowed.some((re) => re.test(p)))).toEqual([]);
    b!.problems.length = 0;
  });

  return {
    get b() {
      return b!;
    },
    get origin() {
      return origin;
    },
    get running() {
      return running!;
    },
  };
}
