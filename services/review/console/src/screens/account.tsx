import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, get } from '../api';
import { ErrorNote } from '../components/error-note';
import { QrCode } from '../components/qr-code';
import { useReauth } from '../components/reauth-dialog';
import { passkeyRegistration } from '../passkeys';
import type { ApiToken, Passkey, TotpEnrolment, User } from '../types';

export function AccountScreen({ user, onUserChanged }: { user: User; onUserChanged: (u: User) => void }) {
  return (
    <section aria-labelledby="account-title" className="account">
      <h1 id="account-title">Account</h1>
      <BlurPreference user={user} onUserChanged={onUserChanged} />
      <Passkeys user={user} onUserChanged={onUserChanged} />
      <Totp user={user} onUserChanged={onUserChanged} />
      <PasswordChange />
      <ApiTokens />
    </section>
  );
}

function BlurPreference({ user, onUserChanged }: { user: User; onUserChanged: (u: User) => void }) {
  const [value, setValue] = useState(user.blurStrength);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const answer = await api<{ user?: User; blurStrength?: number }>('PUT', '/api/me/preferences', { blurStrength: value });
      onUserChanged(answer?.user ?? { ...user, blurStrength: answer?.blurStrength ?? value });
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form onSubmit={save} aria-labelledby="blur-title" className="card">
      <h2 id="blur-title">Image blur</h2>
      <label>
        Blur strength when an image is revealed: {value}
        <input
          type="range"
          min={0}
          max={100}
          value={value}
          onChange={(e) => {
            setValue(Number(e.target.value));
            setSaved(false);
          }}
          data-testid="blur-strength"
        />
      </label>
      <button type="submit" data-testid="blur-save">
        Save
      </button>
      {saved && <span className="muted"> Saved.</span>}
      <ErrorNote error={error} />
    </form>
  );
}

function Passkeys({ user, onUserChanged }: { user: User; onUserChanged: (u: User) => void }) {
  const [keys, setKeys] = useState<Passkey[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    get<Passkey[] | { passkeys: Passkey[] }>('/api/me/passkeys')
      .then((r) => setKeys(Array.isArray(r) ? r : r.passkeys))
      .catch(setError);
  }, []);
  useEffect(load, [load]);
  // Factor changes may answer `reauth_required`: the dialog asks, then the change is retried.
  const { run, dialog } = useReauth(setError);

  function add(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const response = await passkeyRegistration();
      await api('POST', '/api/me/passkeys', { name: name.trim() || 'passkey', response });
      setName('');
      onUserChanged({ ...user, hasPasskey: true, mustEnrolPasskey: false });
      load();
    });
  }
  function remove(id: string) {
    void run(async () => {
      await api('DELETE', `/api/me/passkeys/${encodeURIComponent(id)}`);
      load();
    });
  }
  return (
    <section aria-labelledby="passkeys-title" className="card">
      <h2 id="passkeys-title">Passkeys</h2>
      <ul data-testid="passkey-list">
        {keys.map((k) => (
          <li key={k.id}>
            {k.name} {k.lastUsedAt && <span className="muted">last used {new Date(k.lastUsedAt).toLocaleString()}</span>}{' '}
            <button type="button" className="link" onClick={() => remove(k.id)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add}>
        <label>
          Name of the new passkey
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. office laptop" data-testid="passkey-name" />
        </label>
        <button type="submit" data-testid="passkey-add">
          Add passkey
        </button>
      </form>
      <ErrorNote error={error} />
      {dialog}
    </section>
  );
}

function Totp({ user, onUserChanged }: { user: User; onUserChanged: (u: User) => void }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [otp, setOtp] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const { run, dialog } = useReauth(setError);
  function start() {
    setDone(false);
    void run(async () => {
      setEnrolment(await api<TotpEnrolment>('POST', '/api/me/totp/options', {}));
    });
  }
  function confirm(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      await api('POST', '/api/me/totp', { otp: otp.trim() });
      setEnrolment(null);
      setOtp('');
      setDone(true);
      onUserChanged({ ...user, hasTotp: true });
    });
  }
  return (
    <section aria-labelledby="totp-title" className="card">
      <h2 id="totp-title">Authenticator app</h2>
      <p className="muted">{user.hasTotp ? 'An authenticator app is set up.' : 'No authenticator app is set up.'}</p>
      {!enrolment ? (
        <button type="button" className="secondary" onClick={start} data-testid="totp-start">
          {user.hasTotp ? 'Move to a new authenticator app' : 'Set up an authenticator app'}
        </button>
      ) : (
        <form onSubmit={confirm}>
          <QrCode enrolment={enrolment} />
          <label>
            Code shown by the app
            <input
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={otp}
              onChange={(e) => setOtp(e.target.value)}
              data-testid="totp-confirm-otp"
            />
          </label>
          <button type="submit" data-testid="totp-confirm">
            Confirm
          </button>
        </form>
      )}
      {done && <p className="notice">The new authenticator app is in use; the old one no longer works.</p>}
      <ErrorNote error={error} />
      {dialog}
    </section>
  );
}

function PasswordChange() {
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', '/api/me/password', { password, newPassword });
      setPassword('');
      setNewPassword('');
      setDone(true);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form onSubmit={submit} aria-labelledby="password-title" className="card">
      <h2 id="password-title">Password</h2>
      <label>
        Current password
        <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <label>
        New password
        <input type="password" autoComplete="new-password" required minLength={12} value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
      </label>
      <button type="submit">Change password</button>
      {done && <span className="muted"> Changed.</span>}
      <ErrorNote error={error} />
    </form>
  );
}

function ApiTokens() {
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    get<ApiToken[] | { tokens: ApiToken[] }>('/api/me/api-tokens')
      .then((r) => setTokens(Array.isArray(r) ? r : r.tokens))
      .catch(setError);
  }, []);
  useEffect(load, [load]);
  const { run, dialog } = useReauth(setError);
  function create(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const t = await api<{ id: string; name: string; token: string }>('POST', '/api/me/api-tokens', { name: name.trim() });
      if (t) setCreated(t);
      setName('');
      load();
    });
  }
  async function revoke(id: string) {
    setError(null);
    try {
      await api('DELETE', `/api/me/api-tokens/${encodeURIComponent(id)}`);
      load();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section aria-labelledby="tokens-title" className="card">
      <h2 id="tokens-title">API tokens</h2>
      <p className="muted">For scripts (Authorization: Bearer …). They act as you, without the console&apos;s admin actions.</p>
      <ul data-testid="token-list">
        {tokens.map((t) => (
          <li key={t.id}>
            {t.name}{' '}
            <button type="button" className="link" onClick={() => void revoke(t.id)}>
              Revoke
            </button>
          </li>
        ))}
      </ul>
      {created && (
        <p className="notice" data-testid="token-created">
          Token “{created.name}”, shown only now: <code>{created.token}</code>
        </p>
      )}
      <form onSubmit={create}>
        <label>
          Name
          <input required value={name} onChange={(e) => setName(e.target.value)} data-testid="token-name" />
        </label>
        <button type="submit" data-testid="token-create">
          Create token
        </button>
      </form>
      <ErrorNote error={error} />
      {dialog}
    </section>
  );
}
