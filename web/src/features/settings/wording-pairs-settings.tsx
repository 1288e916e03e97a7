// Settings (HR administrator): the organisation's own pairs of contradictory demands, which the wording check
// flags when a plan asks for both (for example "work independently" and "clear every decision with me").
import { ActionIcon, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganization, useSaveOrganization } from '../../api/organization.ts';
import { mergeErrors, useFieldErrors } from '../../ui/field-errors.ts';
import { QueryState, useErrorMessage } from '../../ui/states.tsx';
import { UnsavedChangesGuard } from '../../ui/unsaved-changes-guard.tsx';

type Pair = { first: string; second: string; suggestion: string };
const maxPhrase = 200;
const maxSuggestion = 500;
const maxPairs = 200;
const normal = (s: string) => s.trim().toLocaleLowerCase().replace(/\s+/g, ' ');

export function WordingPairsSettings() {
  const organization = useOrganization();
  return (
    <QueryState query={organization}>
      {(org) => (
        <WordingPairsForm
          revision={org.revision}
          saved={org.wordingPairs.map((p) => ({
            first: p.first,
            second: p.second,
            suggestion: p.suggestion ?? '',
          }))}
        />
      )}
    </QueryState>
  );
}

/** Messages for the pairs as typed, keyed like the server's field paths (`wordingPairs.0.first`). */
function checkPairs(pairs: Pair[], t: TFunction) {
  const found: Record<string, string> = {};
  const seen = new Map<string, number>();
  pairs.forEach((p, i) => {
    const at = `wordingPairs.${i}`;
    if (!p.first.trim()) found[`${at}.first`] = t('validation.required');
    else if (p.first.trim().length > maxPhrase)
      found[`${at}.first`] = t('validation.maxLength', { max: maxPhrase });
    if (!p.second.trim()) found[`${at}.second`] = t('validation.required');
    else if (p.second.trim().length > maxPhrase)
      found[`${at}.second`] = t('validation.maxLength', { max: maxPhrase });
    if (p.suggestion.trim().length > maxSuggestion)
      found[`${at}.suggestion`] = t('validation.maxLength', { max: maxSuggestion });
    if (p.first.trim() && normal(p.first) === normal(p.second))
      found[`${at}.second`] = t('forms.wordingPairs.samePhrase');
    const key = [normal(p.first), normal(p.second)].sort().join('\u0000');
    if (p.first.trim() && p.second.trim()) {
      const earlier = seen.get(key);
      if (earlier !== undefined)
        found[`${at}.first`] = t('forms.wordingPairs.duplicate', { number: earlier + 1 });
      else seen.set(key, i);
    }
  });
  return found;
}

function WordingPairsForm({ saved, revision }: { saved: Pair[]; revision: string | number }) {
  const { t } = useTranslation();
  const save = useSaveOrganization();
  const errorMessage = useErrorMessage();
  const [pairs, setPairs] = useState<Pair[]>(saved);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const serverErrors = useFieldErrors(save.error);
  const errors = mergeErrors(clientErrors, serverErrors);
  const savedJson = JSON.stringify(saved);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the saved list itself changes.
  useEffect(() => setPairs(saved), [savedJson]);
  const isDirty = JSON.stringify(pairs) !== savedJson;
  const change = (i: number, patch: Partial<Pair>) =>
    setPairs((all) => all.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkPairs(pairs, t);
    setClientErrors(found);
    if (Object.keys(found).length) return;
    save.mutate(
      {
        revision: revision as never,
        wordingPairs: pairs.map((p) => ({
          first: p.first.trim(),
          second: p.second.trim(),
          ...(p.suggestion.trim() ? { suggestion: p.suggestion.trim() } : {}),
        })),
      },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('forms.wordingPairs.saved') }) },
    );
  };
  const unmatched = serverErrors.unmatched([
    'wordingPairs.*.first',
    'wordingPairs.*.second',
    'wordingPairs.*.suggestion',
  ]);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="settings-wording-pairs">
      <UnsavedChangesGuard when={isDirty && !save.isPending} />
      <Title order={2} size="h4" id="settings-wording-pairs" mb={4}>
        {t('forms.wordingPairs.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('forms.wordingPairs.hint')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {pairs.length === 0 && <Text size="sm">{t('forms.wordingPairs.none')}</Text>}
          {pairs.map((p, i) => (
            <fieldset
              // biome-ignore lint/suspicious/noArrayIndexKey: pairs have no id; their position is their identity.
              key={i}
              style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}
            >
              <Text component="legend" size="sm" fw={700} mb={4}>
                {t('forms.wordingPairs.pair', { number: i + 1 })}
              </Text>
              <Group gap="xs" align="flex-start" wrap="wrap">
                <TextInput
                  label={t('forms.wordingPairs.first', { number: i + 1 })}
                  value={p.first}
                  onChange={(e) => change(i, { first: e.currentTarget.value })}
                  error={errors(`wordingPairs.${i}.first`)}
                  required
                  style={{ flex: '1 1 14rem' }}
                />
                <TextInput
                  label={t('forms.wordingPairs.second', { number: i + 1 })}
                  value={p.second}
                  onChange={(e) => change(i, { second: e.currentTarget.value })}
                  error={errors(`wordingPairs.${i}.second`)}
                  required
                  style={{ flex: '1 1 14rem' }}
                />
                <TextInput
                  label={t('forms.wordingPairs.suggestion', { number: i + 1 })}
                  value={p.suggestion}
                  onChange={(e) => change(i, { suggestion: e.currentTarget.value })}
                  error={errors(`wordingPairs.${i}.suggestion`)}
                  style={{ flex: '2 1 18rem' }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red.8"
                  mt={28}
                  onClick={() => setPairs((all) => all.filter((_, j) => j !== i))}
                  aria-label={t('forms.wordingPairs.remove', { number: i + 1 })}
                >
                  ×
                </ActionIcon>
              </Group>
            </fieldset>
          ))}
          {unmatched.length > 0 && (
            <Text c="red.9" size="sm" role="alert">
              {unmatched.join(' · ')}
            </Text>
          )}
          {save.error && !serverErrors.hasAny && (
            <Text c="red.9" size="sm" role="alert">
              {errorMessage(save.error)}
            </Text>
          )}
          <Group gap="xs">
            <Button
              variant="light"
              disabled={pairs.length >= maxPairs}
              onClick={() => setPairs((all) => [...all, { first: '', second: '', suggestion: '' }])}
            >
              {t('forms.wordingPairs.add')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!isDirty}>
              {t('forms.wordingPairs.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
