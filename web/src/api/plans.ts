// Plans and their sections: list, read, create, edit, lifecycle transitions and signatures.
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { PlanListSort } from '../../../src/contracts/plans.ts';
import { useStaleWriteNotice } from '../ui/stale-write-notice.ts';
import { ApiError, api, query } from './client.ts';
import { changedFields, etagOf, isStaleWrite } from './concurrency.ts';
import type {
  Activity,
  AnyPlanView,
  Contact,
  FocusArea,
  FocusAreaInput,
  Metric,
  MetricInput,
  Page,
  PlanCreate,
  PlanStatus,
  PlanSummary,
  PlanUpdate,
  PlanView,
  SignBody,
  SuccessCriterion,
  TransitionBody,
} from './types.ts';

export type PlanFilters = {
  /** One status, or several (sent comma-separated). */
  status?: PlanStatus | PlanStatus[];
  department?: string;
  managerId?: string;
  employeeId?: string;
  q?: string;
  sort?: PlanListSort;
  order?: 'asc' | 'desc';
  cursor?: string;
  limit?: number;
};

export type { PlanListSort };

/** The columns the plans list sorts by, checked against the contract so the two cannot drift. */
export const planListSorts = [
  'employeeName',
  'department',
  'managerName',
  'status',
  'startDate',
  'endDate',
  'progress',
  'risk',
] as const satisfies readonly PlanListSort[];
// Fails to compile when the contract gains a sort this list lacks.
type MissingSort = Exclude<PlanListSort, (typeof planListSorts)[number]>;
const hasEverySort: MissingSort extends never ? true : false = true;
void hasEverySort;

export type PlanRisk = NonNullable<PlanSummary['risk']>;
/** A row of the plans list: the summary with the plan's overall progress (0–100) and risk, null when unmeasured. */
export type PlanListItem = PlanSummary;

export const plansKey = ['plans'] as const;
export const planKey = (id: string) => ['plan', id] as const;
const base = (id: string) => `/api/v1/plans/${id}`;

const listQuery = (filters: PlanFilters) =>
  query({
    ...filters,
    status: Array.isArray(filters.status) ? filters.status.join(',') : filters.status,
  });

export const fetchPlans = (filters: PlanFilters) =>
  api.get<Page<PlanListItem>>(`/api/v1/plans${listQuery(filters)}`);

export const usePlans = (filters: PlanFilters, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: [...plansKey, filters],
    queryFn: () => fetchPlans(filters),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });

