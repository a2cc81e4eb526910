BEGIN;

-- AlterTable
ALTER TABLE "target" ADD COLUMN     "interpretation_zh" TEXT;

COMMIT;
