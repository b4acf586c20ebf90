import type {
  WatchedWord,
  WatchedWordCreateInput,
  WatchedWordTestResult,
  WatchedWordUpdateInput,
} from "@carecircle/shared";
import { isPgError, PG } from "../../db/errors.js";
import type { Deps } from "../../deps.js";
import { assertFound, conflict } from "../../errors.js";
import type { AuthUser } from "../../middlewares/auth.js";
import { seedStarterWatchedWords } from "../../seed/watched-words.js";
import { auditRepo } from "../audit/audit.repo.js";
import type { Screening } from "../messages/content-safety.js";
import { type CompiledRule, compileRules, matchRules, strongestAction } from "./watched-words.js";
import { type WatchedWordRow, watchedWordsRepo } from "./watched-words.repo.js";

/** Other server processes may change the list; a cached copy is trusted this long. */
const CACHE_MS = 30_000;

function present(w: WatchedWordRow): WatchedWord {
  return {
    id: w.id,
    phrase: w.phrase,
    action: w.action,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

const duplicate = () => conflict("This word or phrase is already on the list");

/**
 * The platform's watched words (Chinese and English): `block` refuses a send, `flag` files a
 * report, `crisis` raises an alert. Matching runs in memory on a cached, compiled list that is
 * refreshed on every change here and at least every 30 seconds.
 */
export function createWatchedWordsService({ db }: Deps) {
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

  return {
    /** What a text would trigger. */
    async screen(text: string): Promise<Screening> {
      const { rules: list } = await rules();
      if (list.length === 0) return { action: null, matches: [] };
      const matches = matchRules(text, list);
      return {
        action: strongestAction(matches),
        matches: matches.map((m) => ({ id: m.id, phrase: m.phrase, action: m.action })),
      };
    },

    async test(text: string): Promise<WatchedWordTestResult> {
      const c = await rules();
      const matches = matchRules(text, c.rules);
      return {
        action: strongestAction(matches),
        matches: matches.flatMap((m) => {
          const row = c.rows.get(m.id);
          return row ? [present(row)] : [];
        }),
      };
    },

    async list(): Promise<{ words: WatchedWord[] }> {
      return { words: (await watchedWordsRepo.all(db)).map(present) };
    },

    async create(actor: AuthUser, input: WatchedWordCreateInput): Promise<WatchedWord> {
      try {
        const row = await db.transaction(async (tx) => {
          const w = await watchedWordsRepo.insert(tx, { ...input, createdBy: actor.id });
          await auditRepo.append(tx, {
            actorId: actor.id,
            action: "watched_word_added",
            after: { id: w.id, phrase: w.phrase, action: w.action },
          });
          return w;
        });
        invalidate();
        return present(row);
      } catch (err) {
        if (isPgError(err, PG.uniqueViolation)) throw duplicate();
        throw err;
      }
    },

    async update(actor: AuthUser, id: string, patch: WatchedWordUpdateInput): Promise<WatchedWord> {
      try {
        const row = await db.transaction(async (tx) => {
          const before = assertFound(await watchedWordsRepo.byId(tx, id), "watched word");
          const w = assertFound(await watchedWordsRepo.update(tx, id, patch), "watched word");
          await auditRepo.append(tx, {
            actorId: actor.id,
            action: "watched_word_changed",
            before: { id, phrase: before.phrase, action: before.action },
            after: { id, phrase: w.phrase, action: w.action },
          });
          return w;
        });
        invalidate();
        return present(row);
      } catch (err) {
        if (isPgError(err, PG.uniqueViolation)) throw duplicate();
        throw err;
      }
    },

    async remove(actor: AuthUser, id: string): Promise<{ ok: true }> {
      await db.transaction(async (tx) => {
        const w = assertFound(await watchedWordsRepo.delete(tx, id), "watched word");
        await auditRepo.append(tx, {
          actorId: actor.id,
          action: "watched_word_removed",
          before: { id, phrase: w.phrase, action: w.action },
        });
      });
      invalidate();
      return { ok: true };
    },

    /**
     * Seed the starter crisis phrases once per database (a marker row in platform_settings), so
     * every installation starts with them but a phrase an operator removed stays removed.
     */
    async ensureStarterList(): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await watchedWordsRepo.claimOnce(tx, "starter_watched_words_v1"))) return;
        await seedStarterWatchedWords(tx);
      });
      invalidate();
    },
  };
}
export type WatchedWordsService = ReturnType<typeof createWatchedWordsService>;
