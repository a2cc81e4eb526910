/**
 * The browser tests' server as its own process: `tsx tests/e2e/serve.ts` starts the tracker
 * (see server.ts), prints `READY {"baseUrl":…,"accounts":…}` on one line, and stops — database
 * dropped — on SIGTERM or when its parent closes stdin. Kept out of the test runner's process,
 * where the API tests' global setup runs the WebAssembly schema engine at the same time (two
 * instances of that engine in one process corrupt each other).
 */
import { startTracker } from './server.ts';

async function main() {
  const tracker = await startTracker({ until: '2024Q4' });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await tracker.stop().catch((e: unknown) => console.error(e));
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
  process.stdout.write(
    `READY ${JSON.stringify({ baseUrl: tracker.baseUrl, accounts: tracker.accounts })}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
