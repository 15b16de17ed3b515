import { newId, scheduleJob } from '@hotline/platform';
import { deliveryDigest, reporterIdentitySchema, storeIdentity } from '@hotline/identity-vault';
import { insertInbox, linkDelivery, recordDelivery } from './chat-store';
import type { ChatIntakeContext } from './config';
import { DEADLINE_JOB, PROCESS_JOB } from './job-names';
import type { ChatPlatform, InboundMessage } from './platforms/chat-platform';

export interface Accepted {
  accepted: number;
  duplicates: number;
  ignored: number;
}

/**
 * One transaction for a whole delivery: per new message, its redelivery digest, its sealed identity with the
 * deadline that destroys it, the inbox row and the job that will make a report of it. Once this commits the
 * webhook answers 200; nothing after it can make the platform send again.
 */
export async function acceptMessages(ctx: ChatIntakeContext, platform: ChatPlatform, messages: InboundMessage[]): Promise<Accepted> {
  const now = ctx.clock.now();
  const out: Accepted = { accepted: 0, duplicates: 0, ignored: 0 };
  const keys = ctx.secrets;
  await ctx.db.transaction(async (tx) => {
    for (const m of messages) {
      if (m.mediaRefs.length === 0 && m.urls.length === 0) {
        out.ignored++;
        continue;
      }
      // Only a sender we can read back is sealed: an identity the vault could not open later would get no
      // acknowledgement or feedback and wait for its deadline. The platform's data is typed by a cast, not checked.
      const sender = reporterIdentitySchema.safeParse({ ...m.chat, ...(m.language ? { language: m.language } : {}) });
      if (!sender.success) {
        ctx.logger.warn({ component: 'chat-intake', platform: platform.name }, 'a message whose sender the platform did not describe as expected was ignored');
        out.ignored++;
        continue;
      }
      const digest = deliveryDigest(keys.identityIndexKey, platform.name, m.messageId);
      if (!(await recordDelivery(tx, digest, platform.name, now))) {
        out.duplicates++;
        continue;
      }
      const identityId = await storeIdentity(tx, keys, sender.data, now);
      await linkDelivery(tx, digest, identityId);
      await scheduleJob(tx, { name: DEADLINE_JOB, key: identityId, runAt: new Date(now.getTime() + ctx.cfg.IDENTITY_MAX_HOURS * 3_600_000) });
      const id = newId();
      // A media group's id is the platform's; keyed like a delivery so the jobs table holds nothing of it.
      const groupKey = m.mediaGroupId
        ? `${platform.name}:group:${deliveryDigest(keys.identityIndexKey, platform.name, `group:${m.mediaGroupId}`).toString('hex')}`
        : `${platform.name}:message:${id}`;
      await insertInbox(tx, {
        id,
        platform: platform.name,
        groupKey,
        identityId,
        payload: { mediaRefs: m.mediaRefs, urls: m.urls },
        receivedAt: now.toISOString(),
      });
      const wait = m.mediaGroupId ? ctx.cfg.CHAT_MEDIA_GROUP_WINDOW_MS : 0;
      await scheduleJob(tx, { name: PROCESS_JOB, key: id, runAt: new Date(now.getTime() + wait), payload: { groupKey } });
      out.accepted++;
    }
  });
  if (out.accepted > 0) ctx.jobs.kick();
  ctx.logger.info({ component: 'chat-intake', platform: platform.name, ...out }, 'chat delivery stored');
  return out;
}
