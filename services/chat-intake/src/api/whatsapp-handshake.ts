import type { Router } from 'express';
import type { ChatPlatform } from '../platforms/chat-platform';

/** GET /webhooks/whatsapp — Meta's subscription check: echo hub.challenge when hub.verify_token matches. */
export function whatsappHandshake(router: Router, platform: ChatPlatform): void {
  const handshake = platform.handshake?.bind(platform);
  if (!handshake) return;
  router.get(`/webhooks/${platform.name}`, (req, res) => {
    res
      .status(200)
      .type('text/plain')
      .send(handshake(req.query as Record<string, unknown>));
  });
}
