CREATE TABLE "monitoring_base_figure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"definition" text DEFAULT '' NOT NULL,
	"unit" text DEFAULT 'count' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"breakdown_label" text DEFAULT '' NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_value" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"base_figure_id" uuid NOT NULL,
	"area_id" uuid,
	"area_code" text NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"reference_date" date NOT NULL,
	"value" double precision,
	"source_status" text DEFAULT 'ok' NOT NULL,
	"import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "monitoring_indicator" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_indicator_statement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"stated_on" date NOT NULL,
	"statement" text NOT NULL,
	"evidence" text NOT NULL,
	"user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_key_figure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"formula" jsonb NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"statements" text DEFAULT 'none' NOT NULL,
	"target_value" double precision,
	"target_date" date,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_import" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"user_id" text,
	"filename" text NOT NULL,
	"sheet" jsonb NOT NULL,
	"mapping" jsonb NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "monitoring_base_figure" ADD CONSTRAINT "monitoring_base_figure_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_value" ADD CONSTRAINT "monitoring_value_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_value" ADD CONSTRAINT "monitoring_value_base_figure_id_monitoring_base_figure_id_fk" FOREIGN KEY ("base_figure_id") REFERENCES "public"."monitoring_base_figure"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_value" ADD CONSTRAINT "monitoring_value_area_id_areas_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas_area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_indicator" ADD CONSTRAINT "monitoring_indicator_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_indicator_statement" ADD CONSTRAINT "monitoring_indicator_statement_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_indicator_statement" ADD CONSTRAINT "monitoring_indicator_statement_indicator_id_monitoring_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."monitoring_indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_indicator_statement" ADD CONSTRAINT "monitoring_indicator_statement_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_key_figure" ADD CONSTRAINT "monitoring_key_figure_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_import" ADD CONSTRAINT "monitoring_import_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_import" ADD CONSTRAINT "monitoring_import_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_base_figure_code_uq" ON "monitoring_base_figure" USING btree ("municipality_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_base_figure_name_uq" ON "monitoring_base_figure" USING btree ("municipality_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_value_current_uq" ON "monitoring_value" USING btree ("base_figure_id","reference_date","area_code","category") WHERE "monitoring_value"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "monitoring_value_figure_idx" ON "monitoring_value" USING btree ("municipality_id","base_figure_id","reference_date");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_indicator_name_uq" ON "monitoring_indicator" USING btree ("municipality_id","name");--> statement-breakpoint
CREATE INDEX "monitoring_indicator_statement_idx" ON "monitoring_indicator_statement" USING btree ("municipality_id","indicator_id","stated_on");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_key_figure_name_uq" ON "monitoring_key_figure" USING btree ("municipality_id","name");--> statement-breakpoint
CREATE INDEX "monitoring_import_muni_idx" ON "monitoring_import" USING btree ("municipality_id","created_at");