// One date field for the whole app: typed and shown as dd/mm/yyyy (the order of en-GB and Spanish), with a
// calendar in the interface language behind a button, and the value kept as YYYY-MM-DD (with `withTime`:
// dd/mm/yyyy hh:mm, kept as YYYY-MM-DDTHH:mm like a datetime-local input).
import '@mantine/dates/styles.css';
import 'dayjs/locale/es';
import { ActionIcon, Popover, TextInput, type TextInputProps } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateText, formatDateTimeText, parseDateText, parseDateTimeText } from './date-text.ts';

export type DateFieldProps = Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'min' | 'max'> & {
  /** YYYY-MM-DD (YYYY-MM-DDTHH:mm with `withTime`), or '' for none. */
  value: string;
  /** A date and a time of day (24-hour clock). */
  withTime?: boolean;
  onChange: (value: string) => void;
  /** The earliest and latest days the calendar offers (YYYY-MM-DD). */
  minDate?: string;
  maxDate?: string;
};

export function DateField({
  value,
  onChange,
  minDate,
  maxDate,
  error,
  onBlur,
  withTime = false,
  ...rest
}: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const parse = withTime ? parseDateTimeText : parseDateText;
  const format = withTime ? formatDateTimeText : formatDateText;
  const day = value.slice(0, 10);
  const [text, setText] = useState(format(value));
  const [isTyping, setIsTyping] = useState(false);
  const [isOpen, setIsOpen] = useState(false);
  // A value set from outside (a reset, a server answer) shows unless what is typed already says it.
  useEffect(() => {
    setText((current) => (parse(current) === (value || null) ? current : format(value)));
  }, [value, parse, format]);
  const isInvalid = !isTyping && text.trim() !== '' && parse(text) === null;
  return (
    <TextInput
      {...rest}
      value={text}
      inputMode="numeric"
      autoComplete="off"
      placeholder={withTime ? t('forms.dateField.placeholderWithTime') : t('forms.dateField.placeholder')}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        setIsTyping(true);
        if (next.trim() === '') onChange('');
        else {
          const parsed = parse(next);
          if (parsed) onChange(parsed);
        }
      }}
      onBlur={(event) => {
        setIsTyping(false);
        const parsed = parse(text);
        if (parsed) setText(format(parsed));
        onBlur?.(event);
      }}
      error={
        error ??
        (isInvalid
          ? withTime
            ? t('forms.dateField.invalidWithTime')
            : t('forms.dateField.invalid')
          : undefined)
      }
      rightSectionPointerEvents="all"
      rightSection={
        <Popover
          opened={isOpen}
          onChange={setIsOpen}
          position="bottom-end"
          withinPortal
          trapFocus
          shadow="md"
        >
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              color="gray.8"
              aria-label={t('forms.dateField.pick', {
                label: typeof rest.label === 'string' ? rest.label : (rest['aria-label'] ?? ''),
              })}
              onClick={() => setIsOpen((open) => !open)}
              disabled={rest.disabled}
            >
              <CalendarIcon />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <DatePicker
              value={day || null}
              defaultDate={day || undefined}
              minDate={minDate}
              maxDate={maxDate}
              locale={i18n.language === 'es' ? 'es' : 'en'}
              firstDayOfWeek={1}
              nextLabel={t('forms.dateField.nextMonth')}
              previousLabel={t('forms.dateField.previousMonth')}
              onChange={(picked) => {
                // With a time: the day changes, the time stays (09:00 when none was given yet).
                const next =
                  picked && withTime ? `${picked}T${value.slice(11, 16) || '09:00'}` : (picked ?? '');
                onChange(next);
                setText(format(next));
                setIsOpen(false);
              }}
            />
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}

function CalendarIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </svg>
  );
}
