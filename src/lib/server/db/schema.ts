// The drizzle schema of the whole platform: core tables plus every module's own tables.
export * from '../core/schema.ts';
export * from '../modules/areas/schema.ts';
export * from '../modules/organizations/schema.ts';
export * from '../modules/accessibility/schema.ts';
export * from '../modules/offers/schema.ts';
export * from '../modules/monitoring/schema.ts';
export * from '../modules/grants/schema.ts';

import * as core from '../core/schema.ts';
import * as areas from '../modules/areas/schema.ts';
import * as organizations from '../modules/organizations/schema.ts';
import * as accessibility from '../modules/accessibility/schema.ts';
import * as offers from '../modules/offers/schema.ts';
import * as monitoring from '../modules/monitoring/schema.ts';
import * as grants from '../modules/grants/schema.ts';

export const schema = { ...core, ...areas, ...organizations, ...accessibility, ...offers, ...monitoring, ...grants };
