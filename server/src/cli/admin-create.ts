import path from "node:path";
import { parseArgs } from "node:util";
import { AdminCreateUserSchema } from "@carecircle/shared";
import { openDatabase } from "../db/client.js";
import { claimDataDir } from "../db/data-dir-lock.js";
import { loadConfig } from "../env.js";
import { hashNewPassword } from "../modules/auth/passwords.js";
import { usersRepo } from "../modules/users/users.repo.js";

/** `pnpm --filter @carecircle/server admin:create --email a@b.c --password ... [--name ...]` */
const { values } = parseArgs({
  options: {
    email: { type: "string" },
    password: { type: "string" },
    name: { type: "string", default: "Admin" },
  },
});
const input = AdminCreateUserSchema.safeParse({
  email: values.email,
  password: values.password,
  displayName: values.name,
  role: "admin",
});
if (!input.success) {
  console.error(input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  process.exit(1);
}
const config = loadConfig();
const release = config.databaseUrl ? () => {} : claimDataDir(config.dataDir);
const handle = await openDatabase({
  databaseUrl: config.databaseUrl,
  pgliteDir: path.resolve(config.dataDir, "db"),
});
try {
  await handle.migrate();
  if (await usersRepo.byEmail(handle.db, input.data.email)) {
    console.error("An account with this email already exists");
    process.exitCode = 1;
  } else {
    await usersRepo.insert(handle.db, {
      email: input.data.email,
      passwordHash: await hashNewPassword(input.data.password),
      displayName: input.data.displayName,
      role: "admin",
    });
    console.log(`Admin ${input.data.email} created`);
  }
} finally {
  await handle.close();
  release();
}
