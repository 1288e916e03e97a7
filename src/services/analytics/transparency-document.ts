// The transparency PDF for any signed-in person, in their language or the one asked for.
import { eq } from 'drizzle-orm';
import { organizations } from '../../db/schema/index.ts';
import { renderTransparencyPdf } from '../../documents/transparency-pdf.ts';
import type { ServiceContext } from '../context.ts';

export async function transparencyDocument(
  { deps, actor }: ServiceContext,
  locale: 'en' | 'es' | undefined,
): Promise<{ fileName: string; body: Buffer }> {
  const language = locale ?? actor.locale;
  const [organization] = await deps.database.db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId));
  return {
    fileName: `mejora-transparency-${language}.pdf`,
    body: await renderTransparencyPdf(language, organization?.name ?? ''),
  };
}
