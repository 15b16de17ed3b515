import type { MouseEvent, ReactNode } from 'react';
import { navigate } from '../router';

/** An in-app link: a real href (open in a new tab works), navigation without a page load on a plain click. */
export function Link({ to, children, testId, className }: { to: string; children: ReactNode; testId?: string; className?: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} data-testid={testId} className={className}>
      {children}
    </a>
  );
}
