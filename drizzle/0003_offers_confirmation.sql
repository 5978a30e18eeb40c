CREATE TABLE "offers_confirmation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"user_id" text,
	"category_ids" uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers_settings" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"confirmation_interval_months" integer DEFAULT 12 NOT NULL,
	"reminder_lead_days" integer DEFAULT 28 NOT NULL,
	"grace_days" integer DEFAULT 42 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offers_report" ADD COLUMN "resolution" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "offers_service" ADD COLUMN "confirmation_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "offers_service" ADD COLUMN "reminder_stage" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "offers_service" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "offers_confirmation" ADD CONSTRAINT "offers_confirmation_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_confirmation" ADD CONSTRAINT "offers_confirmation_service_id_offers_service_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."offers_service"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_confirmation" ADD CONSTRAINT "offers_confirmation_organization_id_organizations_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations_organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_confirmation" ADD CONSTRAINT "offers_confirmation_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_settings" ADD CONSTRAINT "offers_settings_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offers_confirmation_year_idx" ON "offers_confirmation" USING btree ("municipality_id","confirmed_at");--> statement-breakpoint
-- Offers published before this migration: due one year (the default interval) after their last confirmation.
UPDATE "offers_service" SET "confirmation_due_at" = coalesce("confirmed_at", "first_published_at") + interval '12 months' WHERE "published" IS NOT NULL AND coalesce("confirmed_at", "first_published_at") IS NOT NULL;--> statement-breakpoint
INSERT INTO "offers_confirmation" ("municipality_id", "service_id", "organization_id", "kind", "confirmed_at", "category_ids")
SELECT s."municipality_id", s."id", s."organization_id", 'publish', coalesce(s."confirmed_at", s."first_published_at"),
	coalesce((SELECT array_agg(t."id") FROM "offers_taxonomy_term" t JOIN "offers_taxonomy" x ON x."id" = t."taxonomy_id"
		WHERE x."kind" = 'category' AND t."id"::text IN (SELECT jsonb_array_elements_text(s."published"->'termIds'))), '{}')
FROM "offers_service" s WHERE s."published" IS NOT NULL AND coalesce(s."confirmed_at", s."first_published_at") IS NOT NULL;
