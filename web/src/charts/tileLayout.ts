/**
 * The tile-grid map of the 32 provincial units: one equal cell each, placed at its rough
 * geographic position (column ≈ longitude, row ≈ latitude). A tile grid carries no borders:
 * a boundary map of China published without an approved map (审图号) is a legal risk for a
 * government site, and equal cells also keep 宁夏 as visible as 新疆.
 */
export const TILE_COLUMNS = 8;
export const TILE_ROWS = 8;

/** province code → [column, row], row 0 at the north */
export const TILE_POSITIONS: Record<string, readonly [number, number]> = {
  '230000': [7, 0], // 黑龙江
  '650000': [0, 1], // 新疆
  '660000': [1, 1], // 新疆生产建设兵团
  '150000': [4, 1], // 内蒙古
  '110000': [5, 1], // 北京
  '220000': [7, 1], // 吉林
  '640000': [3, 2], // 宁夏
  '140000': [4, 2], // 山西
  '130000': [5, 2], // 河北
  '120000': [6, 2], // 天津
  '210000': [7, 2], // 辽宁
  '630000': [1, 3], // 青海
  '620000': [2, 3], // 甘肃
  '610000': [3, 3], // 陕西
  '410000': [4, 3], // 河南
  '370000': [5, 3], // 山东
  '540000': [1, 4], // 西藏
  '510000': [2, 4], // 四川
  '500000': [3, 4], // 重庆
  '420000': [4, 4], // 湖北
  '340000': [5, 4], // 安徽
  '320000': [6, 4], // 江苏
  '310000': [7, 4], // 上海
  '530000': [2, 5], // 云南
  '520000': [3, 5], // 贵州
  '430000': [4, 5], // 湖南
  '360000': [5, 5], // 江西
  '330000': [6, 5], // 浙江
  '450000': [3, 6], // 广西
  '440000': [4, 6], // 广东
  '350000': [5, 6], // 福建
  '460000': [4, 7], // 海南
};
