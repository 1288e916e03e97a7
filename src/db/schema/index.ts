// The whole database schema, for Drizzle and drizzle-kit.
export * from './analytics-snapshots.ts';
export * from './audit.ts';
export * from './check-ins.ts';
export * from './directory.ts';
export * from './employees.ts';
export * from './exports.ts';
export * from './fairness.ts';
export * from './files.ts';
export * from './headcounts.ts';
export * from './integrations.ts';
export * from './organizations.ts';
export * from './plan-summaries.ts';
export * from './plans.ts';
export * from './read-stamps.ts';
export * from './saved-views.ts';
export * from './scim.ts';
export * from './sso.ts';
