// The routes: sign-in outside, every other page inside the signed-in shell, each page loaded on demand.
import { MutationCache, QueryClient } from '@tanstack/react-query';
import { type ComponentType, lazy, Suspense, useEffect, useState } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import { isSignOut, meKey, useMe, wasSignedIn } from './api/auth.ts';
import { isApiError, setUnauthorizedHandler } from './api/client.ts';
import { inboxKey } from './api/inbox.ts';
import { changeLanguage } from './i18n/index.ts';
import { ErrorState, LoadingState } from './ui/states.tsx';

const named = <K extends string, M extends Record<K, ComponentType>>(load: () => Promise<M>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const PageShell = named(() => import('./ui/app-shell.tsx'), 'PageShell');
const SignInPage = named(() => import('./features/auth/sign-in-page.tsx'), 'SignInPage');
const SetPasswordPage = named(() => import('./features/auth/set-password-page.tsx'), 'SetPasswordPage');
const ForgotPasswordPage = named(
  () => import('./features/auth/forgot-password-page.tsx'),
  'ForgotPasswordPage',
);
const HomePage = named(() => import('./features/home/home-page.tsx'), 'HomePage');
const PlansListPage = named(() => import('./features/plans-list/plans-list-page.tsx'), 'PlansListPage');
const PlanWizardPage = named(() => import('./features/plan-wizard/plan-wizard-page.tsx'), 'PlanWizardPage');
const PlanPage = named(() => import('./features/plan/plan-page.tsx'), 'PlanPage');
const NotificationsPage = named(
  () => import('./features/notifications/notifications-page.tsx'),
  'NotificationsPage',
);
const SettingsPage = named(() => import('./features/settings/settings-page.tsx'), 'SettingsPage');
const EmployeesAdminPage = named(
  () => import('./features/admin/employees-admin-page.tsx'),
  'EmployeesAdminPage',
);
const DirectoryImportPage = named(
  () => import('./features/directory-import/directory-import-page.tsx'),
  'DirectoryImportPage',
);
const OrganizationAdminPage = named(
  () => import('./features/admin/organization-admin-page.tsx'),
  'OrganizationAdminPage',
);
const ExportsAdminPage = named(() => import('./features/admin/exports-admin-page.tsx'), 'ExportsAdminPage');
const IntegrationsAdminPage = named(
  () => import('./features/admin/integrations-admin-page.tsx'),
  'IntegrationsAdminPage',
);
const TemplatesAdminPage = named(
  () => import('./features/admin/templates-admin-page.tsx'),
  'TemplatesAdminPage',
);
const TemplateEditorPage = named(
  () => import('./features/admin/template-editor/template-editor-page.tsx'),
  'TemplateEditorPage',
);
const FeedbackFormPage = named(
  () => import('./features/feedback/feedback-form-page.tsx'),
  'FeedbackFormPage',
);
const AnalyticsPage = named(() => import('./features/analytics/analytics-page.tsx'), 'AnalyticsPage');
const TransparencyPage = named(
  () => import('./features/transparency/transparency-page.tsx'),
  'TransparencyPage',
);
const NotFoundPage = named(() => import('./features/home/not-found-page.tsx'), 'NotFoundPage');

export const queryClient: QueryClient = new QueryClient({
  // Any change may settle or add what waits on someone: the inbox is read again after every write.
  mutationCache: new MutationCache({
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: inboxKey }),
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
    },
  },
});

/**
 * Pages past this point need a session; without one, go to sign-in and come back afterwards. Signed in, the
 * page is in the language of the account (not what an earlier user of this browser chose), and this device
 * remembers it for its next page load.
 */
function RequireSession() {
  const me = useMe();
  const location = useLocation();
  // Whose language the page is in: until the signed-in person's is applied, nothing of theirs is shown. A later
  // change of their language (the switch) changes the page in place, keeping what is on it.
  const [languageOf, setLanguageOf] = useState<string | null>(null);
  const userId = me.data?.user.id;
  const accountLanguage = me.data?.user.locale;
  useEffect(() => {
    if (!userId || !accountLanguage) return;
    void changeLanguage(accountLanguage).then(() => setLanguageOf(userId));
  }, [userId, accountLanguage]);
  if (me.isPending) return <LoadingState />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    if (isSignOut()) return <Navigate to="/sign-in?signedOut=1" replace />;
    const next = `${location.pathname}${location.search}`;
    const params = new URLSearchParams({ next });
    if (wasSignedIn()) params.set('expired', '1');
    return <Navigate to={`/sign-in?${params}`} replace />;
  }
  if (languageOf !== me.data.user.id) return <LoadingState />;
  return (
    <Suspense fallback={<LoadingState />}>
      <PageShell />
    </Suspense>
  );
}

const router = createBrowserRouter([
  {
    path: '/sign-in',
    element: (
      <Suspense fallback={<LoadingState />}>
        <SignInPage />
      </Suspense>
    ),
  },
  {
    path: '/set-password',
    element: (
      <Suspense fallback={<LoadingState />}>
        <SetPasswordPage />
      </Suspense>
    ),
  },
  {
    path: '/forgot-password',
    element: (
      <Suspense fallback={<LoadingState />}>
        <ForgotPasswordPage />
      </Suspense>
    ),
  },
  {
    path: '/feedback/:token',
    element: (
      <Suspense fallback={<LoadingState />}>
        <FeedbackFormPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: <RequireSession />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'plans', element: <PlansListPage /> },
      { path: 'plans/new', element: <PlanWizardPage /> },
      { path: 'plans/:planId/wizard', element: <PlanWizardPage /> },
      { path: 'plans/:planId/wizard/:step', element: <PlanWizardPage /> },
      { path: 'plans/:planId', element: <PlanPage /> },
      { path: 'plans/:planId/:tab', element: <PlanPage /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'analytics', element: <AnalyticsPage /> },
      { path: 'transparency', element: <TransparencyPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'admin/employees', element: <EmployeesAdminPage /> },
      { path: 'admin/employees/import', element: <DirectoryImportPage /> },
      { path: 'admin/templates', element: <TemplatesAdminPage /> },
      { path: 'admin/templates/:templateId', element: <TemplateEditorPage /> },
      { path: 'admin/organization', element: <OrganizationAdminPage /> },
      { path: 'admin/exports', element: <ExportsAdminPage /> },
      { path: 'admin/integrations', element: <IntegrationsAdminPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

// A 401 on any request means the session ended: forget the user; RequireSession sends them to sign-in.
setUnauthorizedHandler(() => {
  queryClient.setQueryData(meKey, null);
});

export function App() {
  return <RouterProvider router={router} />;
}
