// Building blocks of the plan page: a titled section card, label/value grids and labelled lists.
import { Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function SectionCard({
  title,
  children,
  actions,
  level = 2,
  id,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  level?: 2 | 3;
  id?: string;
}) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id} radius="md">
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          gap: 8,
          flexWrap: 'wrap',
          marginBottom: 8,
        }}
      >
        <Title order={level} size={level === 2 ? 'h3' : 'h4'} id={id}>
          {title}
        </Title>
        {actions && <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>{actions}</div>}
      </div>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

export type InfoItem = { label: string; value: ReactNode };

/** Label above value, in a responsive grid; rendered as a description list. */
export function InfoGrid({ items, cols = 3 }: { items: InfoItem[]; cols?: number }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: cols }} spacing="sm" verticalSpacing="sm" component="dl" m={0}>
      {items.map((item) => (
        <div key={item.label} style={{ minWidth: 0 }}>
          <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase">
            {item.label}
          </Text>
          <Text component="dd" m={0} size="sm" className="break-anywhere">
            {item.value ?? '—'}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

/** The template's bold-label-then-text bullets. */
export function LabelledList({ items }: { items: { label: string; text: string }[] }) {
  if (items.length === 0) return <Text size="sm">—</Text>;
  return (
    <List spacing={4} size="sm">
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: labels may repeat; the order is the identity.
        <List.Item key={index}>
          <Text span fw={700} size="sm">
            {item.label}
          </Text>
          {item.text ? `: ${item.text}` : ''}
        </List.Item>
      ))}
    </List>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" className="pre-line">
      {children}
    </Text>
  );
}
