CREATE TABLE "offers_import" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"user_id" text,
	"filename" text NOT NULL,
	"sheet" jsonb NOT NULL,
	"mapping" jsonb NOT NULL,
	"publish" boolean DEFAULT false NOT NULL,
	"create_organizations" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "offers_import" ADD CONSTRAINT "offers_import_municipality_id_core_municipality_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."core_municipality"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers_import" ADD CONSTRAINT "offers_import_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offers_import_muni_idx" ON "offers_import" USING btree ("municipality_id","created_at");