-- Typing errors in the public search are corrected against a vocabulary with trigram similarity.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "offers_location" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"street" text NOT NULL,
	"postal_code" text NOT NULL,
	"city" text NOT NULL,
	"area_id" uuid,
	"latitude" double precision,
	"longitude" double precision,
	"wheelchair_access" text DEFAULT 'unknown' NOT NULL,
	"accessible_toilet" boolean DEFAULT false NOT NULL,
	"accessibility_notes" text DEFAULT '' NOT NULL,
	"transit_notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"message" text NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"language" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_user_id" text
);
--> statement-breakpoint
CREATE TABLE "offers_search_document" (
	"service_id" uuid NOT NULL,
	"language" text NOT NULL,
	"municipality_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"document" "tsvector" NOT NULL,
	"term_ids" uuid[] NOT NULL,
	"area_ids" uuid[] NOT NULL,
	"offer_languages" text[] NOT NULL,
	"free" boolean NOT NULL,
	"minimum_age" integer,
	"maximum_age" integer,
	"status" text NOT NULL,
	CONSTRAINT "offers_search_document_service_id_language_pk" PRIMARY KEY("service_id","language")
);
--> statement-breakpoint
CREATE TABLE "offers_search_word" (
	"municipality_id" uuid NOT NULL,
	"language" text NOT NULL,
	"word" text NOT NULL,
	CONSTRAINT "offers_search_word_municipality_id_language_word_pk" PRIMARY KEY("municipality_id","language","word")
);
--> statement-breakpoint
CREATE TABLE "offers_service" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"review_state" text DEFAULT 'draft' NOT NULL,
	"draft" jsonb NOT NULL,
	"draft_minor" boolean DEFAULT false NOT NULL,
	"review_comment" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"published" jsonb,
	"published_at" timestamp with time zone,
	"first_published_at" timestamp with time zone,
	"text_version" integer DEFAULT 1 NOT NULL,
	"source_language" text DEFAULT 'de' NOT NULL,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers_taxonomy" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers_taxonomy_term" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"taxonomy_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"parent_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "offers_translation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"language" text NOT NULL,
	"texts" jsonb NOT NULL,
	"source_version" integer NOT NULL,
	"machine_made" boolean DEFAULT false NOT NULL,
	"translator" text DEFAULT '' NOT NULL,
	"updated_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offers_location" ADD CONSTRAINT "offers_location_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_location" ADD CONSTRAINT "offers_location_organization_id_organizations_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations_organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_location" ADD CONSTRAINT "offers_location_area_id_areas_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas_area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_report" ADD CONSTRAINT "offers_report_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_report" ADD CONSTRAINT "offers_report_service_id_offers_service_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."offers_service"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_report" ADD CONSTRAINT "offers_report_resolved_by_user_id_auth_user_id_fk" FOREIGN KEY ("resolved_by_user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_search_document" ADD CONSTRAINT "offers_search_document_service_id_offers_service_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."offers_service"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_search_document" ADD CONSTRAINT "offers_search_document_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_search_word" ADD CONSTRAINT "offers_search_word_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_service" ADD CONSTRAINT "offers_service_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_service" ADD CONSTRAINT "offers_service_organization_id_organizations_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations_organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_taxonomy" ADD CONSTRAINT "offers_taxonomy_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_taxonomy_term" ADD CONSTRAINT "offers_taxonomy_term_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_taxonomy_term" ADD CONSTRAINT "offers_taxonomy_term_taxonomy_id_offers_taxonomy_id_fk" FOREIGN KEY ("taxonomy_id") REFERENCES "public"."offers_taxonomy"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_taxonomy_term" ADD CONSTRAINT "offers_taxonomy_term_parent_id_offers_taxonomy_term_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."offers_taxonomy_term"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_translation" ADD CONSTRAINT "offers_translation_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_translation" ADD CONSTRAINT "offers_translation_service_id_offers_service_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."offers_service"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_translation" ADD CONSTRAINT "offers_translation_updated_by_user_id_auth_user_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offers_location_org_idx" ON "offers_location" USING btree ("municipality_id","organization_id");--> statement-breakpoint
CREATE INDEX "offers_report_open_idx" ON "offers_report" USING btree ("municipality_id","resolved_at");--> statement-breakpoint
CREATE INDEX "offers_search_document_fts_idx" ON "offers_search_document" USING gin ("document");--> statement-breakpoint
CREATE INDEX "offers_search_document_terms_idx" ON "offers_search_document" USING gin ("term_ids");--> statement-breakpoint
CREATE INDEX "offers_search_document_scope_idx" ON "offers_search_document" USING btree ("municipality_id","language","name");--> statement-breakpoint
CREATE INDEX "offers_search_word_trgm_idx" ON "offers_search_word" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "offers_service_org_idx" ON "offers_service" USING btree ("municipality_id","organization_id");--> statement-breakpoint
CREATE INDEX "offers_service_state_idx" ON "offers_service" USING btree ("municipality_id","review_state");--> statement-breakpoint
CREATE INDEX "offers_service_published_at_idx" ON "offers_service" USING btree ("municipality_id","published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_taxonomy_kind_uq" ON "offers_taxonomy" USING btree ("municipality_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_taxonomy_term_code_uq" ON "offers_taxonomy_term" USING btree ("taxonomy_id","code");--> statement-breakpoint
CREATE INDEX "offers_taxonomy_term_muni_idx" ON "offers_taxonomy_term" USING btree ("municipality_id");--> statement-breakpoint
CREATE UNIQUE INDEX "offers_translation_uq" ON "offers_translation" USING btree ("service_id","language");--> statement-breakpoint
CREATE INDEX "offers_translation_lang_idx" ON "offers_translation" USING btree ("municipality_id","language");