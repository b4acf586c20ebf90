import { pinyin } from "pinyin-pro";

/**
 * Pinyin matching for Chinese watched words ("wo xiang si", "woxiangsi", "我想si" for 我想死).
 * A message is turned into one stream of letters: each Chinese character becomes its syllable,
 * Latin words stay as typed; spaces and punctuation are skipped, anything else is a barrier.
 * The rule that keeps it quiet (docs/SAFETY.md): a pinyin form matches only as a whole run, i.e.
 * it starts and ends on a syllable boundary (a Chinese character, a Latin word's edge, or a split
 * of a Latin word that reads entirely as pinyin), spans at least 2 syllables, and covers at
 * least one Latin letter, so Chinese homophones (相思 for 想死) never match through pinyin.
 */

/** Every toneless Mandarin syllable (from pinyin-pro's dictionary), "v" spellings for ü. */
const SYLLABLES = new Set(
  (
    "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng " +
    "cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu " +
    "cuan cui cun cuo da dai dan dang dao de den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei " +
    "en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang " +
    "gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao " +
    "jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun " +
    "kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu long lou lu luan lue lun luo ma mai " +
    "man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian " +
    "niang niao nie nin ning niu nong nou nu nuan nue nuo o ou pa pai pan pang pao pei pen peng pi pian piao pie pin " +
    "ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou " +
    "ru ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shen sheng shi shou shu shua " +
    "shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie " +
    "ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong " +
    "xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen " +
    "zeng zha zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong " +
    "zou zu zuan zui zun zuo lv nv lve nve"
  ).split(" "),
);
const LONGEST = 6;
/** Latin words longer than this are not split into syllables (only their edges count). */
const SPLIT_MAX = 40;

const stripMarks = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "");

/** Toneless syllables of a Chinese phrase (null unless it is Chinese characters only). */
export function phraseSyllables(phrase: string): string[] | null {
  if (!/^\p{Script=Han}+$/u.test(phrase)) return null;
  return pinyin(phrase, { toneType: "none", type: "array" }).map(stripMarks);
}

/** Positions inside a Latin word where it can be split into pinyin syllables on both sides. */
function syllableSplits(word: string): number[] {
  const n = word.length;
  if (n > SPLIT_MAX) return [];
  const fromStart = new Array<boolean>(n + 1).fill(false);
  const toEnd = new Array<boolean>(n + 1).fill(false);
  fromStart[0] = true;
  toEnd[n] = true;
  for (let i = 0; i < n; i++)
    if (fromStart[i])
      for (let k = 1; k <= LONGEST && i + k <= n; k++)
        if (SYLLABLES.has(word.slice(i, i + k))) fromStart[i + k] = true;
  for (let i = n - 1; i >= 0; i--)
    for (let k = 1; k <= LONGEST && i + k <= n; k++)
      if (toEnd[i + k] && SYLLABLES.has(word.slice(i, i + k))) toEnd[i] = true;
  if (!fromStart[n]) return [];
  const out: number[] = [];
  for (let i = 1; i < n; i++) if (fromStart[i] && toEnd[i]) out.push(i);
  return out;
}

/** A message as one stream of pinyin letters, with what each letter came from. */
export interface PinyinStream {
  letters: string;
  /** Index in the normalised text of the character each letter came from. */
  source: number[];
  latin: boolean[];
  boundaries: Set<number>;
}

function hanSyllables(chars: string[]): string[] {
  const han = chars.join("");
  const out = pinyin(han, { toneType: "none", type: "array" });
  return out.length === chars.length
    ? out.map(stripMarks)
    : chars.map((c) => stripMarks(pinyin(c, { toneType: "none" })));
}

/** Build the stream of a normalised text (call only when it has Latin letters). */
export function pinyinStream(text: string): PinyinStream {
  const s: PinyinStream = { letters: "", source: [], latin: [], boundaries: new Set() };
  const pieces = [...text.matchAll(/\p{Script=Han}|[a-z]+|[\s\p{P}]+|[\s\S]/gu)];
  const han = pieces.filter((p) => /^\p{Script=Han}$/u.test(p[0]));
  const syllables = han.length > 0 ? hanSyllables(han.map((p) => p[0])) : [];
  let h = 0;
  const push = (letters: string, at: number, isLatin: boolean) => {
    const start = s.letters.length;
    s.boundaries.add(start);
    for (let i = 0; i < letters.length; i++) {
      s.source.push(isLatin ? at + i : at);
      s.latin.push(isLatin);
    }
    s.letters += letters;
    s.boundaries.add(s.letters.length);
    if (isLatin) for (const split of syllableSplits(letters)) s.boundaries.add(start + split);
  };
  for (const p of pieces) {
    const piece = p[0];
    if (/^\p{Script=Han}$/u.test(piece)) push(syllables[h++] ?? "", p.index, false);
    else if (/^[a-z]/.test(piece)) push(piece, p.index, true);
    else if (!/^[\s\p{P}]/u.test(piece)) {
      // A barrier (digit, emoji, other script): no match may cross it.
      s.letters += "|";
      s.source.push(p.index);
      s.latin.push(false);
    }
  }
  return s;
}

/** Spans [start, end) in the normalised text where `syllables` match as a whole run with a Latin letter. */
export function findPinyin(stream: PinyinStream, syllables: string): [number, number][] {
  const out: [number, number][] = [];
  const { letters, boundaries, latin, source } = stream;
  for (let at = letters.indexOf(syllables); at !== -1; at = letters.indexOf(syllables, at + 1)) {
    const end = at + syllables.length;
    if (!boundaries.has(at) || !boundaries.has(end)) continue;
    if (!latin.slice(at, end).some(Boolean)) continue;
    out.push([source[at]!, source[end - 1]! + 1]);
  }
  return out;
}
