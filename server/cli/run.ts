import { StartupError } from '../db/errors.ts';

/** Runs a command; a StartupError becomes one line on stderr and exit code 1, never a stack trace. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof StartupError) {
        console.error(`error: ${err.message}`);
        if (err.hint) console.error(`       ${err.hint}`);
      } else {
        console.error(`error: ${(err as Error)?.message ?? String(err)}`);
        if (process.env.DEBUG) console.error(err);
      }
      process.exit(1);
    },
  );
}