/** The plans list a page at a time: each "load more" follows the previous page's cursor. */
export const usePlanPages = (filters: Omit<PlanFilters, 'cursor'>) =>
  useInfiniteQuery({
    queryKey: [...plansKey, 'pages', filters],
    queryFn: ({ pageParam }) => fetchPlans({ ...filters, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** The whole filtered, sorted list as CSV (the same query the list shows, every page). */
export async function fetchPlansCsv(filters: Omit<PlanFilters, 'cursor' | 'limit'>): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/plans${listQuery(filters)}`, {
      headers: { accept: 'text/csv' },
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new ApiError({ status: 0, title: 'Network error', detail: (error as Error).message });
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { title?: string; detail?: string };
    throw new ApiError({
      status: response.status,
      title: problem.title ?? response.statusText,
      detail: problem.detail,
    });
  }
  return response.blob();
}

export const usePlan = (id: string | undefined) =>
  useQuery({
    queryKey: planKey(id ?? ''),
    queryFn: () => api.get<AnyPlanView>(base(id ?? '')),
    enabled: Boolean(id),
  });

/**
 * After a write: the plan document changed; lists may show a new status or dates. A write whose input
 * carries `seen` (the resource as the form read it) that is refused as stale (412) reloads the plan, tells
 * the person which fields changed, and leaves the stored resource in the error's `latest`.
 */
function usePlanWrite<TInput, TResult>(
  planId: string,
  write: (input: TInput) => Promise<TResult>,
  latestOf?: (plan: PlanView, input: TInput) => object | undefined,
) {
  const queryClient = useQueryClient();
  const notifyStale = useStaleWriteNotice();
  return useMutation({
    mutationFn: write,
    onError: async (error, input) => {
      const seen = (input as { seen?: object }).seen;
      if (!isStaleWrite(error) || !seen || !latestOf) return;
      const plan = await queryClient.fetchQuery({
        queryKey: planKey(planId),
        queryFn: () => api.get<AnyPlanView>(base(planId)),
        staleTime: 0,
      });
      error.latest = 'focusAreas' in plan ? latestOf(plan, input) : undefined;
      error.changedFields = error.latest ? changedFields(seen, error.latest) : [];
      notifyStale(error.changedFields);
    },
    onSuccess: async (result) => {
      if (result && typeof result === 'object' && 'focusAreas' in result && 'header' in result) {
        queryClient.setQueryData(planKey(planId), result);
      }
      await queryClient.invalidateQueries({ queryKey: planKey(planId) });
      void queryClient.invalidateQueries({ queryKey: plansKey });
      void queryClient.invalidateQueries({ queryKey: ['plan-extra', planId] });
    },
  });
}

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanCreate) => api.post<PlanView>('/api/v1/plans', body),
    onSuccess: (plan) => {
      queryClient.setQueryData(planKey(plan.id), plan);
      void queryClient.invalidateQueries({ queryKey: plansKey });
    },
  });
}

/** Pass `seen`, the plan as the form read it, to refuse the edit if the plan changed since. */
export const useUpdatePlan = (planId: string) =>
  usePlanWrite(
    planId,
    ({ seen, ...body }: PlanUpdate & { seen?: PlanView }) =>
      api.patch<PlanView>(base(planId), body, { ifMatch: etagOf(seen?.revision) }),
    (plan) => plan,
  );

export const useAddFocusArea = (planId: string) =>
  usePlanWrite(planId, (body: FocusAreaInput & { title: string }) =>
    api.post<FocusArea>(`${base(planId)}/focus-areas`, body),
  );
/** Pass `seen`, the focus area as the form read it, to refuse the edit if it changed since. */
export const useUpdateFocusArea = (planId: string) =>
  usePlanWrite(
    planId,
    ({ id, seen, ...body }: FocusAreaInput & { id: string; seen?: FocusArea }) =>
      api.patch<FocusArea>(`${base(planId)}/focus-areas/${id}`, body, { ifMatch: etagOf(seen?.revision) }),
    (plan, { id }) => plan.focusAreas.find((a) => a.id === id),
  );
export const useRemoveFocusArea = (planId: string) =>
  usePlanWrite(planId, (id: string) => api.delete(`${base(planId)}/focus-areas/${id}`));

export const useAddMetric = (planId: string) =>
  usePlanWrite(planId, (body: MetricInput) => api.post<Metric>(`${base(planId)}/metrics`, body));
/** Pass `seen`, the metric as the form read it, to refuse the edit if it changed since. */
export const useUpdateMetric = (planId: string) =>
  usePlanWrite(
    planId,
    ({ id, seen, ...body }: Partial<MetricInput> & { id: string; seen?: Metric }) =>
      api.patch<Metric>(`${base(planId)}/metrics/${id}`, body, { ifMatch: etagOf(seen?.revision) }),
    (plan, { id }) => plan.metrics.find((m) => m.id === id),
  );
export const useRemoveMetric = (planId: string) =>
  usePlanWrite(planId, (id: string) => api.delete(`${base(planId)}/metrics/${id}`));
export const useRecordMeasurement = (planId: string) =>
  usePlanWrite(
    planId,
    ({ metricId, ...body }: { metricId: string; date: string; value: number; note?: string }) =>
      api.post<Metric>(`${base(planId)}/metrics/${metricId}/measurements`, body),
  );

export type ActivityInput = Partial<Omit<Activity, 'id' | 'position' | 'completedAt'>>;
export const useAddActivity = (planId: string) =>
  usePlanWrite(planId, (body: ActivityInput & Pick<Activity, 'groupKey' | 'section' | 'title'>) =>
    api.post<Activity>(`${base(planId)}/activities`, body),
  );
/**
 * Ticking an activity shows at once; the server's answer then replaces the guess, or undoes it. Pass
 * `seen`, the activity as shown, to refuse the change if someone else changed it since.
 */
export function useUpdateActivity(planId: string) {
  const queryClient = useQueryClient();
  const notifyStale = useStaleWriteNotice();
  return useMutation({
    mutationFn: ({ id, seen, ...body }: ActivityInput & { id: string; seen?: Activity }) =>
      api.patch<Activity>(`${base(planId)}/activities/${id}`, body, { ifMatch: etagOf(seen?.revision) }),
    onMutate: async ({ id, seen: _seen, ...body }) => {
      await queryClient.cancelQueries({ queryKey: planKey(planId) });
      const previous = queryClient.getQueryData<AnyPlanView>(planKey(planId));
      if (previous)
        queryClient.setQueryData<AnyPlanView>(planKey(planId), {
          ...previous,
          activities: previous.activities.map((a) => (a.id === id ? { ...a, ...body } : a)),
        });
      return { previous };
    },
    onError: (error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(planKey(planId), context.previous);
      if (isStaleWrite(error)) notifyStale([]);
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: planKey(planId) });
    },
  });
}
export const useRemoveActivity = (planId: string) =>
  usePlanWrite(planId, (id: string) => api.delete(`${base(planId)}/activities/${id}`));
/** Removes several activities in one request (one change of the plan). */
export const useRemoveActivities = (planId: string) =>
  usePlanWrite(planId, (ids: string[]) => api.post<void>(`${base(planId)}/activities/removals`, { ids }));

export const useAddSuccessCriterion = (planId: string) =>
  usePlanWrite(planId, (body: { text: string }) =>
    api.post<SuccessCriterion>(`${base(planId)}/success-criteria`, body),
  );
/** Pass `seen`, the criterion as shown, to refuse the change if it changed since. */
export const useUpdateSuccessCriterion = (planId: string) =>
  usePlanWrite(
    planId,
    ({ id, seen, ...body }: { id: string; text?: string; isMet?: boolean; seen?: SuccessCriterion }) =>
      api.patch<SuccessCriterion>(`${base(planId)}/success-criteria/${id}`, body, {
        ifMatch: etagOf(seen?.revision),
      }),
    (plan, { id }) => plan.successCriteria.find((c) => c.id === id),
  );
export const useRemoveSuccessCriterion = (planId: string) =>
  usePlanWrite(planId, (id: string) => api.delete(`${base(planId)}/success-criteria/${id}`));

export type ContactInput = Partial<Omit<Contact, 'id' | 'position' | 'source'>>;
export const useAddContact = (planId: string) =>
  usePlanWrite(planId, (body: ContactInput & Pick<Contact, 'kind' | 'label'>) =>
    api.post<Contact>(`${base(planId)}/contacts`, body),
  );
/** Pass `seen`, the contact as the form read it, to refuse the edit if it changed since. */
export const useUpdateContact = (planId: string) =>
  usePlanWrite(
    planId,
    ({ id, seen, ...body }: ContactInput & { id: string; seen?: Contact }) =>
      api.patch<Contact>(`${base(planId)}/contacts/${id}`, body, { ifMatch: etagOf(seen?.revision) }),
    (plan, { id }) => plan.contacts.find((c) => c.id === id),
  );
export const useRemoveContact = (planId: string) =>
  usePlanWrite(planId, (id: string) => api.delete(`${base(planId)}/contacts/${id}`));

export const useAddExpense = (planId: string) =>
  usePlanWrite(planId, (body: { date: string; description: string; amount: number }) =>
    api.post(`${base(planId)}/expenses`, body),
  );
export const useRemoveExpense = (planId: string) =>
  usePlanWrite(planId, (id: string) => api.delete(`${base(planId)}/expenses/${id}`));

export const useTransition = (planId: string) =>
  usePlanWrite(planId, (body: TransitionBody) => api.post<PlanView>(`${base(planId)}/transitions`, body));

export const useSign = (planId: string) =>
  usePlanWrite(planId, (body: SignBody) => api.post<PlanView>(`${base(planId)}/signatures`, body));

export const useWitness = (planId: string) =>
  usePlanWrite(planId, ({ signatureId, statement }: { signatureId: string; statement: string }) =>
    api.post<PlanView>(`${base(planId)}/signatures/${signatureId}/witness`, { statement }),
  );
