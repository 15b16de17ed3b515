import { useEffect, useState } from 'react';

// A few screens, one path each: history navigation without a router library. The review service answers every
// non-/api GET with index.html, so a reload on /items/… lands here again.

export type Route =
  | { name: 'queue' }
  | { name: 'item'; id: string }
  | { name: 'report'; id: string }
  | { name: 'dashboard' }
  | { name: 'account' }
  | { name: 'admin' }
  | { name: 'files' }
  | { name: 'takedown' }
  | { name: 'takedown-case'; id: string }
  | { name: 'takedown-statistics' }
  | { name: 'takedown-directory' };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'items' && parts[1]) return { name: 'item', id: parts[1] };
  if (parts[0] === 'reports' && parts[1]) return { name: 'report', id: parts[1] };
  if (parts[0] === 'dashboard') return { name: 'dashboard' };
  if (parts[0] === 'account') return { name: 'account' };
  if (parts[0] === 'admin') return { name: 'admin' };
  if (parts[0] === 'files') return { name: 'files' };
  if (parts[0] === 'takedown' && parts[1] === 'statistics') return { name: 'takedown-statistics' };
  if (parts[0] === 'takedown' && parts[1] === 'directory') return { name: 'takedown-directory' };
  if (parts[0] === 'takedown' && parts[1] === 'cases' && parts[2]) return { name: 'takedown-case', id: parts[2] };
  if (parts[0] === 'takedown') return { name: 'takedown' };
  return { name: 'queue' };
}

export function navigate(path: string): void {
  if (window.location.pathname === path) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return route;
}

export const itemPath = (id: string) => `/items/${encodeURIComponent(id)}`;
export const reportPath = (id: string) => `/reports/${encodeURIComponent(id)}`;
export const takedownCasePath = (id: string) => `/takedown/cases/${encodeURIComponent(id)}`;
