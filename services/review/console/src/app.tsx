import { useCallback, useEffect, useState } from 'react';
import { api, setCsrfToken, setUnauthorizedHandler } from './api';
import { Header } from './components/header';
import { releaseAllLeases } from './lease';
import { navigate, useRoute } from './router';
import { AccountScreen } from './screens/account';
import { AdminScreen } from './screens/admin';
import { DashboardScreen } from './screens/dashboard';
import { FilesScreen } from './screens/files';
import { ItemScreen } from './screens/item';
import { LoginScreen } from './screens/login';
import { QueueScreen } from './screens/queue';
import { ReportScreen } from './screens/report';
import { TakedownCaseScreen } from './screens/takedown-case';
import { TakedownCasesScreen } from './screens/takedown-cases';
import { TakedownDirectoryScreen } from './screens/takedown-directory';
import { TakedownStatisticsScreen } from './screens/takedown-statistics';
import type { SessionAnswer, User } from './types';

type SessionState = { state: 'loading' } | { state: 'anonymous'; notice?: string } | { state: 'signed-in'; user: User };

export function App() {
  const [session, setSession] = useState<SessionState>({ state: 'loading' });
  const route = useRoute();

  const signedIn = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    setSession({ state: 'signed-in', user: answer.user });
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setSession({ state: 'anonymous', notice: 'Your session has ended. Log in again.' });
    });
    api<SessionAnswer>('GET', '/api/session', undefined, { quiet401: true })
      .then((answer) => (answer ? signedIn(answer) : setSession({ state: 'anonymous' })))
      .catch(() => setSession({ state: 'anonymous' }));
  }, [signedIn]);

  const logout = useCallback(async () => {
    try {
      await releaseAllLeases();
      await api('DELETE', '/api/session', undefined, { quiet401: true });
    } finally {
      setCsrfToken(null);
      setSession({ state: 'anonymous', notice: 'You are logged out.' });
      navigate('/');
    }
  }, []);

  if (session.state === 'loading') return <p className="loading">Loading…</p>;
  if (session.state === 'anonymous') return <LoginScreen notice={session.notice} onSignedIn={signedIn} />;

  const user = session.user;
  const updateUser = (u: User) => setSession({ state: 'signed-in', user: u });
  return (
    <>
      <Header user={user} onLogout={logout} />
      <main>
        {route.name === 'queue' && <QueueScreen />}
        {route.name === 'item' && <ItemScreen key={route.id} id={route.id} user={user} />}
        {route.name === 'report' && <ReportScreen key={route.id} id={route.id} user={user} />}
        {route.name === 'dashboard' && <DashboardScreen />}
        {route.name === 'account' && <AccountScreen user={user} onUserChanged={updateUser} />}
        {route.name === 'admin' && <AdminScreen user={user} />}
        {route.name === 'files' && <FilesScreen user={user} />}
        {route.name === 'takedown' && <TakedownCasesScreen />}
        {route.name === 'takedown-case' && <TakedownCaseScreen key={route.id} id={route.id} user={user} />}
        {route.name === 'takedown-statistics' && <TakedownStatisticsScreen />}
        {route.name === 'takedown-directory' && <TakedownDirectoryScreen user={user} />}
      </main>
    </>
  );
}
