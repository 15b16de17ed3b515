import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { ErrorNote } from '../components/error-note';
import { passkeyAssertion } from '../passkeys';
import type { SessionAnswer } from '../types';

type Step = 'password' | 'second-factor' | 'change-password';
type Factor = { otp: string } | { passkey: true };

/**
 * Username and password first (nothing is sent yet), then the second factor — a passkey preferred, a TOTP code
 * otherwise —, then, for a one-time password, the new password. The server answers every wrong part with the same
 * `invalid_credentials`, so a failure goes back to the first step.
 */
export function LoginScreen({ notice, onSignedIn }: { notice?: string; onSignedIn: (answer: SessionAnswer) => void }) {
  const [step, setStep] = useState<Step>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [factor, setFactor] = useState<Factor | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(f: Factor, changeTo?: string) {
    setBusy(true);
    setError(null);
    try {
      // A passkey answer is good for one challenge: every attempt asks the authenticator again.
      const second = 'otp' in f ? { otp: f.otp } : { passkey: await passkeyAssertion('/api/session/passkey-options', { username }) };
      const answer = await api<SessionAnswer>(
        'POST',
        '/api/session',
        { username, password, ...second, ...(changeTo ? { newPassword: changeTo } : {}) },
        { quiet401: true },
      );
      if (answer) onSignedIn(answer);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'password_change_required') {
        setFactor(f);
        setStep('change-password');
      } else {
        if (err instanceof ApiError && err.code === 'invalid_credentials') {
          setStep('password');
          setPassword('');
          setOtp('');
        }
        setError(err instanceof ApiError && err.code === 'locked' ? lockedError(err) : err);
      }
    } finally {
      setBusy(false);
    }
  }

  const onPassword = (e: FormEvent) => {
    e.preventDefault();
    if (username && password) setStep('second-factor');
  };
  const onOtp = (e: FormEvent) => {
    e.preventDefault();
    void signIn({ otp: otp.trim() });
  };
  const onChange = (e: FormEvent) => {
    e.preventDefault();
    if (newPassword !== repeat) return setError(new Error('The two new passwords differ.'));
    if (factor) void signIn(factor, newPassword);
  };

  return (
    <main className="login">
      <h1>Review console</h1>
      {notice && !error && (
        <p className="notice" data-testid="login-notice">
          {notice}
        </p>
      )}
      <ErrorNote error={error} testId="login-error" />
      {step === 'password' && (
        <form onSubmit={onPassword} data-testid="login-form" aria-label="Log in">
          <label>
            Username
            <input
              name="username"
              autoComplete="username webauthn"
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              data-testid="login-username"
            />
          </label>
          <label>
            Password
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="login-password"
            />
          </label>
          <button type="submit" data-testid="login-continue">
            Continue
          </button>
        </form>
      )}
      {step === 'second-factor' && (
        <section aria-label="Second factor" className="second-factor">
          <button type="button" disabled={busy} onClick={() => void signIn({ passkey: true })} data-testid="login-passkey">
            Use passkey
          </button>
          <p className="or">or enter the code from your authenticator app</p>
          <form onSubmit={onOtp} aria-label="Authenticator code">
            <label>
              Code
              <input
                name="otp"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9 ]{6,8}"
                required
                value={otp}
                onChange={(e) => setOtp(e.target.value)}
                data-testid="login-otp"
              />
            </label>
            <button type="submit" className="secondary" disabled={busy} data-testid="login-submit">
              Log in with code
            </button>
          </form>
          <button type="button" className="link" onClick={() => setStep('password')}>
            Back
          </button>
        </section>
      )}
      {step === 'change-password' && (
        <form onSubmit={onChange} aria-label="Choose a new password" data-testid="password-change-form">
          <p>Your password was a one-time password. Choose your own now.</p>
          <label>
            New password
            <input
              type="password"
              autoComplete="new-password"
              required
              minLength={12}
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
              data-testid="login-new-password"
            />
          </label>
          <label>
            New password again
            <input
              type="password"
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
              data-testid="login-new-password-repeat"
            />
          </label>
          <button type="submit" disabled={busy} data-testid="login-change-password">
            Set password and log in
          </button>
        </form>
      )}
    </main>
  );
}

function lockedError(err: ApiError): Error {
  const seconds = Number(err.retryAfter);
  const wait = Number.isFinite(seconds) && seconds > 0 ? ` Try again in ${Math.ceil(seconds / 60)} minute(s).` : '';
  return new Error(`Too many failed attempts: this account is locked for now.${wait}`);
}
