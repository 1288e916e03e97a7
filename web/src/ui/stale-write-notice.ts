// Tells the person that someone else changed what they were editing, and which fields, in their language.
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';

/** Shows the notice after a 412; `fields` are the resource's changed field names (labels when known). */
export function useStaleWriteNotice() {
  const { t } = useTranslation();
  return (fields: string[]) => {
    const labels = fields.map((f) => t(`concurrency.fields.${f}`, { defaultValue: f }));
    notifications.show({
      color: 'orange',
      autoClose: 12000,
      title: t('concurrency.title'),
      message: labels.length
        ? t('concurrency.changedFields', { fields: labels.join(', ') })
        : t('concurrency.changed'),
    });
  };
}
