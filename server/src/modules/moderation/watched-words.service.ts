import type {
  WatchedWord,
  WatchedWordCreateInput,
  WatchedWordTestResult,
  WatchedWordUpdateInput,
} from "@carecircle/shared";
import type { Db } from "../../db/client.js";
import { isPgError, PG } from "../../db/errors.js";
import type { Deps } from "../../deps.js";
import { assertFound, conflict, invalid } from "../../errors.js";
import { seedStarterWatchedWords } from "../../seed/watched-words.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { AuthUser } from "../auth/access-token.js";
import type { Screening, ScreeningMatch } from "../messages/content-safety.js";
import {
  type CompiledRule,
  compileRules,
  highestTier,
  type RuleMatch,
  screenText,
  strongestAction,
} from "./watched-words.js";
import { type WatchedWordRow, watchedWordsRepo } from "./watched-words.repo.js";

/** Other server processes may change the list; a cached copy is trusted this long. */
const CACHE_MS = 30_000;

function present(w: WatchedWordRow): WatchedWord {
  return {
    id: w.id,
    phrase: w.phrase,
    action: w.action,
    tier: w.action === "crisis" ? (w.tier ?? "intent") : null,
    forms: w.forms,
    variants: w.variants,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of an entry. */
const audited = (w: WatchedWordRow) => ({
  id: w.id,
  phrase: w.phrase,
  action: w.action,
  tier: w.tier,
  forms: w.forms,
  variants: w.variants,
});

/** A crisis entry always has a tier (`intent` unless chosen); other entries never. */
function withTier<T extends { action?: WatchedWordRow["action"]; tier?: WatchedWordRow["tier"] }>(
  input: T,
  action: WatchedWordRow["action"],
  current: WatchedWordRow["tier"] = null,
): T {
  return { ...input, tier: action === "crisis" ? (input.tier ?? current ?? "intent") : null };
}

/** Run a change; a phrase already on the list is a 409, not a database error. */
async function uniquePhrase<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (err) {
    if (isPgError(err, PG.uniqueViolation)) throw conflict("This word or phrase is already on the list");
    throw err;
  }
}

/** The compiled list, cached for CACHE_MS; `invalidate` after a change makes the next screen reload it. */
function compiledListCache(db: Db) {
  let cache: { rules: CompiledRule[]; rows: Map<string, WatchedWordRow>; at: number } | undefined;

  let loading: Promise<NonNullable<typeof cache>> | undefined;
  let generation = 0;

  /** After a change: the next screen reads the list again (a load already running is not kept). */
  function invalidate(): void {
    cache = undefined;
    loading = undefined;
    generation++;
  }

  /** The compiled list; when stale, one reload serves every caller waiting on it. */
  async function rules() {
    if (cache && Date.now() - cache.at <= CACHE_MS) return cache;
    const gen = generation;
    loading ??= watchedWordsRepo
      .all(db)
      .then((rows) => {
        const fresh = {
          rules: compileRules(rows),
          rows: new Map(rows.map((r) => [r.id, r])),
          at: Date.now(),
        };
        if (gen === generation) cache = fresh;
        return fresh;
      })
      .finally(() => {
        if (gen === generation) loading = undefined;
      });
    return loading;
  }

  return { rules, invalidate };
}

type CompiledList = ReturnType<typeof compiledListCache>;

/** Screening texts against the compiled list. */
function createScreening(cache: CompiledList) {
  return {
    /** What a text would trigger. */
    async screen(text: string): Promise<Screening> {
      const { rules: list } = await cache.rules();
      if (list.length === 0) return { action: null, matches: [] };
      const { matches } = screenText(text, list);
      return {
        action: strongestAction(matches.map((m) => m.rule)),
        matches: matches.map(({ rule, form }) => ({
          id: rule.id,
          phrase: rule.phrase,
          action: rule.action as ScreeningMatch["action"],
          tier: rule.tier,
          form,
        })),
      };
    },

    /** What a text would trigger, explained: the normalised text, each match and how, exceptions. */
    async test(text: string): Promise<WatchedWordTestResult> {
      const c = await cache.rules();
      const found = screenText(text, c.rules);
      const explain = (m: RuleMatch) => {
        const row = c.rows.get(m.rule.id);
        return row ? [{ ...present(row), form: m.form, matchedText: m.matchedText }] : [];
      };
      return {
        action: strongestAction(found.matches.map((m) => m.rule)),
        tier: highestTier(found.matches.map((m) => m.rule)),
        normalized: found.normalized,
        matches: found.matches.flatMap(explain),
        heldBack: found.heldBack.flatMap((m) =>
          explain(m).map((w) => ({ ...w, heldBy: { id: m.heldBy.id, phrase: m.heldBy.phrase } })),
        ),
      };
    },
  };
}

/**
 * The platform's watched words (Chinese and English): `block` refuses a send, `flag` files a
 * report, `crisis` raises an alert (with its tier), `allow` is an exception that holds back
 * other matches where it matches. Matching runs in memory on a cached, compiled list that is
 * refreshed on every change here and at least every 30 seconds.
 */
export function createWatchedWordsService({ db }: Deps) {
  const cache = compiledListCache(db);
  return {
    ...createScreening(cache),

    async list(): Promise<{ words: WatchedWord[] }> {
      return { words: (await watchedWordsRepo.all(db)).map(present) };
    },

    async create(actor: AuthUser, input: WatchedWordCreateInput): Promise<WatchedWord> {
      const row = await uniquePhrase(() =>
        db.transaction(async (tx) => {
          const w = await watchedWordsRepo.insert(tx, {
            ...withTier(input, input.action),
            createdBy: actor.id,
          });
          await auditRepo.append(tx, { actorId: actor.id, action: "watched_word_added", after: audited(w) });
          return w;
        }),
      );
      cache.invalidate();
      return present(row);
    },

    async update(actor: AuthUser, id: string, patch: WatchedWordUpdateInput): Promise<WatchedWord> {
      const row = await uniquePhrase(() =>
        db.transaction(async (tx) => {
          const before = assertFound(await watchedWordsRepo.byId(tx, id), "watched word");
          const action = patch.action ?? before.action;
          if (patch.tier && action !== "crisis") throw invalid("tier", "a tier is for crisis entries only");
          const fields = withTier(patch, action, before.tier);
          const w = assertFound(await watchedWordsRepo.update(tx, id, fields), "watched word");
          await auditRepo.append(tx, {
            actorId: actor.id,
            action: "watched_word_changed",
            before: audited(before),
            after: audited(w),
          });
          return w;
        }),
      );
      cache.invalidate();
      return present(row);
    },

    async remove(actor: AuthUser, id: string): Promise<{ ok: true }> {
      await db.transaction(async (tx) => {
        const w = assertFound(await watchedWordsRepo.delete(tx, id), "watched word");
        await auditRepo.append(tx, {
          actorId: actor.id,
          action: "watched_word_removed",
          before: audited(w),
        });
      });
      cache.invalidate();
      return { ok: true };
    },

    /**
     * Seed the starter list once per database (marker rows in platform_settings), so every
     * installation starts with it but a phrase an operator removed stays removed. A database
     * seeded with the first list (v1 marker) gets only the entries new in v2, and tiers.
     */
    async ensureStarterList(): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await watchedWordsRepo.claimOnce(tx, "starter_watched_words_v2"))) return;
        const hadV1 = !(await watchedWordsRepo.claimOnce(tx, "starter_watched_words_v1"));
        await seedStarterWatchedWords(tx, hadV1);
      });
      cache.invalidate();
    },
  };
}
export type WatchedWordsService = ReturnType<typeof createWatchedWordsService>;
