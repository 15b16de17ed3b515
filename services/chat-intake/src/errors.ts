import { HotlineError } from '@hotline/platform';

/** A platform refused or failed to deliver our message. Says only the platform and its status: never the chat. */
export class ChatSendError extends HotlineError {
  constructor(
    readonly platform: string,
    readonly httpStatus: number,
    readonly retryAfterSeconds?: number,
  ) {
    super('chat_send_failed', `${platform} did not deliver the message (HTTP ${httpStatus})`, { status: 502, retriable: true });
  }
}

/** A media reference that will not download whatever we do (gone, too large, refused): dropped from the report. */
export class MediaRefusedError extends HotlineError {
  constructor(platform: string, reason: string) {
    super('media_refused', `${platform} media not taken: ${reason}`, { status: 422 });
  }
}

/** A platform call that may work later (timeout, 5xx, 429): the job tries again. */
export class PlatformUnavailableError extends HotlineError {
  constructor(platform: string, reason: string) {
    super('platform_unavailable', `${platform} API unavailable: ${reason}`, { status: 502, retriable: true });
  }
}

export class WebhookSignatureError extends HotlineError {
  constructor(reason: string) {
    super('webhook_unauthorized', `The delivery was refused: ${reason}.`, { status: 401 });
  }
}
