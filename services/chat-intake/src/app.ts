import type express from 'express';
import { buildHttpApp } from '@hotline/platform';
import { receiveWebhook } from './api/receive-webhook';
import { whatsappHandshake } from './api/whatsapp-handshake';
import type { ChatIntakeContext } from './config';
import type { ChatPlatform } from './platforms/chat-platform';

/** Only the webhooks of enabled platforms exist; any other path is the JSON 404. */
export function buildChatIntakeApp(ctx: ChatIntakeContext, platforms: Map<string, ChatPlatform>): express.Express {
  return buildHttpApp({
    ctx,
    service: 'chat-intake',
    routes: (router) => {
      for (const platform of platforms.values()) {
        whatsappHandshake(router, platform);
        receiveWebhook(router, ctx, platform);
      }
    },
  });
}
