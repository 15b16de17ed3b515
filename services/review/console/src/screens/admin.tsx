import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, get } from '../api';
import { ErrorNote } from '../components/error-note';
import { QrCode } from '../components/qr-code';
import { useReauth } from '../components/reauth-dialog';
import { ROLES_IN_ORDER } from '../roles';
import type { NewUser, Role, Settings, TotpEnrolment, User } from '../types';

/** Users and settings. Every change here may answer `reauth_required`: the dialog asks, then the change is retried. */
export function AdminScreen({ user }: { user: User }) {
  const [error, setError] = useState<unknown>(null);
  const { run, dialog } = useReauth(setError);
  if (user.role !== 'admin') return <p>This page is for admins.</p>;
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Admin</h1>
      <ErrorNote error={error} testId="admin-error" />
      <Users run={run} />
      <SettingsForm run={run} />
      {dialog}
    </section>
  );
}

type Run = (action: () => Promise<void>) => Promise<void>;

function Users({ run }: { run: Run }) {
  const [users, setUsers] = useState<User[]>([]);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [secret, setSecret] = useState<{ username: string; password: string; enrolment: TotpEnrolment } | null>(null);
  const load = useCallback(() => run(async () => setUsers(normalise(await get<User[] | { users: User[] }>('/api/users')))), [run]);
  useEffect(() => {
    void load();
  }, []);

  const create = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const u = await api<NewUser>('POST', '/api/users', { username: username.trim(), role });
      if (u) setSecret({ username: u.username, password: u.password, enrolment: u });
      setUsername('');
      await load();
    });
  };
  const patch = (id: string, change: { role?: Role; disabled?: boolean }) =>
    void run(async () => {
      await api('PATCH', `/api/users/${encodeURIComponent(id)}`, change);
      await load();
    });
  const reset = (u: User) =>
    void run(async () => {
      const r = await api<{ password: string } & TotpEnrolment>('POST', `/api/users/${encodeURIComponent(u.id)}/reset`, {});
      if (r) setSecret({ username: u.username, password: r.password, enrolment: r });
    });

  return (
    <section aria-labelledby="users-title" className="card">
      <h2 id="users-title">Users</h2>
      {secret && (
        <div className="notice" data-testid="new-user-secret">
          <p>
            Give these to <strong>{secret.username}</strong> in person; they are shown only now. One-time password:{' '}
            <code data-testid="new-user-password">{secret.password}</code>
          </p>
          <QrCode enrolment={secret.enrolment} />
          <button type="button" className="secondary" onClick={() => setSecret(null)}>
            Done
          </button>
        </div>
      )}
      <table data-testid="user-list">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col">Factors</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={u.disabled ? 'disabled' : undefined}>
              <td>
                {u.username}
                {u.disabled ? ' (disabled)' : ''}
              </td>
              <td>
                <select aria-label={`Role of ${u.username}`} value={u.role} onChange={(e) => patch(u.id, { role: e.target.value as Role })}>
                  {ROLES_IN_ORDER.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              </td>
              <td>{[u.hasPasskey && 'passkey', u.hasTotp && 'app'].filter(Boolean).join(', ') || '—'}</td>
              <td>
                <button type="button" className="secondary" onClick={() => patch(u.id, { disabled: !u.disabled })}>
                  {u.disabled ? 'Enable' : 'Disable'}
                </button>{' '}
                <button type="button" className="secondary" onClick={() => reset(u)}>
                  Reset password and app
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={create} aria-label="New user">
        <label>
          Username
          <input required value={username} onChange={(e) => setUsername(e.target.value)} data-testid="new-user-name" />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="new-user-role">
            {ROLES_IN_ORDER.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" data-testid="new-user-create">
          Create user
        </button>
      </form>
    </section>
  );
}

function SettingsForm({ run }: { run: Run }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void run(async () => setSettings(await get<Settings>('/api/settings')));
  }, []);
  if (!settings) return null;
  const set = (patch: Partial<Settings>) => {
    setSettings({ ...settings, ...patch });
    setSaved(false);
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const s = await api<Settings>('PUT', '/api/settings', settings);
      if (s) setSettings(s);
      setSaved(true);
    });
  };
  return (
    <form onSubmit={save} aria-labelledby="settings-title" className="card" data-testid="settings-form">
      <h2 id="settings-title">Settings</h2>
      <label className="inline">
        <input type="checkbox" checked={settings.fourEyes} onChange={(e) => set({ fourEyes: e.target.checked })} data-testid="setting-four-eyes" />
        Four-eyes: an illegal verdict needs a second analyst
      </label>
      <label>
        Lease (seconds an item stays with an analyst without activity)
        <input type="number" min={30} value={settings.leaseSeconds} onChange={(e) => set({ leaseSeconds: Number(e.target.value) })} />
      </label>
      <label>
        Break reminder every (minutes)
        <input type="number" min={0} value={settings.breakEveryMinutes} onChange={(e) => set({ breakEveryMinutes: Number(e.target.value) })} />
      </label>
      <label>
        Daily exposure limit (revealed images per analyst)
        <input type="number" min={0} value={settings.dailyExposureLimit} onChange={(e) => set({ dailyExposureLimit: Number(e.target.value) })} />
      </label>
      <button type="submit" data-testid="settings-save">
        Save settings
      </button>
      {saved && <span className="muted"> Saved.</span>}
    </form>
  );
}

function normalise(r: User[] | { users: User[] }): User[] {
  return Array.isArray(r) ? r : r.users;
}
