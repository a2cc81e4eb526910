BEGIN;

-- AlterTable
ALTER TABLE "report" ADD COLUMN     "submitted_warnings" JSONB;

-- Reports submitted before this migration keep every figure and get NULL here: their
-- warnings as they stood at submission were never kept, so the API reads them again from
-- today's figures and says so (`warningsAt: "now"`), never passing them off as submitted.

COMMIT;
