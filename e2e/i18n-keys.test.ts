// The web app's messages: English and Spanish have the same keys, and every key the code uses exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers/server.ts';

type Messages = { [key: string]: string | Messages };

const i18nDir = join(root, 'web', 'src', 'i18n');
const read = (path: string): Messages => JSON.parse(readFileSync(path, 'utf8'));

function merge(into: Messages, part: Messages): Messages {
  for (const [key, value] of Object.entries(part)) {
    const existing = into[key];
    into[key] =
      typeof value === 'object' && typeof existing === 'object' ? merge({ ...existing }, value) : value;
  }
  return into;
}

/** A language's messages as the app sees them: the main file with every part of that language merged in. */
const load = (language: string): Messages =>
  readdirSync(join(i18nDir, 'parts'))
    .filter((name) => name.endsWith(`.${language}.json`))
    .sort()
    .reduce(
      (all, name) => merge(all, read(join(i18nDir, 'parts', name))),
      read(join(i18nDir, `${language}.json`)),
    );

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const en = flatten(load('en'));
const es = flatten(load('es'));
const code = sources(join(root, 'web', 'src')).map((path) => readFileSync(path, 'utf8'));
/** A key exists when it, or its plural forms, does. */
const exists = (map: Map<string, string>, key: string) =>
  map.has(key) || map.has(`${key}_one`) || map.has(`${key}_other`);

describe('interface messages', () => {
  it('English and Spanish have exactly the same keys', () => {
    expect([...es.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !es.has(k))).toEqual([]);
  });

  it('no message is empty, and interpolations match between languages', () => {
    const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of en) {
      expect(text.trim(), key).not.toBe('');
      expect(es.get(key)?.trim(), key).not.toBe('');
      expect(variables(es.get(key) ?? ''), key).toEqual(variables(text));
    }
  });

  it('every literal key used in the code exists', () => {
    const used = new Set(code.flatMap((text) => [...text.matchAll(/\bt\(\s*'([\w.-]+)'/g)].map((m) => m[1])));
    expect(used.size).toBeGreaterThan(300);
    expect([...used].filter((key) => !exists(en, key))).toEqual([]);
  });

  it('every key built from a template has the family it draws from', () => {
    const prefixes = new Set(
      code.flatMap((text) => [...text.matchAll(/\bt\(\s*`([\w.-]+)\.\$\{/g)].map((m) => m[1])),
    );
    expect([...prefixes].filter((prefix) => ![...en.keys()].some((k) => k.startsWith(`${prefix}.`)))).toEqual(
      [],
    );
  });

  it('status and role names follow the glossary', () => {
    expect(en.get('status.awaiting_acknowledgment')).toBe('Awaiting acknowledgment');
    expect(es.get('status.awaiting_acknowledgment')).toBe('Pendiente de firma');
    expect(es.get('status.in_review')).toBe('En revisión');
    expect(es.get('roles.manager')).toBe('Responsable');
    // "En curso" means "in progress": never a metric status.
    expect(es.get('plan.metrics.status.onTrack')).toBe('En buen camino');
    expect(es.get('plan.metrics.status.atRisk')).toBe('En riesgo');
    expect(es.get('plan.metrics.status.offTrack')).toBe('Desviado');
    expect(es.get('close.outcomes.successful')).toBe('Superado');
  });
});
