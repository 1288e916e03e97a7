// Admin for HR administrators: organisation settings and user accounts.
import {
  Badge,
  Button,
  FileInput,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useCurrentUser } from '../../api/auth.ts';
import {
  type Organization,
  useAllUsers,
  useOrganization,
  useOrgContacts,
  useSaveLogo,
  useSaveOrganization,
  useSaveOrgContact,
  useSaveUser,
} from '../../api/organization.ts';
import type { Role } from '../../api/types.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../ui/states.tsx';
import { SsoSettingsSection } from './sso-settings-section.tsx';

const allRoles: Role[] = ['hr_admin', 'hr', 'manager', 'employee', 'mentor', 'auditor'];

export function OrganizationAdminPage() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  if (!user || !hasRole(user, 'hr_admin')) {
    return (
      <>
        <PageHeader title={t('admin.organization.title')} />
        <EmptyState title={t('admin.notAllowed')} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('admin.organization.title')} subtitle={t('admin.organization.subtitle')} />
      <SettingsForm />
      <LogoSection />
      <SsoSettingsSection />
      <ContactsSection />
      <UsersTable />
    </>
  );
}

function SettingsForm() {
  const { t } = useTranslation();
  const organization = useOrganization();
  const save = useSaveOrganization();
  const errorOf = useFieldErrors(save.error, 'body/');
  const message = useErrorMessage();
  const [form, setForm] = useState<Omit<Organization, 'id' | 'logo'> | null>(null);
  useEffect(() => {
    if (organization.data && !form) {
      const { id: _id, logo: _logo, ...rest } = organization.data;
      setForm(rest);
    }
  }, [organization.data, form]);
  if (organization.isPending) return <LoadingState />;
  if (organization.isError)
    return <ErrorState error={organization.error} onRetry={() => void organization.refetch()} />;
  if (!form) return <LoadingState />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form, {
      onSuccess: (saved) => {
        // The next save builds on this one.
        setForm((current) => current && { ...current, revision: saved.revision });
        notifications.show({ color: 'teal', message: t('admin.organization.saved') });
      },
      onError: (error) => notifications.show({ color: 'red', message: message(error) }),
    });
  };
  return (
    <form onSubmit={submit} aria-label={t('admin.organization.settings')}>
      <h2>{t('admin.organization.settings')}</h2>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="md">
        <TextInput
          label={t('admin.organization.name')}
          value={form.name}
          error={errorOf('name')}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          required
        />
        <TextInput
          label={t('admin.organization.timezone')}
          description={t('admin.organization.timezoneHint')}
          value={form.timezone}
          error={errorOf('timezone')}
          onChange={(e) => setForm({ ...form, timezone: e.currentTarget.value })}
          required
        />
        <NumberInput
          label={t('admin.organization.retentionYears')}
          description={t('admin.organization.retentionHint')}
          min={1}
          max={50}
          value={form.retentionYears}
          error={errorOf('retentionYears')}
          onChange={(value) => setForm({ ...form, retentionYears: Number(value) })}
        />
        <Select
          label={t('admin.organization.defaultLocale')}
          data={[
            { value: 'en', label: 'English' },
            { value: 'es', label: 'Español' },
          ]}
          value={form.defaultLocale}
          allowDeselect={false}
          onChange={(value) => setForm({ ...form, defaultLocale: (value ?? 'en') as 'en' | 'es' })}
        />
      </SimpleGrid>
      <Button type="submit" loading={save.isPending}>
        {t('admin.organization.save')}
      </Button>
    </form>
  );
}

/** The logo printed in the header of every document of the organisation. */
function LogoSection() {
  const { t } = useTranslation();
  const organization = useOrganization();
  const save = useSaveLogo();
  const message = useErrorMessage();
  const logo = organization.data?.logo ?? null;
  const change = (file: File | null) =>
    save.mutate(file, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          message: t(file ? 'admin.organization.logoSaved' : 'admin.organization.logoRemoved'),
        }),
      onError: (error) => notifications.show({ color: 'red', message: message(error) }),
    });
  return (
    <section aria-labelledby="logo-heading">
      <h2 id="logo-heading">{t('admin.organization.logo')}</h2>
      <Text size="sm" c="dimmed" mb="sm">
        {t('admin.organization.logoHint')}
      </Text>
      <Group align="flex-end" gap="md">
        {logo ? (
          <Stack gap={4}>
            <img
              src={logo.url}
              alt={t('admin.organization.logoAlt')}
              className="logo-preview"
              width={Math.round((logo.width / logo.height) * 48)}
              height={48}
            />
            <Text size="xs" c="dimmed">
              {t('admin.organization.logoSize', { width: logo.width, height: logo.height })}
            </Text>
          </Stack>
        ) : (
          <Text size="sm">{t('admin.organization.noLogo')}</Text>
        )}
        <FileInput
          label={logo ? t('admin.organization.replaceLogo') : t('admin.organization.uploadLogo')}
          placeholder={t('admin.organization.chooseFile')}
          accept="image/png,image/jpeg"
          value={null}
          onChange={(file) => file && change(file)}
          disabled={save.isPending}
          error={save.error ? message(save.error) : undefined}
          w={260}
        />
        {logo && (
          <Button variant="subtle" color="red" onClick={() => change(null)} loading={save.isPending}>
            {t('admin.organization.removeLogo')}
          </Button>
        )}
      </Group>
    </section>
  );
}

