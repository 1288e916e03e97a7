// The default plan templates shipped with Mejora, one per locale, read from templates/*.json.
import { readFileSync } from 'node:fs';
import type { Locale, PlanTemplate } from './template.ts';
import { planTemplateSchema } from './template.ts';

const files: Record<Locale, URL> = {
  en: new URL('../../../templates/en.json', import.meta.url),
  es: new URL('../../../templates/es.json', import.meta.url),
};

const cache = new Map<Locale, PlanTemplate>();

/** Reads and validates a template file; throws if it does not satisfy `planTemplateSchema`. */
function load(locale: Locale): PlanTemplate {
  const raw: unknown = JSON.parse(readFileSync(files[locale], 'utf8'));
  const template = planTemplateSchema.parse(raw);
  if (template.locale !== locale) {
    throw new Error(
      `Template ${files[locale].pathname} declares locale "${template.locale}", expected "${locale}"`,
    );
  }
  return deepFreeze(template);
}

/** Freezes the cached template so no caller can alter the shared copy. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The default template of a locale (read-only), validated on first use and cached. */
export function defaultTemplate(locale: Locale): PlanTemplate {
  let template = cache.get(locale);
  if (!template) {
    template = load(locale);
    cache.set(locale, template);
  }
  return template;
}
