import { startAuthentication, startRegistration, type AuthenticationResponseJSON, type RegistrationResponseJSON } from '@simplewebauthn/browser';
import { api } from './api';

// The WebAuthn ceremonies: the server makes the options (and keeps the challenge), the browser's authenticator
// answers, the server checks the answer.

export async function passkeyAssertion(optionsPath: string, body: unknown): Promise<AuthenticationResponseJSON> {
  const optionsJSON = await api<Parameters<typeof startAuthentication>[0]['optionsJSON']>('POST', optionsPath, body, { quiet401: true });
  if (!optionsJSON) throw new Error('The server sent no passkey options.');
  return startAuthentication({ optionsJSON });
}

export async function passkeyRegistration(): Promise<RegistrationResponseJSON> {
  const optionsJSON = await api<Parameters<typeof startRegistration>[0]['optionsJSON']>('POST', '/api/me/passkeys/options', {});
  if (!optionsJSON) throw new Error('The server sent no passkey options.');
  return startRegistration({ optionsJSON });
}
