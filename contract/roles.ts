import { z } from 'zod';

/** The roles of R-ORG-1. A user may hold several. */
export const ROLES = ['admin', 'sales', 'tech_manager', 'project_manager', 'engineer', 'commerce', 'receiver'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;
