import type { ServiceContext } from '#lib/server/core/context.ts';
import type { Actor } from '#lib/server/core/roles.ts';
import type { Municipality } from '#lib/server/core/tenancy.ts';
import type { Platform as TeilhabePlatform } from '#lib/server/platform.ts';

declare global {
	namespace App {
		interface Locals {
			platform: TeilhabePlatform;
			actor: Actor;
			/** The municipality named in the URL, if any. */
			municipality: Municipality | null;
			/** Service context for that municipality (null when the URL names none). */
			ctx: ServiceContext | null;
			language: string;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
