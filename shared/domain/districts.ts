/**
 * The city's county-level units (GB/T 2260 administrative division codes).
 * The platform serves one city; other cities change this list, not the code that reads it.
 */
export const DISTRICTS = {
  '430102': 'Furong 芙蓉区',
  '430103': 'Tianxin 天心区',
  '430104': 'Yuelu 岳麓区',
  '430105': 'Kaifu 开福区',
  '430111': 'Yuhua 雨花区',
  '430112': 'Wangcheng 望城区',
  '430121': 'Changsha County 长沙县',
  '430181': 'Liuyang 浏阳市',
  '430182': 'Ningxiang 宁乡市',
} as const;

export type DistrictCode = keyof typeof DISTRICTS;
export const DISTRICT_CODES = Object.keys(DISTRICTS) as [DistrictCode, ...DistrictCode[]];
