import type { Role } from './types';

export const ROLES_IN_ORDER: Role[] = ['analyst', 'senior', 'admin'];
