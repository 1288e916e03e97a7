// The plans list's state as it lives in the URL (shareable, kept by the back button) and in a saved view.
import { type PlanFilters, type PlanListSort, planListSorts } from '../../api/plans.ts';
import type { SavedViewQuery } from '../../api/saved-views.ts';
import { planStatuses } from '../../api/statuses.ts';
import type { PlanStatus } from '../../api/types.ts';

export type ListState = {
  status: PlanStatus[];
  department: string;
  managerId: string;
  q: string;
  sort: PlanListSort;
  order: 'asc' | 'desc';
};

/** The list's order when the URL names none (as the API sorts by default). */
export const defaultSort: Pick<ListState, 'sort' | 'order'> = { sort: 'endDate', order: 'asc' };

const isStatus = (value: string): value is PlanStatus => (planStatuses as readonly string[]).includes(value);
const isSort = (value: string | null): value is PlanListSort =>
  value !== null && (planListSorts as readonly string[]).includes(value);

/** Reads the state from the URL; unknown values are ignored rather than sent to the API. */
export function stateOf(params: URLSearchParams): ListState {
  const status = [...new Set((params.get('status') ?? '').split(',').filter(isStatus))];
  const sort = params.get('sort');
  const order = params.get('order');
  return {
    status: planStatuses.filter((s) => status.includes(s)),
    department: params.get('department') ?? '',
    managerId: params.get('managerId') ?? '',
    q: params.get('q') ?? '',
    sort: isSort(sort) ? sort : defaultSort.sort,
    order: order === 'desc' || order === 'asc' ? order : defaultSort.order,
  };
}

/** The URL of a state: only what differs from the defaults, statuses comma-separated as the API takes them. */
export function paramsOf(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.status.length > 0) params.set('status', state.status.join(','));
  if (state.department) params.set('department', state.department);
  if (state.managerId) params.set('managerId', state.managerId);
  if (state.q) params.set('q', state.q);
  if (state.sort !== defaultSort.sort || state.order !== defaultSort.order) {
    params.set('sort', state.sort);
    params.set('order', state.order);
  }
  return params;
}

/** The API filters of a state (no cursor: pages follow each other). */
export function filtersOf(state: ListState): Omit<PlanFilters, 'cursor' | 'limit'> {
  return {
    status: state.status.length > 0 ? state.status : undefined,
    department: state.department || undefined,
    managerId: state.managerId || undefined,
    q: state.q || undefined,
    sort: state.sort,
    order: state.order,
  };
}

/** What a saved view keeps of a state: the filters set and the sort. */
export function viewQueryOf(state: ListState): SavedViewQuery {
  const query: SavedViewQuery = { sort: state.sort, order: state.order };
  if (state.status.length > 0) query.status = state.status;
  if (state.department) query.department = state.department;
  if (state.managerId) query.managerId = state.managerId;
  if (state.q) query.q = state.q;
  return query;
}

/** The state a saved view opens. */
export function stateOfView(query: SavedViewQuery): ListState {
  return {
    status: planStatuses.filter((s) => query.status?.includes(s)),
    department: query.department ?? '',
    managerId: query.managerId ?? '',
    q: query.q ?? '',
    sort: query.sort ?? defaultSort.sort,
    order: query.order ?? defaultSort.order,
  };
}

/** Whether two states show the same list (a saved view is "current" when it matches). */
export const isSameState = (a: ListState, b: ListState): boolean =>
  paramsOf(a).toString() === paramsOf(b).toString();

export const hasFilters = (state: ListState): boolean =>
  Boolean(state.status.length > 0 || state.department || state.managerId || state.q);
