/**
 * English names of coordinating regions, made from the Chinese name: Hanyu Pinyin of the
 * place name (pinyin-pro), with the apostrophe before a syllable that starts with a, o or e
 * (Xi'an, Lu'an), the administrative suffix in English (League, Prefecture, Autonomous
 * Prefecture with its peoples, County), and the conventional English form where one is in
 * common official use (Hohhot, Urumqi, Lhasa). Used only by the region generator.
 */
import { pinyin } from 'pinyin-pro';

/** Place names whose English form is not their pinyin (mostly Mongolian, Uyghur and Tibetan names). */
const CONVENTIONAL: Record<string, string> = {
  呼和浩特: 'Hohhot',
  鄂尔多斯: 'Ordos',
  呼伦贝尔: 'Hulunbuir',
  巴彦淖尔: 'Bayannur',
  乌兰察布: 'Ulanqab',
  兴安: 'Hinggan',
  锡林郭勒: 'Xilingol',
  阿拉善: 'Alxa',
  哈尔滨: 'Harbin',
  齐齐哈尔: 'Qiqihar',
  乌鲁木齐: 'Urumqi',
  克拉玛依: 'Karamay',
  吐鲁番: 'Turpan',
  昌吉: 'Changji',
  博尔塔拉: 'Bortala',
  巴音郭楞: 'Bayingolin',
  阿克苏: 'Aksu',
  克孜勒苏: 'Kizilsu',
  喀什: 'Kashgar',
  和田: 'Hotan',
  伊犁: 'Ili',
  阿勒泰: 'Altay',
  阿拉尔: 'Aral',
  图木舒克: 'Tumxuk',
  可克达拉: 'Kokdala',
  拉萨: 'Lhasa',
  日喀则: 'Shigatse',
  昌都: 'Qamdo',
  林芝: 'Nyingchi',
  那曲: 'Nagqu',
  阿里: 'Ngari',
  果洛: 'Golog',
};

/** 民族 in autonomous-prefecture names → the English used in their official names. */
const PEOPLES: [string, string][] = [
  ['朝鲜族', 'Korean'],
  ['土家族', 'Tujia'],
  ['苗族', 'Miao'],
  ['藏族', 'Tibetan'],
  ['羌族', 'Qiang'],
  ['彝族', 'Yi'],
  ['布依族', 'Bouyei'],
  ['侗族', 'Dong'],
  ['哈尼族', 'Hani'],
  ['壮族', 'Zhuang'],
  ['傣族', 'Dai'],
  ['景颇族', 'Jingpo'],
  ['白族', 'Bai'],
  ['傈僳族', 'Lisu'],
  ['回族', 'Hui'],
  ['蒙古族', 'Mongol'],
  ['蒙古', 'Mongol'],
  ['柯尔克孜', 'Kirgiz'],
  ['哈萨克', 'Kazakh'],
];

/** Hanyu Pinyin of a place name, capitalised, with the syllable-dividing apostrophe. */
export function placePinyin(zh: string): string {
  const conventional = CONVENTIONAL[zh];
  if (conventional) return conventional;
  const syllables = pinyin(zh, { toneType: 'none', type: 'array' });
  const joined = syllables
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join('')
    .replace(/v/g, 'ü');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** The autonomous prefecture's place name and its peoples, read from the end of the name. */
function splitAutonomous(zh: string): { place: string; peoples: string[] } {
  let rest = zh.replace(/自治州$/, '');
  const peoples: string[] = [];
  for (;;) {
    const hit = PEOPLES.find(([p]) => rest.endsWith(p));
    if (!hit) break;
    peoples.unshift(hit[1]);
    rest = rest.slice(0, -hit[0].length);
  }
  return { place: rest, peoples };
}

/** English name of a prefecture-level division or a county-level unit, from its Chinese name. */
export function regionEnglish(zh: string): string {
  if (zh.endsWith('自治州')) {
    const { place, peoples } = splitAutonomous(zh);
    return `${placePinyin(place)} ${peoples.join(' and ')} Autonomous Prefecture`;
  }
  const suffixes: [RegExp, string][] = [
    [/地区$/, ' Prefecture'],
    [/盟$/, ' League'],
    [/林区$/, ' Forestry District'],
    [/县$/, ' County'],
    [/市$/, ''],
  ];
  for (const [re, en] of suffixes) {
    if (re.test(zh)) return `${placePinyin(zh.replace(re, ''))}${en}`;
  }
  return placePinyin(zh);
}
