/**
 * The quarterly template a bureau fills in Excel: one row per coordinating region, Chinese
 * headers (English in brackets). The same columns are read back by the importer.
 */
import type { Stage } from '../../domain/types.ts';
import { STAGE_WORDS, wordsIn } from '../../domain/vocabulary.ts';

export interface TemplateColumn {
  key:
    | 'regionCode'
    | 'regionName'
    | 'method'
    | 'stage'
    | 'eligibleInstitutions'
    | 'coveredInstitutions'
    | 'inpatientCases'
    | 'groupedCases'
    | 'paidInstitutionCases'
    | 'paidInstitutionGroupedCases'
    | 'inpatientFund'
    | 'drgDipFund'
    | 'subsetEligibleInstitutions'
    | 'subsetCoveredInstitutions'
    | 'note';
  header: string;
  kind: 'code' | 'text' | 'method' | 'stage' | 'count' | 'money';
  required: boolean;
  /** headers of earlier templates that still name this column (files already filled in) */
  formerHeaders?: string[];
}

export const TEMPLATE_COLUMNS: TemplateColumn[] = [
  { key: 'regionCode', header: '统筹地区编码 (region code)', kind: 'code', required: true },
  { key: 'regionName', header: '统筹地区名称 (region)', kind: 'text', required: false },
  { key: 'method', header: '付费方式 DRG/DIP (method)', kind: 'method', required: false },
  {
    key: 'stage',
    header: '改革阶段 未启动/准备/模拟付费/实际付费 (stage)',
    kind: 'stage',
    required: true,
  },
  {
    key: 'eligibleInstitutions',
    header: '符合条件的开展住院服务的医疗机构数 (eligible institutions)',
    kind: 'count',
    required: true,
  },
  {
    key: 'coveredInstitutions',
    header: 'DRG/DIP付费医疗机构数 (covered institutions)',
    kind: 'count',
    required: true,
  },
  {
    key: 'inpatientCases',
    header: '全地区住院病例数，年度累计 (inpatient cases, whole region, YTD)',
    kind: 'count',
    required: true,
    formerHeaders: ['住院病例数'],
  },
  {
    key: 'groupedCases',
    header: '全地区入组病例数，年度累计 (grouped cases, whole region, YTD)',
    kind: 'count',
    required: true,
    formerHeaders: ['入组病例数'],
  },
  // The plans' 入组率 is "DRG/DIP 付费医疗机构病组（病种）入组率": cases at the paid institutions.
  {
    key: 'paidInstitutionCases',
    header:
      'DRG/DIP付费医疗机构住院病例数，年度累计 (inpatient cases at DRG/DIP-paid institutions, YTD)',
    kind: 'count',
    required: false,
  },
  {
    key: 'paidInstitutionGroupedCases',
    header:
      'DRG/DIP付费医疗机构入组病例数，年度累计 (grouped cases at DRG/DIP-paid institutions, YTD)',
    kind: 'count',
    required: false,
  },
  {
    key: 'inpatientFund',
    header: '住院医保基金支出 万元，年度累计 (inpatient fund, 10k CNY, YTD)',
    kind: 'money',
    required: true,
  },
  {
    key: 'drgDipFund',
    header: 'DRG/DIP付费医保基金支出 万元，年度累计 (DRG/DIP-paid fund, 10k CNY, YTD)',
    kind: 'money',
    required: true,
  },
  {
    key: 'subsetEligibleInstitutions',
    header: '二级及以上公立医院数，可选 (secondary+ public hospitals, optional)',
    kind: 'count',
    required: false,
  },
  {
    key: 'subsetCoveredInstitutions',
    header: '其中DRG/DIP付费数，可选 (of which DRG/DIP-paid, optional)',
    kind: 'count',
    required: false,
  },
  { key: 'note', header: '备注 (note)', kind: 'text', required: false },
];

/** The template writes each stage in Chinese, as the vocabulary declares it. */
export const STAGE_LABELS: Record<Stage, string> = wordsIn(STAGE_WORDS, 'zh-CN');

/** Chinese labels, English keys and a few common variants are all accepted. */
export const STAGE_FROM_TEXT: Record<string, Stage> = {
  未启动: 'notStarted',
  准备: 'preparing',
  准备阶段: 'preparing',
  已启动: 'preparing',
  启动: 'preparing',
  模拟付费: 'simulated',
  模拟运行: 'simulated',
  实际付费: 'actual',
  notstarted: 'notStarted',
  preparing: 'preparing',
  simulated: 'simulated',
  actual: 'actual',
};
