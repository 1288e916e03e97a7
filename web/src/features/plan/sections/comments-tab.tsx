// Comments on the plan, and the employee's written response.
import { Button, Card, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isHr, useCurrentUser } from '../../../api/auth.ts';
import { useAddComment, useComments } from '../../../api/history.ts';
import type { PlanView } from '../../../api/types.ts';
import { useFieldErrors } from '../../../ui/field-errors.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { QueryState, useErrorMessage } from '../../../ui/states.tsx';
import { UnsavedChangesGuard } from '../../../ui/unsaved-changes-guard.tsx';
import { SectionCard } from '../plan-blocks.tsx';

export function CommentsTab({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const comments = useComments(plan.id);
  const add = useAddComment(plan.id);
  const errors = useFieldErrors(add.error);
  const errorMessage = useErrorMessage();
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<'comment' | 'response'>('comment');
  const [touched, setTouched] = useState(false);
  const isEmployee = user.employeeId === plan.header.employeeId;
  const isClosed = plan.status === 'closed' || plan.status === 'cancelled';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!body.trim()) return;
    add.mutate(
      { body: body.trim(), kind },
      {
        onSuccess: () => {
          setBody('');
          setTouched(false);
        },
      },
    );
  };
  return (
    <Stack gap="md">
      <SectionCard title={t('comments.title')} id="comments">
        <QueryState query={comments}>
          {(data) =>
            data.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('comments.empty')}
              </Text>
            ) : (
              <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
                {data.items.map((c) => (
                  <Card
                    key={c.id}
                    withBorder
                    padding="sm"
                    component="li"
                    bg={c.kind === 'response' ? 'indigo.0' : undefined}
                  >
                    <Group justify="space-between" gap="xs" wrap="wrap">
                      <Text size="sm" fw={700}>
                        {c.authorName}
                        {c.kind === 'response' && (
                          <Text span size="xs" c="indigo.9" fw={600}>
                            {' '}
                            · {t('comments.response')}
                          </Text>
                        )}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(c.createdAt)}
                      </Text>
                    </Group>
                    <Text size="sm" className="pre-line" mt={4}>
                      {c.body}
                    </Text>
                  </Card>
                ))}
              </Stack>
            )
          }
        </QueryState>
      </SectionCard>
      {!isClosed &&
        (isEmployee || isHr(user) || plan.permissions.canEdit || plan.permissions.canRecordProgress) && (
          <form onSubmit={submit}>
            <UnsavedChangesGuard when={body.trim().length > 0} />
            <Stack gap="xs">
              {isEmployee && (
                <SegmentedControl
                  value={kind}
                  onChange={(value) => setKind(value as 'comment' | 'response')}
                  data={[
                    { value: 'comment', label: t('comments.kindComment') },
                    { value: 'response', label: t('comments.kindResponse') },
                  ]}
                  aria-label={t('comments.kind')}
                  w="fit-content"
                />
              )}
              <Textarea
                label={kind === 'response' ? t('comments.responseLabel') : t('comments.label')}
                value={body}
                onChange={(event) => setBody(event.currentTarget.value)}
                error={(touched && !body.trim() ? t('validation.required') : undefined) ?? errors('body')}
                autosize
                minRows={3}
              />
              {add.error && !errors.hasAny && (
                <Text c="red.9" size="sm" role="alert">
                  {errorMessage(add.error)}
                </Text>
              )}
              <Group>
                <Button type="submit" loading={add.isPending}>
                  {t('comments.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
    </Stack>
  );
}
