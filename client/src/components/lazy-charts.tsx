import { type ComponentProps, lazy, Suspense } from "react";
import { Loading } from "./ui";

// recharts is large: load it only on the pages that draw charts.
const LazyStress = lazy(() => import("./charts").then((m) => ({ default: m.StressChart })));

export function StressChart(props: ComponentProps<typeof LazyStress>) {
  return (
    <Suspense fallback={<Loading />}>
      <LazyStress {...props} />
    </Suspense>
  );
}
