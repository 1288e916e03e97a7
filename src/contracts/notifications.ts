// In-app notifications over HTTP.
import { z } from 'zod';
import { uuid } from './common.ts';

export const notificationSchema = z.object({
  id: uuid,
  kind: z.string(),
  planId: uuid.nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
