import { useEffect, useState } from 'react';
import { api, ApiError, get, releaseOnUnload } from './api';
import type { Settings } from './types';

const FALLBACK_LEASE_SECONDS = 300;

/** The lease paths this page holds now: logging out releases them first, while the session still exists. */
const held = new Set<string>();

export async function releaseAllLeases(): Promise<void> {
  const paths = [...held];
  held.clear();
  await Promise.allSettled(paths.map((p) => api('DELETE', p, undefined, { quiet401: true })));
}

export type LeaseState = 'checking' | 'held' | 'lost';

/**
 * Keeps the lease of an open item: renewed every leaseSeconds/3 (so two renewals may fail before it runs out),
 * released when the view closes or the page unloads. `lost` when the server says another analyst holds it now.
 */
export function useLease(itemId: string, enabled: boolean): LeaseState {
  const [state, setState] = useState<LeaseState>('checking');
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    let timer: number | undefined;
    const path = `/api/items/${encodeURIComponent(itemId)}/lease`;

    // Renewals by the timer are background requests: they must not keep an unattended session alive, and
    // they stop once the session has ended.
    async function renew(background: boolean): Promise<boolean> {
      try {
        await api<{ leaseUntil: string }>('POST', path, {}, { background });
        if (alive) {
          held.add(path);
          setState('held');
        }
        return true;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) window.clearInterval(timer);
        if (err instanceof ApiError) held.delete(path);
        if (alive && err instanceof ApiError && (err.code === 'lease_lost' || err.status === 409 || err.status === 404)) setState('lost');
        return false;
      }
    }

    void (async () => {
      const seconds = await leaseSeconds();
      if (!alive) return;
      if (!(await renew(false)) || !alive) return;
      timer = window.setInterval(() => void renew(true), Math.max(5, seconds / 3) * 1000);
    })();

    const onUnload = () => releaseOnUnload(path);
    window.addEventListener('pagehide', onUnload);
    return () => {
      alive = false;
      window.clearInterval(timer);
      window.removeEventListener('pagehide', onUnload);
      // Nothing to release when the lease was never held, or logging out released it already.
      if (held.delete(path)) void api('DELETE', path).catch(() => {});
    };
  }, [itemId, enabled]);
  return enabled ? state : 'lost';
}

async function leaseSeconds(): Promise<number> {
  try {
    return (await get<Settings>('/api/settings')).leaseSeconds || FALLBACK_LEASE_SECONDS;
  } catch {
    return FALLBACK_LEASE_SECONDS;
  }
}
