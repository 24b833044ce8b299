import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n/index.ts';

// Three buttons rather than a segmented control: each is a real button that a screen reader
// announces as pressed or not, and the unselected ones keep full text contrast.
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Button.Group aria-label={t('app.language')}>
      {LANGUAGES.map((l) => (
        <Button
          key={l}
          size="xs"
          variant={i18n.language === l ? 'filled' : 'default'}
          aria-pressed={i18n.language === l}
          lang={l}
          onClick={() => setLanguage(l)}
        >
          {l.toUpperCase()}
        </Button>
      ))}
    </Button.Group>
  );
}
