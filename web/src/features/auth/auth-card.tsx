// The frame of the pages reached before signing in: logo, language switch and one card.
import { Box, Center, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { Logo } from '../../ui/logo.tsx';

export function AuthCard({ children }: { children: ReactNode }) {
  return (
    <Box mih="100vh" bg="gray.0" py="xl" px="sm">
      <Group justify="flex-end" maw={420} mx="auto" mb="xs">
        <LanguageSwitch />
      </Group>
      <Center>
        <Paper
          component="main"
          withBorder
          shadow="sm"
          p={{ base: 'md', sm: 'xl' }}
          radius="md"
          w="100%"
          maw={420}
        >
          <Stack gap="lg">
            <Group gap="xs">
              <Logo />
              <Text fw={800} fz="xl" c="indigo.8">
                Mejora
              </Text>
            </Group>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
