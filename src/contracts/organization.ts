// The organisation over HTTP: settings, default contacts, user accounts.
import { z } from 'zod';
import { wordingCategories } from '../domain/plan/wording.ts';
import { roleSchema } from './auth.ts';
import { hasControlCharacter, revisionField, uuid } from './common.ts';
import { contactBody, contactCreateBody, contactSchema } from './plans.ts';

export const wordingTermSchema = z
  .object({
    category: z.enum(wordingCategories),
    term: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100)
      .refine((s) => /[\p{L}\p{N}]/u.test(s) && !hasControlCharacter(s), {
        message: 'must hold a word and no control characters',
      }),
    suggestion: z.string().trim().max(500).optional(),
  })
  .strict();

const pairPhrase = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200)
  .refine((s) => /[\p{L}\p{N}]/u.test(s) && !hasControlCharacter(s), {
    message: 'must hold a word and no control characters',
  });

export const wordingPairSchema = z
  .object({
    first: pairPhrase,
    second: pairPhrase,
    suggestion: z.string().trim().max(500).optional(),
  })
  .strict();

export const organizationSchema = z.object({
  id: uuid,
  name: z.string(),
  timezone: z.string(),
  retentionYears: z.number().int(),
  defaultLocale: z.enum(['en', 'es']),
  minimumPlanDays: z.number().int().describe('Shortest plan, in days, the readiness check lets through'),
  appealWorkingDays: z
    .number()
    .int()
    .describe('Working days after the outcome in which the employee may appeal'),
  wordingTerms: z.array(wordingTermSchema).describe('Terms added to the wording check’s lists'),
  wordingPairs: z
    .array(wordingPairSchema)
    .describe('Pairs of contradictory demands added to the wording check’s lists'),
  revision: revisionField,
  /** Printed in the header of the organisation's documents; null until HR uploads one. */
  logo: z
    .object({
      contentType: z.enum(['image/png', 'image/jpeg']),
      width: z.number().int(),
      height: z.number().int(),
      bytes: z.number().int(),
      url: z.string(),
      updatedAt: z.string(),
    })
    .nullable(),
});

/** Largest logo accepted, in bytes. */
export const maxLogoBytes = 512 * 1024;

export const organizationUpdateBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    timezone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/Madrid'),
    retentionYears: z.number().int().min(1).max(50),
    defaultLocale: z.enum(['en', 'es']),
    minimumPlanDays: z.number().int().min(1).max(366),
    appealWorkingDays: z.number().int().min(1).max(60),
    wordingTerms: z.array(wordingTermSchema).max(500),
    wordingPairs: z.array(wordingPairSchema).max(200),
  })
  .partial()
  .strict();

export const orgContactSchema = contactSchema.omit({ source: true });
export { contactBody as orgContactBody, contactCreateBody as orgContactCreateBody };

export const userSummarySchema = z.object({
  id: uuid,
  name: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  locale: z.enum(['en', 'es']),
  employeeId: uuid.nullable(),
  isDisabled: z.boolean(),
  revision: revisionField,
});

export const userListQuery = z.object({
  role: roleSchema.optional(),
  q: z.string().trim().max(200).optional(),
});

export const userCreateBody = z
  .object({
    email: z.email({ message: 'must be an email address' }).max(254),
    name: z.string().trim().min(1, 'is required').max(200),
    password: z
      .string()
      .min(10, 'must be at least 10 characters')
      .max(200)
      .optional()
      .describe(
        'For scripts only. Without it the account is created without a password and the person is emailed an invitation to choose one',
      ),
    roles: z.array(roleSchema).min(1, 'give at least one role'),
    locale: z.enum(['en', 'es']).default('en'),
    employeeId: uuid.nullable().optional(),
  })
  .strict();

export const userUpdateBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    roles: z.array(roleSchema).min(1, 'give at least one role'),
    locale: z.enum(['en', 'es']),
    isDisabled: z.boolean(),
  })
  .partial()
  .strict();
