// The organisation's Slack app (bot token, stored and never returned) and Teams Workflows webhook URL.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { chatSettingsBody } from '../../contracts/integrations.ts';
import { chatConnections } from '../../db/schema/index.ts';
import { invalidField } from '../../domain/errors.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { requireHrAdmin } from '../organization/hr-admin.ts';
import { requireOutboundUrl } from './outbound-url.ts';

export async function getChatSettings(ctx: ServiceContext) {
  requireHrAdmin(ctx);
  const [row] = await ctx.deps.database.db
    .select()
    .from(chatConnections)
    .where(eq(chatConnections.orgId, ctx.actor.orgId));
  return { isSlackConnected: Boolean(row?.slackBotToken), teamsWebhookUrl: row?.teamsWebhookUrl ?? null };
}

export async function updateChatSettings(ctx: ServiceContext, input: z.infer<typeof chatSettingsBody>) {
  requireHrAdmin(ctx);
  if (input.slackBotToken === undefined && input.teamsWebhookUrl === undefined)
    throw invalidField('body', 'send slackBotToken or teamsWebhookUrl');
  if (input.teamsWebhookUrl)
    await requireOutboundUrl(ctx.deps.config, input.teamsWebhookUrl, 'body/teamsWebhookUrl');
  const set = {
    ...(input.slackBotToken !== undefined ? { slackBotToken: input.slackBotToken } : {}),
    ...(input.teamsWebhookUrl !== undefined ? { teamsWebhookUrl: input.teamsWebhookUrl } : {}),
    updatedAt: ctx.deps.now().toISOString(),
  };
  await inTransaction(ctx.deps, async (tx) => {
    await tx
      .insert(chatConnections)
      .values({ orgId: ctx.actor.orgId, ...set })
      .onConflictDoUpdate({ target: chatConnections.orgId, set });
    await appendActorEvent(tx, ctx, {
      action: 'organization.chat_updated',
      entityType: 'organization',
      entityId: ctx.actor.orgId,
      // Whether each is connected, never the token or the URL.
      digest: {
        ...(input.slackBotToken !== undefined ? { isSlackConnected: Boolean(input.slackBotToken) } : {}),
        ...(input.teamsWebhookUrl !== undefined ? { isTeamsConnected: Boolean(input.teamsWebhookUrl) } : {}),
      },
    });
  });
  return getChatSettings(ctx);
}
