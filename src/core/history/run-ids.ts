/**
 * Who may say what about a run (README "Who can do what"): run ids are issued by the server and kept
 * in the user's own store, so a sidebar loop can continue only a run its own user started — an id
 * copied from someone else's history row starts a new run instead of merging into theirs. Likewise
 * "started from the menu" is a one-use token the menu item puts in the page, not a claim the page
 * makes. Pure: the store is the user's (user properties in production), bounded to a few hundred
 * bytes.
 */
import type { Clock, KeyValueStore } from '../platform/ports';

const RUN_IDS_KEY = 'runIds';
const MENU_TOKEN_KEY = 'menuStartToken';
/** Ids a user keeps: loops run one at a time, so the last few are more than enough. */
const KEPT_IDS = 8;
/** A loop idle this long is over: its id may no longer be continued. */
export const RUN_ID_TTL_MS = 6 * 60 * 60_000;
/** The menu's token must be used by the page's first call, within minutes of opening it. */
export const MENU_TOKEN_TTL_MS = 10 * 60_000;

interface KeptId {
  id: string;
  at: number;
}

function randomPart(clock: Clock): string {
  return Math.floor(clock.random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0');
}

function readIds(store: KeyValueStore, now: number): KeptId[] {
  try {
    const parsed: unknown = JSON.parse(store.get(RUN_IDS_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (entry): entry is KeptId =>
        !!entry &&
        typeof (entry as KeptId).id === 'string' &&
        typeof (entry as KeptId).at === 'number' &&
        now - (entry as KeptId).at < RUN_ID_TTL_MS,
    );
  } catch {
    return [];
  }
}

/**
 * The run id for one send call: `claimed` when this user was given it (and its loop is still going),
 * else a new id, remembered for this user. Never throws: a store that fails yields an id that only
 * this call uses.
 */
export function runIdFor(store: KeyValueStore, clock: Clock, claimed: unknown): string {
  const now = clock.now();
  let kept: KeptId[] = [];
  try {
    kept = readIds(store, now);
  } catch {
    // A fresh id below.
  }
  const known = typeof claimed === 'string' ? kept.find((entry) => entry.id === claimed) : undefined;
  const id = known ? known.id : `r-${now.toString(36)}-${randomPart(clock)}`;
  const next = [{ id, at: now }, ...kept.filter((entry) => entry.id !== id)].slice(0, KEPT_IDS);
  try {
    store.set(RUN_IDS_KEY, JSON.stringify(next));
  } catch {
    // The id still names this call's history row; a next call starts a new one.
  }
  return id;
}

/** A one-use token for the page the menu's "Send invitations" opens (replaces any earlier one). */
export function issueMenuToken(store: KeyValueStore, clock: Clock): string {
  const token = `m-${randomPart(clock)}${randomPart(clock)}`;
  try {
    store.set(MENU_TOKEN_KEY, JSON.stringify({ token, at: clock.now() }));
    return token;
  } catch {
    return '';
  }
}

/** True (once) when `claimed` is the menu's current token: the run was started from the menu. */
export function takeMenuToken(store: KeyValueStore, clock: Clock, claimed: unknown): boolean {
  if (typeof claimed !== 'string' || claimed === '') return false;
  try {
    const raw = store.get(MENU_TOKEN_KEY);
    if (!raw) return false;
    const kept = JSON.parse(raw) as { token?: unknown; at?: unknown } | null;
    const at = typeof kept?.at === 'number' ? kept.at : Number.NEGATIVE_INFINITY;
    if (kept?.token !== claimed || clock.now() - at > MENU_TOKEN_TTL_MS) return false;
    store.remove(MENU_TOKEN_KEY);
    return true;
  } catch {
    return false;
  }
}
