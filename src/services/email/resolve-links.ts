// Turns the outbox's placeholders into the links the recipient clicks, at the moment the email is sent.
import type { Config } from '../../config.ts';
import { feedbackToken, oneTimeToken } from '../running/secret-links.ts';
import { publicUrlPlaceholder } from './templates.ts';

const feedbackPattern = /\{\{feedbackLink:([0-9a-f-]{36})\}\}/g;
const oneTimePattern = /\{\{oneTimeLink:([0-9a-f-]{36})\}\}/g;

export function resolveLinks(content: string, config: Pick<Config, 'publicUrl' | 'secret'>): string {
  return (
    content
      .replace(
        feedbackPattern,
        (_m, id: string) => `${config.publicUrl}/feedback/${feedbackToken(config.secret, id)}`,
      )
      // The token travels in the fragment: browsers never send it to the server, so no request log records it.
      .replace(
        oneTimePattern,
        (_m, id: string) => `${config.publicUrl}/set-password#token=${oneTimeToken(config.secret, id)}`,
      )
      .replaceAll(publicUrlPlaceholder, config.publicUrl)
  );
}
