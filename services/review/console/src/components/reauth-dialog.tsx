import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { passkeyAssertion } from '../passkeys';
import { ErrorNote } from './error-note';

/** Admin actions want the password and a second factor again (REVIEW_REAUTH_MINUTES); then the action is retried. */
export function ReauthDialog({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function confirm(withPasskey: boolean) {
    setBusy(true);
    setError(null);
    try {
      const second = withPasskey ? { passkey: await passkeyAssertion('/api/session/reauth-options', {}) } : { otp: otp.trim() };
      await api('POST', '/api/session/reauth', { password, ...second });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'invalid_credentials' ? new Error('The password or the second factor is wrong.') : err);
    } finally {
      setBusy(false);
    }
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void confirm(false);
  };

  return (
    <div className="backdrop">
      <form role="dialog" aria-modal="true" aria-labelledby="reauth-title" className="dialog" onSubmit={onSubmit} data-testid="reauth-dialog">
        <h2 id="reauth-title">Confirm it is you</h2>
        <p>This action needs your password and second factor again.</p>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="reauth-password"
          />
        </label>
        <button type="button" disabled={busy || !password} onClick={() => void confirm(true)} data-testid="reauth-passkey">
          Use passkey
        </button>
        <label>
          or authenticator code
          <input inputMode="numeric" autoComplete="one-time-code" value={otp} onChange={(e) => setOtp(e.target.value)} data-testid="reauth-otp" />
        </label>
        <ErrorNote error={error} testId="reauth-error" />
        <div className="actions">
          <button type="submit" className="secondary" disabled={busy || !password || !otp} data-testid="reauth-submit">
            Confirm with code
          </button>
          <button type="button" className="link" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

/** Runs an admin action; a `reauth_required` answer opens the dialog and retries the action after it. */
export function useReauth(setError: (err: unknown) => void) {
  const [pending, setPending] = useState<(() => Promise<void>) | null>(null);
  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'reauth_required') setPending(() => action);
      else setError(err);
    }
  };
  const dialog = pending ? (
    <ReauthDialog
      onCancel={() => setPending(null)}
      onDone={() => {
        const action = pending;
        setPending(null);
        void run(action);
      }}
    />
  ) : null;
  return { run, dialog };
}
