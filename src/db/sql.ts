// Small SQL helpers shared by repositories.
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

export const lower = (column: AnyColumn): SQL<string> => sql<string>`lower(${column})`;
