CREATE TABLE "monitoring_settings" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"suppression_threshold" integer DEFAULT 3 NOT NULL,
	"min_denominator" integer DEFAULT 30 NOT NULL,
	"highlight_rules" jsonb NOT NULL,
	"age_bands" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "monitoring_settings" ADD CONSTRAINT "monitoring_settings_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_settings" ADD CONSTRAINT "monitoring_settings_updated_by_auth_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitoring_value_date_idx" ON "monitoring_value" USING btree ("municipality_id","reference_date") WHERE "monitoring_value"."superseded_at" is null;