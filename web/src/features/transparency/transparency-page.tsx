// The transparency page: every figure Mejora computes and how, in the reader's language, with its PDF.
import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { transparencyText } from '../../../../src/domain/analytics/transparency.ts';
import { PageHeader } from '../../ui/page-header.tsx';

export function TransparencyPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language.startsWith('es') ? 'es' : 'en';
  const text = transparencyText[locale];
  return (
    <Stack gap="md">
      <PageHeader
        title={text.title}
        subtitle={t('transparency.subtitle')}
        actions={
          <Button component="a" href={`/api/v1/transparency.pdf?locale=${locale}`} size="sm" variant="light">
            {t('transparency.downloadPdf')}
          </Button>
        }
      />
      <Text>{text.intro}</Text>
      {text.sections.map((section) => (
        <Card key={section.key} withBorder padding="md" id={section.key}>
          <Title order={2} size="h4" mb="xs">
            {section.title}
          </Title>
          <Stack gap="xs">
            {section.paragraphs.map((paragraph) => (
              <Text key={paragraph.slice(0, 40)} size="sm">
                {paragraph}
              </Text>
            ))}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
