// Acknowledgment and signatures per role, refusals with the witness statement, the review and completion text.
import { Alert, Badge, Button, Card, Code, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isHr, useCurrentUser } from '../../../api/auth.ts';
import type { PlanView, Signature, SignerRole } from '../../../api/types.ts';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { InfoGrid, LabelledList, Paragraph, SectionCard } from '../plan-blocks.tsx';

const SignDialog = lazy(async () => ({ default: (await import('../../sign/sign-dialog.tsx')).SignDialog }));
const WitnessDialog = lazy(async () => ({
  default: (await import('../../sign/witness-dialog.tsx')).WitnessDialog,
}));

const roles: SignerRole[] = ['employee', 'manager', 'hr'];

export function SignaturesTab({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const h = plan.headings;
  const [signing, setSigning] = useState<SignerRole | null>(null);
  const [witnessing, setWitnessing] = useState<Signature | null>(null);
  const headingOf: Record<SignerRole, string> = {
    employee: h.employeeAcknowledgment,
    manager: h.managerAcknowledgment,
    hr: h.hrAcknowledgment,
  };
  const managerApproval = plan.approvals.find((a) => a.role === 'manager');
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {h.acknowledgment}
      </Title>
      {plan.status === 'awaiting_acknowledgment' && <AwaitingSignatures plan={plan} />}
      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
        {roles.map((role) => {
          const signatures = plan.signatures.filter((s) => s.role === role);
          const current = signatures.find((s) => s.isCurrent) ?? signatures.at(-1);
          const canSign = plan.permissions.canSignAs.includes(role);
          return (
            <Card key={role} withBorder padding="md" component="section" aria-labelledby={`ack-${role}`}>
              <Title order={3} size="h4" id={`ack-${role}`} mb={4}>
                {headingOf[role]}
              </Title>
              <Text size="sm" mb={4}>
                {plan.acknowledgmentIntros[role]}
              </Text>
              <List size="sm" spacing={2} mb="sm">
                {plan.acknowledgmentClauses[role].map((c) => (
                  <List.Item key={c.id}>{c.text}</List.Item>
                ))}
              </List>
              {current ? (
                <SignatureRecord
                  signature={current}
                  plan={plan}
                  onWitness={
                    isHr(user) && current.isRefused && !current.witnessName
                      ? () => setWitnessing(current)
                      : undefined
                  }
                />
              ) : (
                <Badge color="gray.8" variant="outline">
                  {h.notSigned}
                </Badge>
              )}
              {canSign && (
                <Button mt="sm" color="teal.8" onClick={() => setSigning(role)}>
                  {t('actions.signAs', { role: t(`sign.roles.${role}`) })}
                </Button>
              )}
            </Card>
          );
        })}
      </SimpleGrid>
      <SectionCard title={h.planReview} id="plan-review">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.reviewSchedule}
            </Text>
            <LabelledList items={plan.review.schedule} />
          </div>
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.updateProcess}
            </Text>
            <LabelledList items={plan.review.updateProcess} />
          </div>
        </SimpleGrid>
        <Text fw={700} size="sm" mt="xs">
          {h.planCompletion}
        </Text>
        <Paragraph>{plan.completion.intro}</Paragraph>
        <List size="sm" spacing={2}>
          {plan.completion.steps.map((step) => (
            <List.Item key={step}>{step}</List.Item>
          ))}
        </List>
        <Text size="sm" fs="italic">
          {plan.completion.closingNote}
        </Text>
        <InfoGrid
          cols={3}
          items={[
            { label: h.planCreatedBy, value: plan.header.createdByName },
            { label: h.planApprovedBy, value: managerApproval?.name ?? plan.header.managerName },
            // A closed or cancelled plan has no review ahead of it.
            ...(plan.status === 'closed' || plan.status === 'cancelled'
              ? []
              : [{ label: h.nextReviewDate, value: formatDate(plan.header.nextReviewDate) }]),
            { label: h.startDate, value: formatDate(plan.header.startDate) },
            { label: h.endDate, value: formatDate(plan.header.endDate) },
          ]}
        />
      </SectionCard>
      <Suspense fallback={null}>
        {signing && <SignDialog plan={plan} role={signing} onClose={() => setSigning(null)} />}
        {witnessing && (
          <WitnessDialog plan={plan} signature={witnessing} onClose={() => setWitnessing(null)} />
        )}
      </Suspense>
    </Stack>
  );
}

function SignatureRecord({
  signature,
  plan,
  onWitness,
}: {
  signature: Signature;
  plan: PlanView;
  onWitness?: () => void;
}) {
  const { t } = useTranslation();
  const h = plan.headings;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        {!signature.isCurrent ? (
          // A later major change voided it: it is a record of the past, not a signature of this version.
          <Badge color="gray.8" variant="outline">
            {signature.isRefused ? t('daily.signatures.refusedEarlier') : t('plan.signatures.outdated')}
          </Badge>
        ) : signature.isRefused ? (
          <Badge color="red" variant="light">
            {h.refusedToSign}
          </Badge>
        ) : (
          <Badge color="teal" variant="light">
            {t('plan.signatures.signed')}
          </Badge>
        )}
      </Group>
      {!signature.isCurrent && (
        <Text size="sm" fw={600}>
          {t('daily.signatures.notSignedCurrent', { version: plan.version })}
        </Text>
      )}
      <Text size="sm">
        <Text span fw={600} size="sm">
          {signature.typedName ?? signature.signerName}
        </Text>{' '}
        · {formatDateTime(signature.signedAt)}
      </Text>
      <Text size="xs" c="dimmed">
        {t('plan.signatures.versionHash', { version: signature.version })}{' '}
        <Code>{signature.documentHash.slice(0, 16)}</Code>
      </Text>
      {signature.isRefused && signature.response && (
        <Text size="sm">
          <Text span fw={700} size="sm">
            {h.employeeResponse}:
          </Text>{' '}
          <span className="pre-line">{signature.response}</span>
        </Text>
      )}
      {signature.witnessName && (
        <Text size="sm">
          <Text span fw={700} size="sm">
            {h.witnessStatement}:
          </Text>{' '}
          {signature.witnessStatement} — {signature.witnessName}, {formatDateTime(signature.witnessedAt)}
        </Text>
      )}
      {onWitness && (
        <Button size="xs" variant="light" onClick={onWitness} mt={4}>
          {t('sign.witness.add')}
        </Button>
      )}
    </Stack>
  );
}

/** Names exactly the roles whose signature (or, for the employee, refusal) of the version that counts is missing. */
function AwaitingSignatures({ plan }: { plan: PlanView }) {
  const { t, i18n } = useTranslation();
  const missing = roles.filter((role) => !plan.signatures.some((s) => s.role === role && s.isCurrent));
  const unwitnessed = plan.signatures.some((s) => s.isCurrent && s.isRefused && !s.witnessName);
  if (missing.length === 0 && !unwitnessed) return null;
  const who = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
    missing.map((role) => t(`daily.signatures.who.${role}`)),
  );
  return (
    <Alert color="orange" variant="light" role="status">
      {missing.length > 0
        ? t('daily.signatures.waitingFor', { version: plan.version, who })
        : t('daily.signatures.waitingForWitness', { version: plan.version })}
    </Alert>
  );
}
