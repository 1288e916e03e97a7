// Which caller the one embedded connection serves next: the request that arrived first. A request's
// statements carry the ticket it took on arrival, so one that is half done is not sent to the back of the
// queue behind newer requests at each of its statements (which made a dozen-statement read wait a dozen times).
import { AsyncLocalStorage } from 'node:async_hooks';

const tickets = new AsyncLocalStorage<number>();
let lastTicket = 0;

/** A new ticket: later than every ticket given before. */
export const takeTicket = (): number => ++lastTicket;

/** Runs `fn`, and all it starts, with one ticket: its statements are served in the order of that ticket. */
export function withTicket<T>(ticket: number, fn: () => T): T {
  return tickets.run(ticket, fn);
}

/** The ticket of the current request or job; a statement outside any takes a new one (first come, first served). */
export const currentTicket = (): number => tickets.getStore() ?? takeTicket();
