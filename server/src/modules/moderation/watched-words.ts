import type { WatchedWordAction } from "@carecircle/shared";

/** A watched-word rule ready for matching. */
export interface CompiledRule {
  id: string;
  phrase: string;
  action: WatchedWordAction;
  needle: string;
  /** The phrase starts/ends with a Latin letter or digit, so a word boundary is required there. */
  boundaryStart: boolean;
  boundaryEnd: boolean;
}

const LATIN_WORD = /[\p{Script=Latin}\p{Nd}_]/u;

/**
 * Fold text for matching: compatibility forms (full-width Latin typed with a Chinese IME becomes
 * ASCII), lower case, curly apostrophes, and any run of spaces as one space.
 */
export function normalizeForMatch(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\uff07]/g, "'")
    .replace(/\s+/gu, " ");
}

/** Prepare rules once per list change. */
export function compileRules(
  rules: { id: string; phrase: string; action: WatchedWordAction }[],
): CompiledRule[] {
  return rules
    .map((r) => {
      const needle = normalizeForMatch(r.phrase).trim();
      const chars = [...needle];
      return {
        id: r.id,
        phrase: r.phrase,
        action: r.action,
        needle,
        boundaryStart: chars.length > 0 && LATIN_WORD.test(chars[0]!),
        boundaryEnd: chars.length > 0 && LATIN_WORD.test(chars[chars.length - 1]!),
      };
    })
    .filter((r) => r.needle.length > 0);
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

/**
 * Rules matching `text`: case-insensitive; Chinese (and other non-Latin) phrases match as
 * substrings; Latin phrases only on word boundaries ("ass" does not match "class").
 */
export function matchRules(text: string, rules: CompiledRule[]): CompiledRule[] {
  const t = normalizeForMatch(text);
  const out: CompiledRule[] = [];
  for (const r of rules) {
    for (let at = t.indexOf(r.needle); at !== -1; at = t.indexOf(r.needle, at + 1)) {
      const end = at + r.needle.length;
      if (r.boundaryStart && LATIN_WORD.test(charBefore(t, at))) continue;
      if (r.boundaryEnd && LATIN_WORD.test(charAt(t, end))) continue;
      out.push(r);
      break;
    }
  }
  return out;
}

const PRECEDENCE: WatchedWordAction[] = ["block", "crisis", "flag"];

/** The strongest action among matches: block, then crisis, then flag. */
export function strongestAction(matches: { action: WatchedWordAction }[]): WatchedWordAction | null {
  for (const a of PRECEDENCE) if (matches.some((m) => m.action === a)) return a;
  return null;
}
