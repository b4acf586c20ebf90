import type { CrisisTier, MatchForm, WatchedWordAction } from "@carecircle/shared";
import { CRISIS_TIERS, MATCH_FORMS } from "@carecircle/shared";
import { normalizeDetailed, normalizeForMatch } from "./normalize.js";
import { findPinyin, type PinyinStream, phraseSyllables, pinyinStream } from "./pinyin.js";

export { normalizeForMatch } from "./normalize.js";

/** A watched word as stored (what compiling needs). */
export interface RuleInput {
  id: string;
  phrase: string;
  action: WatchedWordAction;
  tier?: CrisisTier | null;
  forms?: readonly MatchForm[];
  variants?: readonly string[];
}

interface Needle {
  text: string;
  form: "word" | "slang";
  /** The needle starts/ends with a Latin letter or digit, so a word boundary is required there. */
  boundaryStart: boolean;
  boundaryEnd: boolean;
}

/** A watched-word rule ready for matching. */
export interface CompiledRule {
  id: string;
  phrase: string;
  action: WatchedWordAction;
  /** Crisis entries: their tier (`intent` when not set); null for other actions. */
  tier: CrisisTier | null;
  forms: ReadonlySet<MatchForm>;
  needles: Needle[];
  /** Toneless syllables joined ("woxiangsi"), for Chinese entries matched by pinyin. */
  pinyin: string | null;
}

/** One place a rule matched: how, and the span of the normalised text. */
export interface RuleMatch {
  rule: CompiledRule;
  form: MatchForm;
  start: number;
  end: number;
  matchedText: string;
}

/** What screening found in a text. */
export interface MatchResult {
  normalized: string;
  /** One per matching rule (its first unmasked match); exceptions are not listed. */
  matches: RuleMatch[];
  /** Rules matched only where an exception also matched, with that exception. */
  heldBack: (RuleMatch & { heldBy: CompiledRule })[];
}

const LATIN_WORD = /[\p{Script=Latin}\p{Nd}_]/u;

function needle(raw: string, form: Needle["form"]): Needle[] {
  const text = normalizeForMatch(raw);
  if (!text) return [];
  const chars = [...text];
  const base = {
    form,
    boundaryStart: LATIN_WORD.test(chars[0]!),
    boundaryEnd: LATIN_WORD.test(chars[chars.length - 1]!),
  };
  // A Latin phrase also matches written as one word ("killmyself", "#wanttodie").
  const compact =
    base.boundaryStart && base.boundaryEnd && text.includes(" ") ? text.replaceAll(" ", "") : null;
  return compact
    ? [
        { ...base, text },
        { ...base, text: compact },
      ]
    : [{ ...base, text }];
}

/** Prepare rules once per list change. */
export function compileRules(rules: RuleInput[]): CompiledRule[] {
  return rules
    .map((r) => {
      const forms = new Set<MatchForm>(r.forms?.length ? r.forms : MATCH_FORMS);
      const needles = [
        ...needle(r.phrase, "word"),
        ...(forms.has("slang") ? (r.variants ?? []).flatMap((v) => needle(v, "slang")) : []),
      ];
      const syllables =
        forms.has("pinyin") && r.action !== "allow" ? phraseSyllables(normalizeForMatch(r.phrase)) : null;
      return {
        id: r.id,
        phrase: r.phrase,
        action: r.action,
        tier: r.action === "crisis" ? (r.tier ?? "intent") : null,
        forms,
        needles,
        pinyin: syllables && syllables.length >= 2 ? syllables.join("") : null,
      };
    })
    .filter((r) => r.needles.length > 0);
}

function charBefore(s: string, i: number): string {
  if (i <= 0) return "";
  const code = s.charCodeAt(i - 1);
  // Step back over a surrogate pair as one character.
  return code >= 0xdc00 && code <= 0xdfff && i >= 2 ? s.slice(i - 2, i) : s.slice(i - 1, i);
}

function charAt(s: string, i: number): string {
  return i >= s.length ? "" : String.fromCodePoint(s.codePointAt(i)!);
}

