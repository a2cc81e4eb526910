BEGIN;

-- CreateTable
CREATE TABLE "institution" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(32) NOT NULL,
    "region_id" INTEGER NOT NULL,
    "name_zh" TEXT NOT NULL,
    "secondary_public" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "institution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "institution_quarter" (
    "report_id" INTEGER NOT NULL,
    "institution_id" INTEGER NOT NULL,
    "eligible" BOOLEAN NOT NULL,
    "paid" BOOLEAN NOT NULL,
    "method" "PaymentMethod",
    "inpatient_cases" INTEGER NOT NULL,
    "grouped_cases" INTEGER NOT NULL,
    "inpatient_fund" DECIMAL(14,2) NOT NULL,
    "drg_dip_fund" DECIMAL(14,2) NOT NULL,

    CONSTRAINT "institution_quarter_pkey" PRIMARY KEY ("report_id","institution_id")
);

-- CreateTable
CREATE TABLE "data_version" (
    "scope" VARCHAR(16) NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "data_version_pkey" PRIMARY KEY ("scope")
);

-- CreateIndex
CREATE UNIQUE INDEX "institution_code_key" ON "institution"("code");

-- CreateIndex
CREATE INDEX "institution_region_id_idx" ON "institution"("region_id");

-- CreateIndex
CREATE INDEX "institution_quarter_institution_id_idx" ON "institution_quarter"("institution_id");

-- AddForeignKey
ALTER TABLE "institution" ADD CONSTRAINT "institution_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "coordinating_region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "institution_quarter" ADD CONSTRAINT "institution_quarter_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "institution_quarter" ADD CONSTRAINT "institution_quarter_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

COMMIT;
