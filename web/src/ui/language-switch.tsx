// Switches the interface between English and Spanish: signed in, for the person's account (and so their emails);
// before sign-in, for this page only.
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useLanguageChoice } from '../api/me.ts';
import { currentLanguage, type Language } from '../i18n/index.ts';
import { useErrorMessage } from './states.tsx';

const names: Record<Language, string> = { en: 'English', es: 'Español' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const errorMessage = useErrorMessage();
  const choose = useLanguageChoice((error) =>
    notifications.show({ color: 'red', title: t('language.notSaved'), message: errorMessage(error) }),
  );
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" c="dark.7" size="compact-sm">
          {language.toUpperCase()}
          <span className="visually-hidden" lang={i18n.language}>
            {' '}
            — {t('nav.languageCurrent', { language: names[language] })}
          </span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {(Object.keys(names) as Language[]).map((code) => (
          <Menu.Item
            key={code}
            lang={code}
            onClick={() => choose(code)}
            aria-current={code === language ? 'true' : undefined}
            fw={code === language ? 700 : undefined}
          >
            {names[code]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
