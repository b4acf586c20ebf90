import * as OpenCC from "opencc-js";

/**
 * Text normalisation for watched-word matching (see docs/SAFETY.md). Pure and position-free:
 * rules are matched against the normalised text, which is also what the "test this text" page
 * shows. Every step folds a way people disguise (or simply type) the same words.
 */

// Traditional to simplified: Taiwan (with phrases) and Hong Kong variants; built once.
const fromTaiwan = OpenCC.Converter({ from: "twp", to: "cn" });
const fromHongKong = OpenCC.Converter({ from: "hk", to: "cn" });

/**
 * Characters that render as nothing: zero-width space/joiners, bidi controls, soft hyphen, word
 * joiner, Mongolian vowel separator, variation selectors, tags, Hangul fillers (Unicode's
 * Default_Ignorable_Code_Point).
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * Letters from other scripts that look like Latin ones (Unicode confusables, the subset that
 * survives NFKC and lower case). Full-width Latin is already folded by NFKC.
 */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ѕ: "s",
  і: "i",
  ї: "i",
  ј: "j",
  һ: "h",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  ү: "y",
  ɡ: "g",
  // Greek
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
  ς: "s",
  σ: "o",
  // Latin small capitals and IPA letters
  ᴀ: "a",
  ʙ: "b",
  ᴄ: "c",
  ᴅ: "d",
  ᴇ: "e",
  ɢ: "g",
  ʜ: "h",
  ɪ: "i",
  ᴊ: "j",
  ᴋ: "k",
  ʟ: "l",
  ᴍ: "m",
  ɴ: "n",
  ᴏ: "o",
  ᴘ: "p",
  ʀ: "r",
  ꜱ: "s",
  ᴛ: "t",
  ᴜ: "u",
  ᴠ: "v",
  ᴡ: "w",
  ʏ: "y",
  ᴢ: "z",
  ı: "i",
  ł: "l",
  ø: "o",
  đ: "d",
  ħ: "h",
};
const CONFUSABLE_RE = new RegExp(`[${Object.keys(CONFUSABLES).join("")}]`, "gu");

/** Digits and symbols used for letters inside a Latin word ("k1ll", "$uicide", "d1e"). */
const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
};
/** A word made of Latin letters plus look-alike digits/symbols, with at least one letter. */
const LEET_WORD =
  /(?<![\p{L}\p{N}@$])(?=[\p{N}@$]*\p{Script=Latin})[\p{Script=Latin}013457@$]+(?![\p{L}\p{N}@$])/gu;
/** "2" standing for "to" between Latin words ("want 2 die", "want2die"). */
const TWO_FOR_TO = /(?<=\p{Script=Latin} ?)2(?= ?\p{Script=Latin})/gu;

/** "4" for 死 (sǐ/sì) next to the words it goes with: 想4, 去4, 4了, 4掉; not "想4点", "要4个". */
const FOUR_FOR_DEATH =
  /(?<=[想去要寻求该得会])4(?![\d个点岁月号天年次分块元位口人周层楼遍种本张件斤米小])|(?<![\d.])4(?=[了掉])/gu;

const HAN = "\\p{Script=Han}";
/** Sentence punctuation: between Chinese words it is usually real, so only single-character pieces are joined. */
const SENTENCE_PUNCT = "，。！？、；：,!?;:…“”\"'（）()《》【】「」";
/** Spaces, symbols, emoji and other punctuation between two Chinese characters ("我 想 死", "我*想*死"). */
const CJK_GAP = new RegExp(`(?<=${HAN})(?:(?![${SENTENCE_PUNCT}])[\\s\\p{P}\\p{S}_])+(?=${HAN})`, "gu");
/** Chinese spelled out one character at a time, whatever the separator: "我，想，死", "活 着 ， 没 意 思". */
const SEPARATOR = "[\\s\\p{P}\\p{S}_]";
const CJK_SPELLED = new RegExp(`(?<!${HAN})${HAN}(?:${SEPARATOR}+${HAN}(?!${HAN})){2,}`, "gu");
const CJK_SPELLED_SEP = new RegExp(SEPARATOR, "gu");
/** Three or more single Latin letters spelled out ("s u i c i d e", "k.i.l.l"). */
const SPELLED_OUT = /(?<![\p{L}\p{N}])\p{Script=Latin}(?:[\s.\-_*·]\p{Script=Latin}(?![\p{L}\p{N}])){2,}/gu;

function foldMarksOnLatin(s: string): string {
  // "s̶u̶i̶c̶i̶d̶e̶", "ṡüïçïdé": drop combining marks after Latin letters only (kana keeps its dakuten).
  return /\p{M}/u.test(s.normalize("NFD"))
    ? s
        .normalize("NFD")
        .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
        .normalize("NFC")
    : s;
}

/** Width, case, invisible characters, marks and look-alikes. */
function foldCharacters(s: string): string {
  return foldMarksOnLatin(
    s
      .normalize("NFKC")
      .toLowerCase()
      .replace(INVISIBLE, "")
      .replace(/[\u2018\u2019\u02bc\uff07`´]/g, "'")
      // "can't" and "cant", "don't" and "dont" are the same word.
      .replace(/(?<=\p{Script=Latin})'(?=\p{Script=Latin})/gu, ""),
  )
    .replace(CONFUSABLE_RE, (c) => CONFUSABLES[c] ?? c)
    .replace(/\s+/gu, " ");
}

/** Substitutions and inserted separators (before Chinese conversion, see normalizeDetailed). */
function foldSpelling(s: string): string {
  return s
    .replace(TWO_FOR_TO, "to")
    .replace(LEET_WORD, (w) =>
      /\p{Script=Latin}{2}|^\p{Script=Latin}/u.test(w) ? w.replace(/[013457@$]/g, (c) => LEET[c]!) : w,
    )
    .replace(FOUR_FOR_DEATH, "死")
    .replace(CJK_SPELLED, (run) => run.replace(CJK_SPELLED_SEP, ""))
    .replace(CJK_GAP, "")
    .replace(SPELLED_OUT, (run) => run.replace(/[\s.\-_*·]/g, ""))
    .replace(/\s+/gu, " ")
    .trim();
}

/** Traditional (Taiwan, Hong Kong) characters and phrases to simplified. */
export function toSimplified(s: string): string {
  return /\p{Script=Han}/u.test(s) ? fromHongKong(fromTaiwan(s)) : s;
}

/** The normalised text, and the same without the traditional-to-simplified step. */
export interface Normalized {
  text: string;
  /** Equal to `text` unless the input had traditional characters. */
  withoutConversion: string;
}

/** Normalise a text for matching, keeping what it was before Chinese conversion. */
export function normalizeDetailed(input: string): Normalized {
  // Separators go first: a character standing alone converts without its phrase context.
  const withoutConversion = foldSpelling(foldCharacters(input));
  return { text: toSimplified(withoutConversion), withoutConversion };
}

/**
 * Fold a text for matching: NFKC (full-width to ASCII), lower case, invisible characters
 * removed, look-alike letters to Latin, traditional to simplified Chinese, digit/symbol
 * substitutions ("k1ll", "want 2 die", "4了"), separators inside Chinese words and spelled-out
 * Latin words removed, whitespace collapsed.
 */
export function normalizeForMatch(s: string): string {
  return normalizeDetailed(s).text;
}
