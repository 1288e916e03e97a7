// Sends one chat message: to Slack (the person found by email with users.lookupByEmail, then chat.postMessage
// with blocks) or to the Teams Workflows webhook (an Adaptive Card mentioning the person). Plan content never
// travels: what kind of event, who it is for, a link.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { chatConnections, chatMessages, users } from '../../db/schema/index.ts';
import { confidentialLine, eventLabel, openLabel } from '../../domain/notifications/event-labels.ts';
import type { Deps } from '../context.ts';
import { outboundUrlRefusal } from './outbound-url.ts';

const timeoutMs = 10_000;

export type ChatContent = { to: { email: string; locale: 'en' | 'es' }; kind: string; link: string };

/** chat.postMessage arguments: a plain-text fallback and blocks. */
export function slackMessage(channel: string, content: ChatContent) {
  const label = eventLabel(content.kind, content.to.locale);
  return {
    channel,
    text: `${label}: ${content.link}`,
    unfurl_links: false,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${label}*` } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: openLabel[content.to.locale] },
            url: content.link,
            action_id: 'open_in_mejora',
          },
        ],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: confidentialLine[content.to.locale] }] },
    ],
  };
}

/** The Workflows webhook envelope around an Adaptive Card that mentions the person by their address. */
export function teamsMessage(content: ChatContent) {
  const label = eventLabel(content.kind, content.to.locale);
  const mention = `<at>${content.to.email}</at>`;
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: `${mention}: ${label}`, wrap: true, weight: 'Bolder' },
            { type: 'TextBlock', text: confidentialLine[content.to.locale], wrap: true, isSubtle: true },
          ],
          actions: [{ type: 'Action.OpenUrl', title: openLabel[content.to.locale], url: content.link }],
          msteams: {
            entities: [
              { type: 'mention', text: mention, mentioned: { id: content.to.email, name: content.to.email } },
            ],
          },
        },
      },
    ],
  };
}

class PermanentFailure extends Error {}

async function callSlack(url: string, token: string, init: { method: 'GET' | 'POST'; body?: unknown }) {
  const response = await fetch(url, {
    method: init.method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`Slack answered ${response.status}`);
  const answer = (await response.json()) as { ok: boolean; error?: string; user?: { id: string } };
  if (!answer.ok) {
    const permanent = ['users_not_found', 'invalid_auth', 'not_authed', 'account_inactive', 'missing_scope'];
    const reason = `Slack: ${answer.error ?? 'not ok'}`;
    throw permanent.includes(answer.error ?? '') ? new PermanentFailure(reason) : new Error(reason);
  }
  return answer;
}

export async function deliverChatMessage(
  deps: Deps,
  messageId: string,
  options: { isLastAttempt: boolean },
): Promise<'sent' | 'failed' | 'already_done'> {
  const db = deps.database.db;
  const [row] = await db
    .select({ message: chatMessages, email: users.email, locale: users.locale })
    .from(chatMessages)
    .innerJoin(users, and(eq(users.id, chatMessages.toUserId), eq(users.orgId, chatMessages.orgId)))
    .where(eq(chatMessages.id, messageId));
  if (!row || !['pending', 'sending'].includes(row.message.status)) return 'already_done';
  const { message } = row;
  const [connection] = await db
    .select()
    .from(chatConnections)
    .where(eq(chatConnections.orgId, message.orgId));
  await db
    .update(chatMessages)
    .set({ status: 'sending', attempts: message.attempts + 1 })
    .where(eq(chatMessages.id, messageId));
  const content: ChatContent = {
    to: { email: row.email, locale: row.locale },
    kind: message.kind,
    link: message.planId ? `${deps.config.publicUrl}/plans/${message.planId}` : `${deps.config.publicUrl}/`,
  };
  const finish = (status: 'sent' | 'failed' | 'pending', error: string | null) =>
    db
      .update(chatMessages)
      .set({ status, lastError: error, ...(status === 'sent' ? { sentAt: deps.now().toISOString() } : {}) })
      .where(eq(chatMessages.id, messageId));
  try {
    if (message.channel === 'slack') {
      const token = connection?.slackBotToken;
      if (!token) throw new PermanentFailure('Slack is no longer connected');
      const base = deps.config.slackApiUrl;
      const found = await callSlack(
        `${base}/users.lookupByEmail?email=${encodeURIComponent(row.email)}`,
        token,
        {
          method: 'GET',
        },
      );
      await callSlack(`${base}/chat.postMessage`, token, {
        method: 'POST',
        body: slackMessage(found.user!.id, content),
      });
    } else {
      const url = connection?.teamsWebhookUrl;
      if (!url) throw new PermanentFailure('Teams is no longer connected');
      const refusal = await outboundUrlRefusal(deps.config, url);
      if (refusal) throw new PermanentFailure(`the Teams URL ${refusal}`);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(teamsMessage(content)),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel().catch(() => {});
      if (response.status < 200 || response.status >= 300)
        throw new Error(`Teams answered ${response.status}`);
    }
  } catch (error) {
    const text = String((error as Error).message ?? error).slice(0, 300);
    if (error instanceof PermanentFailure) {
      await finish('failed', text);
      return 'failed';
    }
    await finish(options.isLastAttempt ? 'failed' : 'pending', text);
    throw error;
  }
  await finish('sent', null);
  return 'sent';
}

export async function pendingChatMessages(deps: Deps, limit = 200): Promise<string[]> {
  const rows = await deps.database.db
    .select({ id: chatMessages.id })
    .from(chatMessages)
    .where(inArray(chatMessages.status, ['pending', 'sending']))
    .orderBy(asc(chatMessages.createdAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
