BEGIN;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "RegionKind" AS ENUM ('prefecture', 'provincialPool', 'other');

-- CreateEnum
CREATE TYPE "RegionEventKind" AS ENUM ('launch', 'simulatedPayment', 'actualPayment');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('draft', 'published', 'superseded');

-- CreateEnum
CREATE TYPE "Dimension" AS ENUM ('regions', 'institutions', 'disease_groups', 'fund');

-- CreateEnum
CREATE TYPE "TargetKind" AS ENUM ('calendar_level', 'event_ladder', 'event_deadline', 'level_at_event', 'stage_milestone');

-- CreateEnum
CREATE TYPE "TargetScope" AS ENUM ('province', 'cohort', 'regions');

-- CreateEnum
CREATE TYPE "TargetAppliesTo" AS ENUM ('each_region', 'aggregate');

-- CreateEnum
CREATE TYPE "Stage" AS ENUM ('not_started', 'preparing', 'simulated', 'actual');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('draft', 'submitted', 'accepted', 'returned');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('DRG', 'DIP');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'reviewer', 'editor');

-- CreateTable
CREATE TABLE "province" (
    "code" CHAR(6) NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "short_zh" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "province_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "coordinating_region" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(16) NOT NULL,
    "province_code" CHAR(6) NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "kind" "RegionKind" NOT NULL,
    "code_source" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "coordinating_region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "region_event" (
    "id" SERIAL NOT NULL,
    "region_id" INTEGER NOT NULL,
    "kind" "RegionEventKind" NOT NULL,
    "occurred_on" DATE NOT NULL,
    "precision" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retracted_at" TIMESTAMPTZ(6),

    CONSTRAINT "region_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "province_code" CHAR(6),
    "is_national" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_version" (
    "id" SERIAL NOT NULL,
    "plan_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "PlanStatus" NOT NULL,
    "document_number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "issued_on" DATE NOT NULL,
    "published_on" DATE,
    "start_year" INTEGER NOT NULL,
    "end_year" INTEGER NOT NULL,
    "source_ref" TEXT,
    "reporting_duty" TEXT,
    "summary" TEXT,
    "note" TEXT,
    "seed_hash" TEXT,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cohort" (
    "id" SERIAL NOT NULL,
    "plan_version_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "defined_as" TEXT,
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "cohort_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cohort_member" (
    "cohort_id" INTEGER NOT NULL,
    "region_id" INTEGER NOT NULL,
    "source" TEXT,
    "inferred" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "cohort_member_pkey" PRIMARY KEY ("cohort_id","region_id")
);

-- CreateTable
CREATE TABLE "target" (
    "id" SERIAL NOT NULL,
    "plan_version_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "TargetKind" NOT NULL,
    "dimension" "Dimension" NOT NULL,
    "scope" "TargetScope" NOT NULL,
    "cohort_id" INTEGER,
    "applies_to" "TargetAppliesTo" NOT NULL,
    "subset" TEXT,
    "min_pct" DECIMAL(5,2),
    "due_on" DATE,
    "event" "RegionEventKind",
    "steps" DECIMAL(5,2)[],
    "compress_from_year" INTEGER,
    "compressed_steps" DECIMAL(5,2)[],
    "clock_floor_year" INTEGER,
    "nominal_start_year" INTEGER,
    "within_years" INTEGER,
    "required_stage" "Stage",
    "soft" BOOLEAN NOT NULL DEFAULT false,
    "interpretation" TEXT,
    "clause_ref" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "line" INTEGER,
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "target_region" (
    "target_id" INTEGER NOT NULL,
    "region_id" INTEGER NOT NULL,

    CONSTRAINT "target_region_pkey" PRIMARY KEY ("target_id","region_id")
);

-- CreateTable
CREATE TABLE "target_conflict" (
    "target_id" INTEGER NOT NULL,
    "other_target_id" INTEGER NOT NULL,
    "note" TEXT NOT NULL,

    CONSTRAINT "target_conflict_pkey" PRIMARY KEY ("target_id","other_target_id")
);

-- CreateTable
CREATE TABLE "report" (
    "id" SERIAL NOT NULL,
    "province_code" CHAR(6) NOT NULL,
    "period" CHAR(6) NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "submitted_at" TIMESTAMPTZ(6),
    "accepted_at" TIMESTAMPTZ(6),
    "created_by_id" INTEGER,
    "updated_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_row" (
    "id" SERIAL NOT NULL,
    "report_id" INTEGER NOT NULL,
    "region_id" INTEGER NOT NULL,
    "method" "PaymentMethod",
    "stage" "Stage" NOT NULL,
    "eligible_institutions" INTEGER NOT NULL,
    "covered_institutions" INTEGER NOT NULL,
    "inpatient_cases" INTEGER NOT NULL,
    "grouped_cases" INTEGER NOT NULL,
    "inpatient_fund" DECIMAL(14,2) NOT NULL,
    "drg_dip_fund" DECIMAL(14,2) NOT NULL,
    "subset_eligible_institutions" INTEGER,
    "subset_covered_institutions" INTEGER,
    "note" TEXT,

    CONSTRAINT "report_row_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_comment" (
    "id" SERIAL NOT NULL,
    "report_id" INTEGER NOT NULL,
    "author_id" INTEGER,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "province_code" CHAR(6),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_sign_in_at" TIMESTAMPTZ(6),

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "csrf_token" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" INTEGER,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "province_code" CHAR(6),
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "seed_state" (
    "key" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "applied_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seed_state_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "coordinating_region_code_key" ON "coordinating_region"("code");

-- CreateIndex
CREATE INDEX "coordinating_region_province_code_idx" ON "coordinating_region"("province_code");

-- CreateIndex
CREATE INDEX "region_event_region_id_kind_idx" ON "region_event"("region_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "plan_slug_key" ON "plan"("slug");

-- CreateIndex
CREATE INDEX "plan_province_code_idx" ON "plan"("province_code");

-- CreateIndex
CREATE UNIQUE INDEX "plan_version_plan_id_version_key" ON "plan_version"("plan_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "cohort_plan_version_id_key_key" ON "cohort"("plan_version_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "target_plan_version_id_key_key" ON "target"("plan_version_id", "key");

-- CreateIndex
CREATE INDEX "report_period_status_idx" ON "report"("period", "status");

-- CreateIndex
CREATE UNIQUE INDEX "report_province_code_period_key" ON "report"("province_code", "period");

-- CreateIndex
CREATE INDEX "report_row_region_id_idx" ON "report_row"("region_id");

-- CreateIndex
CREATE UNIQUE INDEX "report_row_report_id_region_id_key" ON "report_row"("report_id", "region_id");

-- CreateIndex
CREATE INDEX "report_comment_report_id_idx" ON "report_comment"("report_id");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE INDEX "audit_event_entity_type_entity_id_idx" ON "audit_event"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_event_province_code_at_idx" ON "audit_event"("province_code", "at");

-- AddForeignKey
ALTER TABLE "coordinating_region" ADD CONSTRAINT "coordinating_region_province_code_fkey" FOREIGN KEY ("province_code") REFERENCES "province"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "region_event" ADD CONSTRAINT "region_event_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "coordinating_region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "region_event" ADD CONSTRAINT "region_event_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan" ADD CONSTRAINT "plan_province_code_fkey" FOREIGN KEY ("province_code") REFERENCES "province"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cohort" ADD CONSTRAINT "cohort_plan_version_id_fkey" FOREIGN KEY ("plan_version_id") REFERENCES "plan_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cohort_member" ADD CONSTRAINT "cohort_member_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cohort_member" ADD CONSTRAINT "cohort_member_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "coordinating_region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target" ADD CONSTRAINT "target_plan_version_id_fkey" FOREIGN KEY ("plan_version_id") REFERENCES "plan_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target" ADD CONSTRAINT "target_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohort"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_region" ADD CONSTRAINT "target_region_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_region" ADD CONSTRAINT "target_region_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "coordinating_region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_conflict" ADD CONSTRAINT "target_conflict_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_conflict" ADD CONSTRAINT "target_conflict_other_target_id_fkey" FOREIGN KEY ("other_target_id") REFERENCES "target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_province_code_fkey" FOREIGN KEY ("province_code") REFERENCES "province"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_row" ADD CONSTRAINT "report_row_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_row" ADD CONSTRAINT "report_row_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "coordinating_region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_comment" ADD CONSTRAINT "report_comment_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_comment" ADD CONSTRAINT "report_comment_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_province_code_fkey" FOREIGN KEY ("province_code") REFERENCES "province"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written guards the Prisma schema language cannot express. They do not change the
-- shape Prisma sees, so schema.prisma and this folder's snapshot still agree.
ALTER TABLE "report" ADD CONSTRAINT "report_period_format" CHECK ("period" ~ '^[0-9]{4}Q[1-4]$');
ALTER TABLE "report_row" ADD CONSTRAINT "report_row_figures_consistent" CHECK (
  "eligible_institutions" >= 0 AND "covered_institutions" >= 0 AND "covered_institutions" <= "eligible_institutions"
  AND "inpatient_cases" >= 0 AND "grouped_cases" >= 0 AND "grouped_cases" <= "inpatient_cases"
  AND "inpatient_fund" >= 0 AND "drg_dip_fund" >= 0 AND "drg_dip_fund" <= "inpatient_fund"
);

-- The audit trail is append-only: the app never updates or deletes it, and the database
-- refuses it too. Prisma's script runner splits at every semicolon, even in quotes, so
-- there is no PL/pgSQL body here: the rules call a SQL function whose cast fails with
-- the message below.
CREATE FUNCTION "audit_event_refuse_change"() RETURNS integer LANGUAGE sql VOLATILE
  AS 'SELECT CAST(''audit_event rows are append-only (refused at '' || clock_timestamp()::text || '')'' AS integer)';
CREATE RULE "audit_event_no_update" AS ON UPDATE TO "audit_event" DO INSTEAD SELECT "audit_event_refuse_change"();
CREATE RULE "audit_event_no_delete" AS ON DELETE TO "audit_event" DO INSTEAD SELECT "audit_event_refuse_change"();

COMMIT;
