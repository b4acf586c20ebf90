import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../db/client.js";
import { users } from "../db/schema/index.js";
import type { Config } from "../env.js";
import { DEMO_ACCOUNTS } from "./demo.js";

/** Thrown at boot when a production database holds the publicly known demo accounts. */
export class DemoAccountsError extends Error {
  constructor(readonly emails: string[]) {
    super(
      `Refusing to start: NODE_ENV=production and the demo accounts (${emails.join(", ")}) exist; ` +
        "their passwords are public. Delete or disable them, or set ALLOW_DEMO_ACCOUNTS=true to start anyway.",
    );
  }
}

/** Refuse a production boot while demo accounts exist, unless the operator explicitly allows it. */
export async function assertNoDemoAccounts(db: DbOrTx, config: Readonly<Config>): Promise<void> {
  if (config.nodeEnv !== "production" || config.allowDemoAccounts) return;
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const found = await db
    .select({ email: users.email })
    .from(users)
    .where(and(inArray(users.email, emails), eq(users.status, "active")));
  if (found.length > 0) throw new DemoAccountsError(found.map((f) => f.email ?? ""));
}