function UsersTable() {
  const { t } = useTranslation();
  const users = useAllUsers();
  const save = useSaveUser();
  const message = useErrorMessage();
  const [isAdding, setIsAdding] = useState(false);
  return (
    <section aria-labelledby="users-heading">
      <Group justify="space-between" mt="xl">
        <h2 id="users-heading">{t('admin.users.title')}</h2>
        <Button onClick={() => setIsAdding(true)}>{t('admin.users.add')}</Button>
      </Group>
      {users.isPending ? (
        <LoadingState />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.items.length === 0 ? (
        <EmptyState title={t('admin.users.empty')} />
      ) : (
        <div className="table-scroll">
          <Table striped miw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.users.name')}</Table.Th>
                <Table.Th scope="col">{t('admin.users.email')}</Table.Th>
                <Table.Th scope="col">{t('admin.users.roles')}</Table.Th>
                <Table.Th scope="col">{t('admin.users.active')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.roles.map((role) => (
                        <Badge key={role} variant="light">
                          {t(`roles.${role}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={t('admin.users.activeFor', { name: u.name })}
                      checked={!u.isDisabled}
                      onChange={(e) =>
                        save.mutate(
                          { id: u.id, revision: u.revision, body: { isDisabled: !e.currentTarget.checked } },
                          {
                            onError: (error) => notifications.show({ color: 'red', message: message(error) }),
                          },
                        )
                      }
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {isAdding && <AddUserDialog onClose={() => setIsAdding(false)} />}
    </section>
  );
}

function AddUserDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveUser();
  const errorOf = useFieldErrors(save.error, 'body/');
  const [form, setForm] = useState({
    name: '',
    email: '',
    roles: ['employee'] as Role[],
    locale: 'en' as 'en' | 'es',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { body: form },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('admin.users.created', { name: form.name }) });
          onClose();
        },
      },
    );
  };
  return (
    <AppModal opened onClose={onClose} title={t('admin.users.add')}>
      <form onSubmit={submit}>
        <TextInput
          label={t('admin.users.name')}
          value={form.name}
          error={errorOf('name')}
          required
          mb="sm"
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
        />
        <TextInput
          label={t('admin.users.email')}
          type="email"
          value={form.email}
          error={errorOf('email')}
          required
          mb="sm"
          onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
        />
        <MultiSelect
          label={t('admin.users.roles')}
          data={allRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          value={form.roles}
          error={errorOf('roles')}
          mb="md"
          onChange={(roles) => setForm({ ...form, roles: roles as Role[] })}
        />
        <Text size="sm" c="dimmed" mb="md">
          {t('admin.users.invitationHint')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('admin.users.create')}
          </Button>
        </Group>
      </form>
    </AppModal>
  );
}

/** Default contacts and resource links: copied into every new plan, where each plan may change them. */
function ContactsSection() {
  const { t } = useTranslation();
  const contacts = useOrgContacts();
  const save = useSaveOrgContact();
  const errorOf = useFieldErrors(save.error, 'body/');
  const message = useErrorMessage();
  const empty = { kind: 'contact' as 'contact' | 'resource', label: '', name: '', email: '', url: '' };
  const [form, setForm] = useState(empty);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      kind: form.kind,
      label: form.label,
      name: form.name || null,
      email: form.email || null,
      url: form.url || null,
    };
    save.mutate({ body }, { onSuccess: () => setForm(empty) });
  };
  return (
    <section aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">{t('admin.contacts.title')}</h2>
      <p>{t('admin.contacts.subtitle')}</p>
      {contacts.isPending ? (
        <LoadingState />
      ) : contacts.isError ? (
        <ErrorState error={contacts.error} onRetry={() => void contacts.refetch()} />
      ) : contacts.data.items.length === 0 ? (
        <EmptyState title={t('admin.contacts.empty')} />
      ) : (
        <div className="table-scroll">
          <Table striped miw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('admin.contacts.label')}</Table.Th>
                <Table.Th scope="col">{t('admin.contacts.details')}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contacts.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.label}</Table.Td>
                  <Table.Td>{[c.name, c.email, c.url].filter(Boolean).join(' · ')}</Table.Td>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      aria-label={t('admin.contacts.removeNamed', { label: c.label })}
                      onClick={() =>
                        save.mutate(
                          { id: c.id },
                          {
                            onError: (error) => notifications.show({ color: 'red', message: message(error) }),
                          },
                        )
                      }
                    >
                      {t('admin.contacts.remove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <form onSubmit={submit} aria-label={t('admin.contacts.add')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="md" mb="sm">
          <Select
            label={t('admin.contacts.kind')}
            data={[
              { value: 'contact', label: t('admin.contacts.kindContact') },
              { value: 'resource', label: t('admin.contacts.kindResource') },
            ]}
            value={form.kind}
            allowDeselect={false}
            onChange={(value) => setForm({ ...form, kind: (value ?? 'contact') as 'contact' | 'resource' })}
          />
          <TextInput
            label={t('admin.contacts.label')}
            value={form.label}
            error={errorOf('label')}
            required
            onChange={(e) => setForm({ ...form, label: e.currentTarget.value })}
          />
          <TextInput
            label={t('admin.contacts.name')}
            value={form.name}
            error={errorOf('name')}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          />
          <TextInput
            label={t('admin.contacts.email')}
            type="email"
            value={form.email}
            error={errorOf('email')}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
          />
          <TextInput
            label={t('admin.contacts.url')}
            value={form.url}
            error={errorOf('url')}
            onChange={(e) => setForm({ ...form, url: e.currentTarget.value })}
          />
        </SimpleGrid>
        <Button type="submit" loading={save.isPending}>
          {t('admin.contacts.add')}
        </Button>
      </form>
    </section>
  );
}
