import { Fragment } from "react";
import { splitPhones, telHref } from "./phone-numbers";

/**
 * Help text (hotlines) with every phone number a `tel:` link that never wraps, so one tap on a
 * cheap phone dials it; line breaks are kept.
 */
export function HelpText({ text, className = "pre" }: { text: string; className?: string }) {
  return (
    <p className={className}>
      {splitPhones(text).map((part, i) =>
        i % 2 === 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
          <a key={i} className="tel" href={telHref(part)}>
            {part}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </p>
  );
}
