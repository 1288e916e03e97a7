// Switches the interface between English and Spanish; the choice is kept on this device.
import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, type Language } from '../i18n/index.ts';

const names: Record<Language, string> = { en: 'English', es: 'Español' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
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
            onClick={() => void changeLanguage(code)}
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
