import type {
  AskAboutPolicyInput,
  HouseholdStatusInput,
  PolicyCard,
  PolicyCardCreateInput,
  PolicyCardUpdateInput,
  PolicyListQuery,
  PolicyStatus,
  SendResult,
} from "@carecircle/shared";
import type { z } from "zod";
import type { Deps } from "../../deps.js";
import { notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { childrenRepo } from "../children/children.repo.js";
import type { ConversationsService } from "../conversations/conversations.service.js";
import type { MessagesService } from "../messages/messages.service.js";
import { scriptVariants } from "../search/search.service.js";
import { eligibilityOf, presentPolicyCard } from "./policies.presenter.js";
import { type NewPolicyCardRow, type PolicyCardView, policiesRepo } from "./policies.repo.js";
import { askSocialWorker, setHouseholdStatus } from "./policy-actions.js";
import { fitsOf, libraryOrder } from "./policy-match.js";

/** The most cards one list answers (the library holds hundreds). */
const LIST_MAX = 500;

/** Social workers and admins keep the library and see every status and the review flags. */
const isLibrarian = (u: AuthUser) => u.role === "social_worker" || u.role === "admin";

/** The library's day (YYYY-MM-DD) in the deployment's time zone. */
export function libraryDay(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(now);
}

/** Input fields -> columns (`where` is stored as `where_to_apply`). */
function columnsOf(input: PolicyCardUpdateInput): Partial<NewPolicyCardRow> {
  const { where, ...rest } = input;
  return { ...rest, ...(where === undefined ? {} : { whereToApply: where }) } as Partial<NewPolicyCardRow>;
}

/**
 * The policy and resource library (issue 18 §5, decision 128). Librarians write cards as drafts and
 * publish or archive them; everyone signed in reads published ones. A caregiver's copies say which
 * of her children each card fits (`policy-match.ts`), and her list starts with those.
 */
export function createPoliciesService(
  deps: Deps,
  chat: { messages: MessagesService; conversations: ConversationsService },
) {
  const { db, config } = deps;
  const today = () => libraryDay(config.timeZone);

  /** Present cards for `user`: with fits for a caregiver's own children. */
  async function present(user: AuthUser, views: PolicyCardView[]): Promise<PolicyCard[]> {
    const staff = isLibrarian(user);
    const day = today();
    if (user.role !== "caregiver" || !user.familyId)
      return views.map((v) => presentPolicyCard(v, { today: day, staff, fits: [] }));
    const [kids, household] = await Promise.all([
      childrenRepo.byFamily(db, user.familyId),
      policiesRepo.householdOf(db, user.familyId),
    ]);
    const year = Number(day.slice(0, 4));
    return views.map((v) =>
      presentPolicyCard(v, { today: day, staff, fits: fitsOf(eligibilityOf(v), kids, household, year) }),
    );
  }

  /** A card the caller may read: published, or any status for librarians; otherwise 404. */
  async function readable(user: AuthUser, id: string): Promise<PolicyCardView> {
    const v = await policiesRepo.byId(db, id);
    if (!v || (v.row.status !== "published" && !isLibrarian(user))) throw notFound("policy card");
    return v;
  }

  async function one(user: AuthUser, id: string): Promise<PolicyCard> {
    return (await present(user, [await readable(user, id)]))[0]!;
  }

  return {
    /** The library: search, statuses (librarians), and for a caregiver the fitting cards first. */
    async list(user: AuthUser, query: z.output<typeof PolicyListQuery>): Promise<{ cards: PolicyCard[] }> {
      const all: PolicyStatus[] = ["draft", "published", "archived"];
      const statuses: PolicyStatus[] = !isLibrarian(user)
        ? ["published"]
        : query.status === undefined || query.status === "all"
          ? all
          : [query.status];
      const variants = query.q ? scriptVariants(query.q) : undefined;
      const cards = await present(user, await policiesRepo.list(db, statuses, variants, LIST_MAX));
      return { cards: cards.sort(libraryOrder) };
    },

    get: one,

    /** Write a new card; it starts as a draft by the caller. */
    async create(user: AuthUser, input: PolicyCardCreateInput): Promise<PolicyCard> {
      const id = await policiesRepo.insert(db, {
        ...(columnsOf(input) as NewPolicyCardRow),
        status: "draft",
        authorId: user.id,
      });
      return one(user, id);
    },

    async update(user: AuthUser, id: string, input: PolicyCardUpdateInput): Promise<PolicyCard> {
      if (!(await policiesRepo.update(db, id, columnsOf(input)))) throw notFound("policy card");
      return one(user, id);
    },

    /** Publish (stamps the first publication), archive, or withdraw to draft. */
    async setStatus(user: AuthUser, id: string, status: PolicyStatus): Promise<PolicyCard> {
      const v = await readable(user, id);
      const publishedAt = status === "published" && !v.row.publishedAt ? { publishedAt: new Date() } : {};
      await policiesRepo.update(db, id, { status, ...publishedAt });
      return one(user, id);
    },

    /** "Ask my social worker about this card" (a published one). */
    async ask(user: AuthUser, id: string, input: AskAboutPolicyInput): Promise<SendResult> {
      const card = await readable(user, id);
      if (card.row.status !== "published") throw notFound("policy card");
      return askSocialWorker(deps, chat, user, id, input);
    },

    /** Record a family's household status (its caregivers, its social workers, admins). */
    setHousehold: (user: AuthUser, familyId: string, input: HouseholdStatusInput) =>
      setHouseholdStatus(db, user, familyId, input),
  };
}
export type PoliciesService = ReturnType<typeof createPoliciesService>;
