import type { Role } from '../api/types';

/** A user as GET/POST/PUT /api/v1/users return it (src/users/routes.ts). */
export interface UserView {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
}

export const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];
