/** `npm run seeds:check`: validates seeds/ without a database. */
import { readPublishedFigures } from '../modules/reference/published-figures.ts';
import { readReferenceData } from '../modules/reference/read-seeds.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const ref = await readReferenceData();
  const published = await readPublishedFigures();
  const targets = ref.plans.reduce((n, p) => n + p.data.targets.length, 0);
  const regions = ref.regions.flatMap((r) => r.data.regions);
  const counts = new Map<string, number>();
  for (const r of regions) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  const byKind = [...counts].map(([kind, n]) => `${kind} ${n}`).join(', ');
  console.log(
    `seeds OK: ${ref.provinces.data.length} provinces, ${regions.length} regions, ${ref.plans.length} plans, ${targets} targets`,
  );
  console.log(`published national figures: ${published.data.figures.length}`);
  console.log(`regions by kind: ${byKind} (seeds/README.md reconciles the total with NHSA's 393)`);
});
