// Mantine's Modal with a labelled close button (the "×" alone has no name for screen readers).
import { Modal, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function AppModal(props: ModalProps) {
  const { t } = useTranslation();
  return <Modal closeButtonProps={{ 'aria-label': t('common.close') }} {...props} />;
}
