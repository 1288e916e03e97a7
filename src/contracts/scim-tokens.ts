// SCIM tokens over HTTP: what HR sees of the bearer tokens its identity provider provisions the directory with.
import { z } from 'zod';
import { shortText, uuid } from './common.ts';

export const scimTokenSchema = z.object({
  id: uuid,
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export const scimTokenCreatedSchema = scimTokenSchema.extend({
  token: z.string().describe('The bearer token for the identity provider: shown this once, never again'),
  baseUrl: z.string().describe('The SCIM base URL to enter in the identity provider'),
});

export const scimTokenCreateBody = z.object({ name: shortText(100) }).strict();
