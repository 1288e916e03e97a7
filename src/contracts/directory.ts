// The directory import over HTTP: the preview of a CSV file, applying it, and plans left without a manager.
import { z } from 'zod';
import { importColumns } from '../domain/directory/import-columns.ts';
import { uuid } from './common.ts';

export const importProblemSchema = z
  .object({
    line: z.number().int().describe('The line of the file, 1 being the header line'),
    column: z.enum(importColumns).nullable(),
    message: z.string(),
  })
  .meta({ id: 'DirectoryImportProblem' });

export const directoryImportSchema = z
  .object({
    id: uuid,
    status: z.enum(['previewed', 'applied']),
    isDeactivatingMissing: z.boolean(),
    createdAt: z.string(),
    appliedAt: z.string().nullable(),
    counts: z.object({
      create: z.number().int(),
      update: z.number().int(),
      deactivate: z.number().int(),
      unchanged: z.number().int(),
      problems: z.number().int(),
    }),
    problems: z.array(importProblemSchema),
    ignoredColumns: z.array(z.string()).describe('Headers Mejora does not know: their values are ignored'),
    rows: z
      .array(
        z.object({
          line: z.number().int(),
          action: z.enum(['create', 'update', 'deactivate', 'unchanged']),
          employeeNumber: z.string().nullable(),
          email: z.string(),
          name: z.string(),
          changes: z.array(z.string()),
          isAccountCreated: z.boolean(),
        }),
      )
      .describe('The rows, changes first (at most 1000; counts cover all)'),
    deactivations: z
      .array(z.object({ employeeId: uuid, name: z.string(), employeeNumber: z.string().nullable() }))
      .describe(
        'People of the directory missing from the file, deactivated on apply (deactivateMissing=true)',
      ),
    isTruncated: z.boolean(),
  })
  .meta({ id: 'DirectoryImport' });

export const directoryImportQuery = z.object({
  deactivateMissing: z.enum(['true', 'false']).optional(),
});

export const templateQuery = z.object({ locale: z.enum(['en', 'es']).optional() });
