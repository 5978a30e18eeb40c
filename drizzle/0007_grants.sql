CREATE TABLE "grants_application" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"round_id" uuid,
	"reference" text,
	"access_token_hash" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"organization_name" text DEFAULT '' NOT NULL,
	"organization_kind" text DEFAULT 'group' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"postal_address" text DEFAULT '' NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"district" text DEFAULT '' NOT NULL,
	"goals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_cooperation" boolean DEFAULT false NOT NULL,
	"cooperation_partners" text DEFAULT '' NOT NULL,
	"start_date" date,
	"end_date" date,
	"cost_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"own_funds_cents" integer DEFAULT 0 NOT NULL,
	"sponsor_funds_cents" integer DEFAULT 0 NOT NULL,
	"sponsor_note" text DEFAULT '' NOT NULL,
	"requested_cents" integer DEFAULT 0 NOT NULL,
	"advance_requested" boolean DEFAULT false NOT NULL,
	"advance_reason" text DEFAULT '' NOT NULL,
	"publish_consent" boolean DEFAULT false NOT NULL,
	"precheck" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decision_reasons" text DEFAULT '' NOT NULL,
	"granted_cents" integer DEFAULT 0 NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"settlement_report" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"settlement_due_on" date,
	"settlement_submitted_at" timestamp with time zone,
	"reminders_sent" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants_document" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"cost_item_index" integer,
	"amount_cents" integer,
	"supplier" text DEFAULT '' NOT NULL,
	"chosen" boolean DEFAULT false NOT NULL,
	"accepted" boolean,
	"note" text DEFAULT '' NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants_application_step" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"internal_note" text DEFAULT '' NOT NULL,
	"actor_label" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants_fund" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"managing_office" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"email" text NOT NULL,
	"reference_prefix" text DEFAULT 'VF' NOT NULL,
	"court" text DEFAULT '' NOT NULL,
	"districts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants_fund_year" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"budget_cents" integer NOT NULL,
	"committed_cents" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "grants_fund_year_within_budget" CHECK ("grants_fund_year"."committed_cents" >= 0 AND "grants_fund_year"."committed_cents" <= "grants_fund_year"."budget_cents")
);
--> statement-breakpoint
CREATE TABLE "grants_guideline" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"jury_decided_on" date,
	"council_confirmed_on" date,
	"change_note" text DEFAULT '' NOT NULL,
	"annual_budget_cents" integer NOT NULL,
	"cap_cents" integer NOT NULL,
	"cooperation_cap_cents" integer NOT NULL,
	"quote_threshold_cents" integer NOT NULL,
	"quotes_required" integer NOT NULL,
	"settlement_months" integer NOT NULL,
	"decision_weeks" integer NOT NULL,
	"deadlines" jsonb NOT NULL,
	"majority" text NOT NULL,
	"goals" jsonb NOT NULL,
	"excluded_districts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rejection_with_reasons" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants_jury_member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"name" text NOT NULL,
	"seat" text NOT NULL,
	"deputy_of" uuid,
	"user_id" text,
	"email" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants_ledger_entry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fund_year_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants_letter" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"application_id" uuid,
	"session_id" uuid,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"to_applicant" boolean NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants_letter_template" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants_round" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"guideline_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"deadline" date NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"location" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"present" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes_note" text DEFAULT '' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants_session_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"proposed_cents" integer NOT NULL,
	"recused" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opinion" text DEFAULT '' NOT NULL,
	"result" text,
	"tally" jsonb
);
--> statement-breakpoint
CREATE TABLE "grants_vote" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"session_item_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"recorded_by" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "grants_application" ADD CONSTRAINT "grants_application_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_application" ADD CONSTRAINT "grants_application_fund_id_grants_fund_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."grants_fund"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_application" ADD CONSTRAINT "grants_application_round_id_grants_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."grants_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_document" ADD CONSTRAINT "grants_document_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_document" ADD CONSTRAINT "grants_document_application_id_grants_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grants_application"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_application_step" ADD CONSTRAINT "grants_application_step_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_application_step" ADD CONSTRAINT "grants_application_step_application_id_grants_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grants_application"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_fund" ADD CONSTRAINT "grants_fund_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_fund_year" ADD CONSTRAINT "grants_fund_year_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_fund_year" ADD CONSTRAINT "grants_fund_year_fund_id_grants_fund_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."grants_fund"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_guideline" ADD CONSTRAINT "grants_guideline_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_guideline" ADD CONSTRAINT "grants_guideline_fund_id_grants_fund_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."grants_fund"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_jury_member" ADD CONSTRAINT "grants_jury_member_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_jury_member" ADD CONSTRAINT "grants_jury_member_fund_id_grants_fund_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."grants_fund"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_jury_member" ADD CONSTRAINT "grants_jury_member_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_ledger_entry" ADD CONSTRAINT "grants_ledger_entry_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_ledger_entry" ADD CONSTRAINT "grants_ledger_entry_fund_year_id_grants_fund_year_id_fk" FOREIGN KEY ("fund_year_id") REFERENCES "public"."grants_fund_year"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_ledger_entry" ADD CONSTRAINT "grants_ledger_entry_application_id_grants_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grants_application"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_letter" ADD CONSTRAINT "grants_letter_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_letter" ADD CONSTRAINT "grants_letter_fund_id_grants_fund_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."grants_fund"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_letter" ADD CONSTRAINT "grants_letter_application_id_grants_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grants_application"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_letter" ADD CONSTRAINT "grants_letter_session_id_grants_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."grants_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_letter_template" ADD CONSTRAINT "grants_letter_template_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_letter_template" ADD CONSTRAINT "grants_letter_template_fund_id_grants_fund_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."grants_fund"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_round" ADD CONSTRAINT "grants_round_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_round" ADD CONSTRAINT "grants_round_fund_id_grants_fund_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."grants_fund"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_round" ADD CONSTRAINT "grants_round_guideline_id_grants_guideline_id_fk" FOREIGN KEY ("guideline_id") REFERENCES "public"."grants_guideline"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_session" ADD CONSTRAINT "grants_session_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_session" ADD CONSTRAINT "grants_session_fund_id_grants_fund_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."grants_fund"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_session_item" ADD CONSTRAINT "grants_session_item_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_session_item" ADD CONSTRAINT "grants_session_item_session_id_grants_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."grants_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_session_item" ADD CONSTRAINT "grants_session_item_application_id_grants_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grants_application"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_vote" ADD CONSTRAINT "grants_vote_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_vote" ADD CONSTRAINT "grants_vote_session_item_id_grants_session_item_id_fk" FOREIGN KEY ("session_item_id") REFERENCES "public"."grants_session_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants_vote" ADD CONSTRAINT "grants_vote_member_id_grants_jury_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."grants_jury_member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "grants_application_token_uq" ON "grants_application" USING btree ("access_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_application_reference_uq" ON "grants_application" USING btree ("municipality_id","reference");--> statement-breakpoint
CREATE INDEX "grants_application_worklist_idx" ON "grants_application" USING btree ("fund_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "grants_document_application_idx" ON "grants_document" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "grants_application_step_idx" ON "grants_application_step" USING btree ("application_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_fund_slug_uq" ON "grants_fund" USING btree ("municipality_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_fund_year_uq" ON "grants_fund_year" USING btree ("fund_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_guideline_version_uq" ON "grants_guideline" USING btree ("fund_id","version");--> statement-breakpoint
CREATE INDEX "grants_jury_member_fund_idx" ON "grants_jury_member" USING btree ("fund_id");--> statement-breakpoint
CREATE INDEX "grants_ledger_year_idx" ON "grants_ledger_entry" USING btree ("fund_year_id");--> statement-breakpoint
CREATE INDEX "grants_letter_application_idx" ON "grants_letter" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "grants_letter_session_idx" ON "grants_letter" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_letter_template_uq" ON "grants_letter_template" USING btree ("fund_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_round_deadline_uq" ON "grants_round" USING btree ("fund_id","deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_session_item_uq" ON "grants_session_item" USING btree ("session_id","application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_vote_uq" ON "grants_vote" USING btree ("session_item_id","member_id");