/** Every occurrence of a needle in `t`, respecting Latin word boundaries. */
function occurrences(t: string, n: Needle): number[] {
  const out: number[] = [];
  for (let at = t.indexOf(n.text); at !== -1; at = t.indexOf(n.text, at + 1)) {
    if (n.boundaryStart && LATIN_WORD.test(charBefore(t, at))) continue;
    if (n.boundaryEnd && LATIN_WORD.test(charAt(t, at + n.text.length))) continue;
    out.push(at);
  }
  return out;
}

/** All matches of one rule: its needles (as written or via conversion) and its pinyin. */
function ruleMatches(
  rule: CompiledRule,
  text: string,
  plain: string,
  stream: () => PinyinStream | null,
): RuleMatch[] {
  const out: RuleMatch[] = [];
  for (const n of rule.needles) {
    const spans = occurrences(text, n);
    if (spans.length === 0) continue;
    // Found only after traditional-to-simplified conversion: the traditional form.
    const converted = plain !== text && occurrences(plain, n).length === 0;
    const form: MatchForm = converted && n.form === "word" ? "traditional" : n.form;
    if (converted ? !rule.forms.has("traditional") : !rule.forms.has(n.form)) continue;
    for (const at of spans) out.push({ rule, form, start: at, end: at + n.text.length, matchedText: n.text });
  }
  const s = rule.pinyin ? stream() : null;
  if (s && rule.pinyin)
    for (const [start, end] of findPinyin(s, rule.pinyin))
      out.push({ rule, form: "pinyin", start, end, matchedText: text.slice(start, end) });
  return out;
}

/**
 * Match a text against the rules, after normalising it once. Chinese (and other non-Latin)
 * phrases match as substrings; Latin phrases only on word boundaries ("ass" is not in "class").
 * An `allow` exception holds back any other match that overlaps its own span; the same rule
 * matched elsewhere in the text still counts.
 */
export function screenText(input: string, rules: CompiledRule[]): MatchResult {
  const { text, withoutConversion } = normalizeDetailed(input);
  let stream: PinyinStream | null | undefined;
  const lazyStream = () => {
    stream ??= /[a-z]/.test(text) ? pinyinStream(text) : null;
    return stream;
  };
  const exceptions = rules
    .filter((r) => r.action === "allow")
    .flatMap((r) => ruleMatches(r, text, withoutConversion, () => null));
  // Overlap, not only containment: 死磕 holds back 我去死 in "我去死磕到底".
  const maskedBy = (m: RuleMatch) => exceptions.find((e) => e.start < m.end && m.start < e.end);
  const result: MatchResult = { normalized: text, matches: [], heldBack: [] };
  for (const rule of rules) {
    if (rule.action === "allow") continue;
    const found = ruleMatches(rule, text, withoutConversion, lazyStream);
    const open = found.find((m) => !maskedBy(m));
    if (open) result.matches.push(open);
    else if (found.length > 0) result.heldBack.push({ ...found[0]!, heldBy: maskedBy(found[0]!)!.rule });
  }
  return result;
}

/** Rules matching `text` (see screenText). */
export function matchRules(text: string, rules: CompiledRule[]): CompiledRule[] {
  return screenText(text, rules).matches.map((m) => m.rule);
}

const PRECEDENCE = ["block", "crisis", "flag"] as const;

/** The strongest action among matches: block, then crisis, then flag. */
export function strongestAction(
  matches: { action: WatchedWordAction }[],
): (typeof PRECEDENCE)[number] | null {
  for (const a of PRECEDENCE) if (matches.some((m) => m.action === a)) return a;
  return null;
}

/** The most urgent crisis tier among matches (null without crisis matches). */
export function highestTier(matches: { tier: CrisisTier | null }[]): CrisisTier | null {
  let best = -1;
  for (const m of matches) if (m.tier) best = Math.max(best, CRISIS_TIERS.indexOf(m.tier));
  return best >= 0 ? CRISIS_TIERS[best]! : null;
}
