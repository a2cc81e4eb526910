/** `npm run seeds:check`: validates seeds/ without a database. */
import { readReferenceData } from '../modules/reference/read-seeds.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const ref = await readReferenceData();
  const targets = ref.plans.reduce((n, p) => n + p.data.targets.length, 0);
  console.log(
    `seeds OK: ${ref.provinces.data.length} provinces, ${ref.regions.reduce((n, r) => n + r.data.regions.length, 0)} regions, ${ref.plans.length} plans, ${targets} targets`,
  );
});
