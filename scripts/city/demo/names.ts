/** Chinese-style names for the synthetic city. Every name comes from the seeded PRNG, never from a real register. */
import type { Prng } from '../../../src/analysis/prng';

const WORDS = [
  '人民', '解放', '建设', '和平', '中山', '新华', '长江', '文化', '胜利', '友谊', '光明', '幸福', '朝阳', '东风', '红旗', '工业',
  '学府', '科技', '南湖', '青年', '劳动', '复兴', '振兴', '团结', '丰收', '春晖', '锦绣', '翠柳', '梧桐', '银杏', '桂花', '玉兰',
  '金桥', '枫林', '清风', '明月', '晨曦', '凤凰', '龙泉', '石榴', '松柏', '荷塘', '碧水', '白鹭', '海棠', '紫荆', '丁香', '芙蓉',
  '瑞祥', '安康', '永宁', '长乐', '兴隆', '福寿', '吉祥', '康乐', '新民', '育才', '文昌', '书院', '仓前', '桥西', '河东', '南门',
];
const COMPOUND_SUFFIX = ['小区', '花园', '新村', '家园', '苑', '公寓', '里'];

export class NameMaker {
  private readonly used = new Set<string>();
  /**
   * per base name, the first number not yet tried: every number below it is taken, so probing resumes there
   * (a base ends in a character that is no digit, so base + number names one base only)
   */
  private readonly nextNumber = new Map<string, number>();
  constructor(private readonly prng: Prng) {}

  /** A name not given before: word + suffix, with a number when the pair is taken. */
  unique(suffixes: readonly string[]): string {
    for (let attempt = 0; attempt < 20; attempt++) {
      const name = this.prng.pick(WORDS) + this.prng.pick(suffixes);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    const base = this.prng.pick(WORDS) + this.prng.pick(suffixes);
    for (let n = this.nextNumber.get(base) ?? 2; ; n++) {
      const name = `${base}${n}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        this.nextNumber.set(base, n + 1);
        return name;
      }
    }
  }

  road(kind: 'north_south' | 'east_west'): string {
    return this.unique(kind === 'north_south' ? ['路'] : ['大道', '大街']);
  }
  branch(): string {
    return this.unique(['街', '路', '巷']);
  }
  alley(): string {
    return this.unique(['巷', '弄', '里巷', '胡同']);
  }
  compound(): string {
    return this.unique(COMPOUND_SUFFIX);
  }
  community(): string {
    return this.unique(['社区']);
  }
  subdistrict(): string {
    return this.unique(['街道']);
  }
  facility(suffixes: readonly string[]): string {
    return this.unique(suffixes);
  }
}
