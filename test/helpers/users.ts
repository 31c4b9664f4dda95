import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../src/auth/passwords.js';
import type { TestDatabase } from './databases.js';

export const PASSWORD = 'senha-de-teste-123';

export async function createUser(
  database: TestDatabase,
  workspaceId: number,
  role: 'admin' | 'supervisor' | 'agent',
  email: string,
): Promise<void> {
  await database.db
    .insertInto('users')
    .values({
      workspace_id: workspaceId,
      email,
      name: email.split('@')[0]!,
      role,
      password_hash: await hashPassword(PASSWORD),
      created_at: Date.now(),
    })
    .execute();
}

export interface Session {
  cookie: string;
  csrf: string;
  /** inject() with the session cookie, and the CSRF token on state-changing calls. */
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = String(response.headers['set-cookie']).split(';')[0]!;
  const csrf = response.json().csrfToken as string;
  return {
    cookie,
    csrf,
    call: (method, url, payload) =>
      app.inject({
        method,
        url,
        headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
  };
}
