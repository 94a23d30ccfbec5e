/** Stripe's list semantics over the store: filters, newest first, cursors, `has_more`. */
import type { CryptoOnrampSession, ListOnrampSessionsParams } from '../shared/session.js';
import { LIST_LIMIT } from '../shared/validate-list.js';
import type { SessionRecord } from './session-record.js';
import type { SessionStore } from './store.js';
import type { StripeError } from './responses.js';

export type ListPage = { ok: true; records: SessionRecord[]; hasMore: boolean } | { ok: false; error: StripeError };

function matches(session: CryptoOnrampSession, params: ListOnrampSessionsParams): boolean {
  const { created } = params;
  if (typeof created === 'number' && session.created !== created) return false;
  if (typeof created === 'object') {
    if (created.gt !== undefined && !(session.created > created.gt)) return false;
    if (created.gte !== undefined && !(session.created >= created.gte)) return false;
    if (created.lt !== undefined && !(session.created < created.lt)) return false;
    if (created.lte !== undefined && !(session.created <= created.lte)) return false;
  }
  if (params.status !== undefined && session.status !== params.status) return false;
  const d = session.transaction_details;
  if (params.destination_currency !== undefined && d.destination_currency !== params.destination_currency) return false;
  if (params.destination_network !== undefined && d.destination_network !== params.destination_network) return false;
  return true;
}

export function listSessions(store: SessionStore, params: ListOnrampSessionsParams): ListPage {
  const limit = params.limit ?? LIST_LIMIT.default;
  const cursorParam = params.starting_after !== undefined ? 'starting_after' : params.ending_before !== undefined ? 'ending_before' : null;
  let cursor: SessionRecord | undefined;
  if (cursorParam) {
    const id = params[cursorParam] ?? '';
    cursor = store.get(id);
    if (!cursor) {
      return {
        ok: false,
        error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such crypto.onramp_session: '${id}'`, param: cursorParam },
      };
    }
  }
  // Oldest first; a cursor's position is its place in creation order, whatever the filters.
  const matching = store.all().filter((record) => matches(record.session, params));
  if (cursor && cursorParam === 'ending_before') {
    const newer = matching.filter((record) => record.seq > (cursor?.seq ?? 0));
    return { ok: true, records: newer.slice(0, limit).reverse(), hasMore: newer.length > limit };
  }
  const older = (cursor ? matching.filter((record) => record.seq < (cursor?.seq ?? 0)) : matching).reverse();
  return { ok: true, records: older.slice(0, limit), hasMore: older.length > limit };
}
