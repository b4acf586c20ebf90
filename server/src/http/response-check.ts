import type { RouteSpec } from "@carecircle/shared";

/**
 * Development and tests only: check the JSON a route is about to send against its `response`
 * schema, as a client receives it (after JSON encoding), and throw an error naming the route when
 * it does not parse or carries keys the schema does not declare. zod strips undeclared keys
 * silently, which is how a schema drifts from what the server sends (docs/decisions/090).
 */
export function assertResponseMatches(spec: RouteSpec, body: unknown): void {
  const route = `${spec.method.toUpperCase()} ${spec.path}`;
  if (!spec.response) throw new Error(`Response of ${route}: JSON sent, but the route declares no response`);
  const sent: unknown = JSON.parse(JSON.stringify(body));
  const parsed = spec.response.safeParse(sent);
  const problems = parsed.success
    ? undeclaredKeys(sent, parsed.data, "")
    : parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
  if (problems.length > 0)
    throw new Error(`Response of ${route} does not match its schema: ${problems.slice(0, 5).join("; ")}`);
}

/** Keys present in what was sent but gone from what the schema kept: the schema does not declare them. */
function undeclaredKeys(sent: unknown, kept: unknown, at: string): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) {
    return sent.flatMap((item, i) => undeclaredKeys(item, kept[i], `${at}[${i}]`));
  }
  if (!isRecord(sent) || !isRecord(kept)) return [];
  return Object.entries(sent).flatMap(([key, value]) => {
    const path = at ? `${at}.${key}` : key;
    return key in kept ? undeclaredKeys(value, kept[key], path) : [`${path}: not declared by the schema`];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
