// Sets up i18next with the English and Spanish messages; the chosen language lives in localStorage.
// Messages live in en.json and es.json, plus one pair of files per feature area in parts/ (NAME.en.json and
// NAME.es.json), merged in at start; a part may add namespaces or keys, never replace a message.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client.ts';
import en from './en.json' with { type: 'json' };
import es from './es.json' with { type: 'json' };

type Messages = { [key: string]: string | Messages };

/** Adds `part`'s keys to `into`, namespace by namespace. */
function mergeMessages(into: Messages, part: Messages): Messages {
  for (const [key, value] of Object.entries(part)) {
    const existing = into[key];
    into[key] =
      typeof value === 'object' && typeof existing === 'object'
        ? mergeMessages({ ...existing }, value)
        : value;
  }
  return into;
}

const parts = import.meta.glob<Messages>('./parts/*.json', { eager: true, import: 'default' });
const messagesFor = (language: 'en' | 'es', base: Messages): Messages =>
  Object.entries(parts)
    .filter(([path]) => path.endsWith(`.${language}.json`))
    .sort(([a], [b]) => a.localeCompare(b))
    .reduce((all, [, part]) => mergeMessages(all, part), structuredClone(base));

export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];
const storageKey = 'mejora.language';

export const isLanguage = (value: unknown): value is Language => value === 'en' || value === 'es';

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(storageKey);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be unavailable (private mode); fall back to the browser.
  }
  const browser = (navigator.language ?? 'en').slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

/** Whether the person chose a language on this device (otherwise their profile's language applies). */
export const hasStoredLanguage = (): boolean => {
  try {
    return isLanguage(localStorage.getItem(storageKey));
  } catch {
    return false;
  }
};

const applyToDocument = (language: Language) => {
  document.documentElement.lang = language;
  setApiLanguage(language);
};

export async function initI18n(): Promise<typeof i18next> {
  const lng = initialLanguage();
  applyToDocument(lng);
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: messagesFor('en', en) }, es: { translation: messagesFor('es', es) } },
    lng,
    fallbackLng: 'en',
    supportedLngs: [...languages],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

export async function changeLanguage(language: Language, { persist = true } = {}): Promise<void> {
  if (persist) {
    try {
      localStorage.setItem(storageKey, language);
    } catch {
      // Not persisted; the choice still applies to this page.
    }
  }
  applyToDocument(language);
  await i18next.changeLanguage(language);
}

export const currentLanguage = (): Language => (isLanguage(i18next.language) ? i18next.language : 'en');
