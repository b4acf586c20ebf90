/**
 * Which members a body mentions with `@displayName`. When one name is the start of another
 * (`@Ann` and `@Anna`), an occurrence only counts for the longest name that matches there.
 */
export function pickMentions(body: string, candidates: { id: string; displayName: string }[]): string[] {
  const longestFirst = [...candidates].sort((a, b) => b.displayName.length - a.displayName.length);
  const claimed = new Set<number>();
  const ids = new Set<string>();
  for (const c of longestFirst) {
    const needle = `@${c.displayName}`;
    for (let at = body.indexOf(needle); at !== -1; at = body.indexOf(needle, at + 1)) {
      if (claimed.has(at)) continue;
      claimed.add(at);
      ids.add(c.id);
    }
  }
  return [...ids];
}
