BEGIN;

-- CreateEnum
CREATE TYPE "ReportingFrequency" AS ENUM ('quarterly', 'monthly', 'unspecified', 'none');

-- AlterTable
ALTER TABLE "plan_version" ADD COLUMN     "reporting_deadline_days" INTEGER,
ADD COLUMN     "reporting_frequency" "ReportingFrequency" NOT NULL DEFAULT 'none',
ADD COLUMN     "reporting_starts_on" DATE;

-- AlterTable
ALTER TABLE "report_row" ADD COLUMN     "paid_institution_cases" INTEGER,
ADD COLUMN     "paid_institution_grouped_cases" INTEGER;

-- Existing rows keep every figure: the two new counts stay NULL (the report predates them)
-- and their 入组率 is read from the region-wide counts, marked as such (README "How the
-- tracker judges progress"). A hand-written guard as in the first migration: the counts at
-- paying institutions are given together, and sit inside the region-wide ones.
ALTER TABLE "report_row" ADD CONSTRAINT "report_row_paid_cases_consistent" CHECK (
  ("paid_institution_cases" IS NULL) = ("paid_institution_grouped_cases" IS NULL)
  AND ("paid_institution_cases" IS NULL OR (
    "paid_institution_cases" >= 0 AND "paid_institution_grouped_cases" >= 0
    AND "paid_institution_grouped_cases" <= "paid_institution_cases"
    AND "paid_institution_cases" <= "inpatient_cases"
    AND "paid_institution_grouped_cases" <= "grouped_cases"
  ))
);
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_reporting_deadline_days" CHECK (
  "reporting_deadline_days" IS NULL OR "reporting_deadline_days" BETWEEN 0 AND 365
);

COMMIT;
