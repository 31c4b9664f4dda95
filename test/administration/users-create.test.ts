import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestContext } from '../helpers/app.js';
import { ENGINES } from '../helpers/databases.js';
import { createUser, type Session, signIn } from '../helpers/users.js';

describe.each(ENGINES)('Usuários: creating a user by hand on %s', (engine) => {
  let t: TestContext;
  let admin: Session;
  beforeAll(async () => {
    t = await setupTestApp(engine);
    await createUser(t.database, t.source.workspaceId, 'admin', 'chefe@acme.test');
    await createUser(t.database, t.source.workspaceId, 'supervisor', 'super@acme.test');
    admin = await signIn(t.app, 'chefe@acme.test');
  });
  afterAll(async () => t?.close());

  it('creates a user who signs in with the initial password, and audits it', async () => {
    const created = await admin.call('POST', '/api/v1/users', {
      name: '  Rita Atendente ',
      email: 'Rita@Acme.test',
      role: 'agent',
      password: 'senha-inicial-123',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Rita Atendente',
      email: 'rita@acme.test',
      role: 'agent',
      active: true,
    });
    const rita = await signIn(t.app, 'rita@acme.test', 'senha-inicial-123');
    expect((await rita.call('GET', '/api/v1/auth/me')).json()).toMatchObject({ role: 'agent', name: 'Rita Atendente' });
    const listed = (await admin.call('GET', '/api/v1/users')).json().users as { email: string }[];
    expect(listed.map((u) => u.email)).toContain('rita@acme.test');
    const entries = (await admin.call('GET', '/api/v1/audit')).json().entries as {
      entity: string;
      action: string;
      after: unknown;
    }[];
    const audit = entries.find((e) => e.entity === 'user' && e.action === 'create');
    expect(audit?.after).toEqual({ email: 'rita@acme.test', name: 'Rita Atendente', role: 'agent' });
    expect(JSON.stringify(entries)).not.toContain('senha-inicial-123');
  });

  it('refuses bad input with the field named, and saves nothing', async () => {
    const before = (await admin.call('GET', '/api/v1/users')).json().users.length;
    const duplicate = await admin.call('POST', '/api/v1/users', {
      name: 'Outra Rita',
      email: 'RITA@acme.test',
      role: 'agent',
      password: 'senha-inicial-123',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ field: 'email', message: 'Já existe um usuário com este e-mail.' });
    const badEmail = await admin.call('POST', '/api/v1/users', {
      name: 'Sem Arroba',
      email: 'sem-arroba',
      role: 'agent',
      password: 'senha-inicial-123',
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json()).toMatchObject({
      field: 'email',
      message: 'Informe um e-mail válido, como nome@empresa.com.br.',
    });
    const shortPassword = await admin.call('POST', '/api/v1/users', {
      name: 'Curta',
      email: 'curta@acme.test',
      role: 'agent',
      password: 'curta',
    });
    expect(shortPassword.statusCode).toBe(400);
    expect(shortPassword.json()).toMatchObject({
      field: 'password',
      message: 'A senha precisa ter pelo menos 10 caracteres.',
    });
    const badRole = await admin.call('POST', '/api/v1/users', {
      name: 'Dona',
      email: 'dona@acme.test',
      role: 'owner',
      password: 'senha-inicial-123',
    });
    expect(badRole.json()).toMatchObject({ field: 'role' });
    const blankName = await admin.call('POST', '/api/v1/users', {
      name: '   ',
      email: 'branco@acme.test',
      role: 'agent',
      password: 'senha-inicial-123',
    });
    expect(blankName.json()).toMatchObject({ field: 'name', message: 'Informe o nome.' });
    expect((await admin.call('GET', '/api/v1/users')).json().users).toHaveLength(before);
  });

  it('answers invites and their acceptance in pt-BR, next to the field', async () => {
    const badInvite = await admin.call('POST', '/api/v1/users/invites', { email: 'não é e-mail', role: 'agent' });
    expect(badInvite.statusCode).toBe(400);
    expect(badInvite.json()).toMatchObject({
      field: 'email',
      message: 'Informe um e-mail válido, como nome@empresa.com.br.',
    });
    const invite = await admin.call('POST', '/api/v1/users/invites', { email: 'lia@acme.test', role: 'agent' });
    const token = invite.json().inviteUrl.split('/').pop();
    const accept = (payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/auth/invites/${token}/accept`, payload });
    const short = await accept({ name: 'Lia', password: 'curta' });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ field: 'password', message: 'A senha precisa ter pelo menos 10 caracteres.' });
    expect((await accept({ name: ' ', password: 'senha-bem-longa-1' })).json()).toMatchObject({ field: 'name' });
    // The refusals did not use the invite up.
    expect((await accept({ name: 'Lia', password: 'senha-bem-longa-1' })).statusCode).toBe(201);
  });

  it('is for admins only', async () => {
    const supervisor = await signIn(t.app, 'super@acme.test');
    const refused = await supervisor.call('POST', '/api/v1/users', {
      name: 'Intrusa',
      email: 'intrusa@acme.test',
      role: 'admin',
      password: 'senha-inicial-123',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('an invite whose e-mail got an account meanwhile answers 409, not a crash', async () => {
    const invite = await admin.call('POST', '/api/v1/users/invites', { email: 'paulo@acme.test', role: 'supervisor' });
    const token = invite.json().inviteUrl.split('/').pop();
    await admin.call('POST', '/api/v1/users', {
      name: 'Paulo',
      email: 'paulo@acme.test',
      role: 'agent',
      password: 'senha-inicial-123',
    });
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/auth/invites/${token}/accept`,
      payload: { name: 'Paulo', password: 'outra-senha-longa' },
    });
    expect(accepted.statusCode).toBe(409);
    expect(accepted.json()).toMatchObject({ field: 'token' });
    // The hand-made account keeps its role and password.
    const paulo = await signIn(t.app, 'paulo@acme.test', 'senha-inicial-123');
    expect((await paulo.call('GET', '/api/v1/auth/me')).json().role).toBe('agent');
  });
});
