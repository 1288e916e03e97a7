// What waits on the signed-in person: the home page's first section and the count beside Home.
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

export type InboxItem = {
  kind:
    | 'approve_plan'
    | 'sign_plan'
    | 'witness_refusal'
    | 'decide_adjustment'
    | 'record_check_in'
    | 'record_mentor_session'
    | 'recommend_outcome'
    | 'close_plan';
  planId: string;
  employeeName: string;
  title: string;
  action: 'approve' | 'sign' | 'witness' | 'decide' | 'record' | 'recommend' | 'close';
  dueAt: string | null;
  subjectId: string | null;
};

export const inboxKey = ['inbox'] as const;

export const useInbox = () =>
  useQuery({
    queryKey: inboxKey,
    queryFn: () => api.get<Inbox>('/api/v1/me/inbox'),
    refetchInterval: 60_000,
  });

/** The first page of the inbox, and how many items of each kind wait in all of it. */
export type Inbox = {
  items: InboxItem[];
  nextCursor: string | null;
  counts: Record<InboxItem['kind'], number>;
};

/** How many items wait in the whole inbox, beyond its first page. */
export const inboxTotal = (inbox: Inbox): number =>
  Object.values(inbox.counts).reduce((total, count) => total + count, 0);

/** Where in the plan the action is done. */
export function inboxHref(item: InboxItem): string {
  const plan = `/plans/${item.planId}`;
  switch (item.kind) {
    case 'approve_plan':
    case 'recommend_outcome':
    case 'close_plan':
      return plan;
    case 'sign_plan':
    case 'witness_refusal':
      return `${plan}/signatures`;
    case 'decide_adjustment':
      return `${plan}/history#adjustments`;
    case 'record_check_in':
    case 'record_mentor_session':
      return `${plan}/check-ins`;
  }
}
