import { useEffect, useState } from 'react';
import { get } from '../api';
import { navigate } from '../router';
import type { Exposure, User } from '../types';
import { Link } from './link';

/** Asks for the exposure counter now and then, and when a reveal happened (the image viewer fires this event). */
export const EXPOSURE_CHANGED = 'hotline:exposure-changed';
const EXPOSURE_POLL_MS = 60_000;

export function Header({ user, onLogout }: { user: User; onLogout: () => void }) {
  const [exposure, setExposure] = useState<Exposure | null>(null);
  const [breakDismissed, setBreakDismissed] = useState(false);

  useEffect(() => {
    let alive = true;
    const load = () =>
      get<Exposure>('/api/me/exposure', { background: true })
        .then((e) => alive && setExposure(e))
        .catch(() => {});
    load();
    const timer = window.setInterval(load, EXPOSURE_POLL_MS);
    window.addEventListener(EXPOSURE_CHANGED, load);
    return () => {
      alive = false;
      window.clearInterval(timer);
      window.removeEventListener(EXPOSURE_CHANGED, load);
    };
  }, []);

  // A new reminder after each dismissal, when the server says a break is due again.
  useEffect(() => {
    if (exposure && !exposure.breakDue) setBreakDismissed(false);
  }, [exposure]);

  const senior = user.role === 'senior' || user.role === 'admin';
  const overLimit = exposure ? exposure.limit > 0 && exposure.today >= exposure.limit : false;
  return (
    <header className="top">
      <nav aria-label="Main">
        <Link to="/" testId="nav-queue">
          Queue
        </Link>
        <Link to="/dashboard" testId="nav-dashboard">
          Dashboard
        </Link>
        <Link to="/takedown" testId="nav-takedown">
          Takedown
        </Link>
        {senior && (
          <Link to="/files" testId="nav-files">
            Closed reports
          </Link>
        )}
        <Link to="/account" testId="nav-account">
          Account
        </Link>
        {user.role === 'admin' && (
          <Link to="/admin" testId="nav-admin">
            Admin
          </Link>
        )}
      </nav>
      <div className="who">
        {exposure && (
          <span className={overLimit ? 'exposure over' : 'exposure'} data-testid="exposure-counter" title="Images revealed today / daily limit">
            Viewed today: {exposure.today}
            {exposure.limit > 0 ? ` / ${exposure.limit}` : ''}
          </span>
        )}
        <span data-testid="current-user">
          {user.username} ({user.role})
        </span>
        <button type="button" className="secondary" data-testid="logout" onClick={onLogout}>
          Log out
        </button>
      </div>
      {exposure?.breakDue && !breakDismissed && (
        <div className="backdrop">
          <div role="dialog" aria-modal="true" aria-labelledby="break-title" className="dialog" data-testid="break-dialog">
            <h2 id="break-title">Time for a break</h2>
            <p>
              You have been reviewing for {exposure.breakEveryMinutes} minutes. Step away from the screen for a while: look at something far away, move, drink
              some water.
            </p>
            <div className="actions">
              <button type="button" data-testid="break-dismiss" onClick={() => setBreakDismissed(true)}>
                I have taken a break
              </button>
              <button type="button" className="secondary" onClick={() => navigate('/dashboard')}>
                Leave the queue
              </button>
            </div>
          </div>
        </div>
      )}
    </header>
  );
}
