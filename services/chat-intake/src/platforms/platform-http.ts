import { ChatSendError, MediaRefusedError, PlatformUnavailableError } from '../errors';

export interface PlatformHttpOptions {
  platform: string;
  timeoutMs: number;
  maxMediaBytes: number;
}

/** Calls to one platform's API, bounded in time; errors name the platform and the status, never a token or a chat. */
export class PlatformHttp {
  constructor(readonly opts: PlatformHttpOptions) {}

  private async call(url: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: init.redirect ?? 'error', signal: AbortSignal.any([signal, AbortSignal.timeout(this.opts.timeoutMs)]) });
    } catch (err) {
      // The cause of a fetch failure can echo the URL, and a Telegram URL holds the bot token.
      throw new PlatformUnavailableError(this.opts.platform, (err as { name?: string }).name === 'TimeoutError' ? 'timed out' : 'unreachable');
    }
  }

  /** A JSON API call for a download step: 4xx refuses the media for good, 5xx and 429 are retried. */
  async lookup<T>(url: string, init: RequestInit, signal: AbortSignal): Promise<T> {
    const res = await this.call(url, init, signal);
    if (res.status === 429 || res.status >= 500) throw new PlatformUnavailableError(this.opts.platform, `HTTP ${res.status}`);
    if (!res.ok) throw new MediaRefusedError(this.opts.platform, `HTTP ${res.status}`);
    try {
      return (await res.json()) as T;
    } catch {
      // Not the parser's message: it quotes the platform's answer, which has no business in our logs or jobs.last_error.
      throw new PlatformUnavailableError(this.opts.platform, 'unreadable answer');
    }
  }

  /** The bytes, stopped as soon as they pass CHAT_MAX_MEDIA_BYTES. */
  async download(url: string, init: RequestInit, signal: AbortSignal): Promise<Buffer> {
    const res = await this.call(url, { ...init, redirect: init.redirect ?? 'follow' }, signal);
    if (res.status === 429 || res.status >= 500) throw new PlatformUnavailableError(this.opts.platform, `HTTP ${res.status}`);
    if (!res.ok || !res.body) throw new MediaRefusedError(this.opts.platform, `HTTP ${res.status}`);
    const declared = Number(res.headers.get('content-length'));
    if (declared > this.opts.maxMediaBytes) {
      await res.body.cancel();
      throw new MediaRefusedError(this.opts.platform, `larger than ${this.opts.maxMediaBytes} bytes`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > this.opts.maxMediaBytes) throw new MediaRefusedError(this.opts.platform, `larger than ${this.opts.maxMediaBytes} bytes`);
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }

  /** Sends a message: any answer but 2xx is a ChatSendError with the platform's retry-after when it gave one. */
  async send(url: string, init: RequestInit, signal: AbortSignal, retryAfterOf?: (body: unknown) => number | undefined): Promise<unknown> {
    let res: Response;
    try {
      res = await this.call(url, init, signal);
    } catch {
      throw new ChatSendError(this.opts.platform, 0);
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const header = Number(res.headers.get('retry-after'));
      throw new ChatSendError(this.opts.platform, res.status, retryAfterOf?.(body) ?? (header > 0 ? header : undefined));
    }
    return body;
  }
}
