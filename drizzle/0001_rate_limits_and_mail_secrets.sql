CREATE TABLE "core_rate_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"action" text NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "core_outbox_mail" ADD COLUMN "contains_secret" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "core_rate_event_key_idx" ON "core_rate_event" USING btree ("action","key","at");