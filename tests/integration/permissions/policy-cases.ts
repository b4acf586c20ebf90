import { randomUUID } from "node:crypto";
import type { RouteName } from "@carecircle/shared";
import { buildPolicyCard, policyCardBody } from "../../factories/index.js";
import type { RouteCase } from "./cases.js";
import type { World } from "./world.js";

type Card = { id: string };
const card = (w: World): Promise<Card> => buildPolicyCard(w.srv, w.swUnassigned);
const idOf = ({ f }: { f: unknown }) => ({ id: (f as Card).id });

/** The policy library's routes (issue 18 §5): valid calls for the permission table. */
export const POLICY_ROUTE_CASES = {
  listPolicyCards: { target: "none", query: () => ({ q: "康复" }) },
  getPolicyCard: { target: "none", setup: card, params: idOf },
  createPolicyCard: { target: "none", body: () => policyCardBody() },
  updatePolicyCard: { target: "none", setup: card, params: idOf, body: () => ({ summary: "新的说明" }) },
  setPolicyCardStatus: { target: "none", setup: card, params: idOf, body: () => ({ status: "published" }) },
  // Every caregiver may ask about a card in her own family's conversation (cgOther's family has no
  // social worker: 409, which is not a refusal of access).
  askAboutPolicyCard: {
    target: "caller",
    setup: card,
    params: idOf,
    body: () => ({ clientId: randomUUID() }),
  },
  setHouseholdStatus: {
    target: "family",
    params: ({ w }) => ({ id: w.familyId }),
    body: () => ({ householdStatus: "low_income" }),
  },
} satisfies Partial<Record<RouteName, RouteCase>>;
