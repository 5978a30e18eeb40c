import type { Permission } from '../core/roles.ts';
import { organizationsModule } from './organizations/module.ts';
import { areasModule } from './areas/module.ts';
import { accessibilityModule } from './accessibility/module.ts';
import { usersModule } from './users/module.ts';
import { offersModule } from './offers/module.ts';
import { monitoringModule } from './monitoring/module.ts';
import { grantsModule } from './grants/module.ts';

export interface NavigationItem {
	label: string;
	/** Path below /{municipality}/intern/ */
	path: string;
	permission: Permission;
}

/** What a module tells the platform about itself. New modules add a manifest and register it below. */
export interface ModuleManifest {
	id: string;
	title: string;
	description: string;
	permissions: Permission[];
	navigation: NavigationItem[];
	/** Sections the module contributes to the annual integration report (none yet). */
	reportSections: { id: string; title: string }[];
}

export const MODULES: readonly ModuleManifest[] = [offersModule, monitoringModule, grantsModule, organizationsModule, areasModule, accessibilityModule, usersModule];

export function navigationFor(permissions: ReadonlySet<Permission>): NavigationItem[] {
	// A module may offer one page under two permissions (editors see all offers, providers their own): list it once.
	const seen = new Set<string>();
	return MODULES.flatMap((m) => m.navigation).filter((item) => permissions.has(item.permission) && !seen.has(item.path) && !!seen.add(item.path));
}
